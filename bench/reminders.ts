// `npm run bench:reminders`: building and sending the weekly digest for many units
// (BENCH_UNITS, default 1000), each with a reporter and two indicators behind schedule, on
// embedded PGlite, delivered through the real WeCom message API client to a fake WeCom server
// on 127.0.0.1. Prints the time to plan the digest and to claim + send + record every message.
import { createApp } from "../src/app.js";
import { silentLog } from "../src/log.js";
import { WeComApi } from "../src/channels/wecom/api.js";
import { loadConfig } from "../src/config.js";
import { ReminderRunner } from "../src/reminders/runner.js";
import { channelSink } from "../src/reminders/sinks.js";
import { fakeWeCom } from "../test/fakes/wecom.js";

const UNITS = Number(process.env.BENCH_UNITS ?? 1000);

async function main() {
  const fake = await fakeWeCom().start();
  const app = await createApp(loadConfig({ LOG_LEVEL: "silent", DUBAN_ADMINS: "wecom:boss" }), { dataDir: "memory://" });
  try {
    const plan = await app.db.prisma.plan.findUniqueOrThrow({ where: { year: 2025 } });
    const t0 = performance.now();
    await app.db.prisma.unit.createMany({ data: Array.from({ length: UNITS }, (_, n) => ({ name: `测试单位${n + 1}`, aliases: [] })) });
    const units = await app.db.prisma.unit.findMany({ where: { name: { startsWith: "测试单位" } } });
    await app.db.prisma.indicator.createMany({
      data: units.flatMap((u, n) => [
        { planId: plan.id, code: `bench-a-${n}`, name: `测试指标甲${n + 1}`, kind: "cumulative", unit: "人", target: 1200, value: 100 + (n % 200), unitId: u.id, updatedAt: new Date("2025-04-01T00:00:00+08:00") },
        { planId: plan.id, code: `bench-b-${n}`, name: `测试指标乙${n + 1}`, kind: "cumulative", unit: "个", target: 60, value: 5, unitId: u.id, updatedAt: new Date("2025-04-01T00:00:00+08:00") },
      ]),
    });
    await app.db.prisma.member.createMany({ data: units.map((u, n) => ({ id: `wecom:reporter${n + 1}`, role: "reporter", unitId: u.id })) });
    console.log(`data: ${UNITS} units, ${UNITS * 2} indicators, ${UNITS} reporters in ${(performance.now() - t0).toFixed(0)} ms`);

    const api = new WeComApi({ baseUrl: fake.url, corpId: "ww-bench", secret: "s", agentId: 1, log: silentLog });
    const runner = new ReminderRunner({
      store: app.reminders, plans: app.plans, members: app.members, deliver: channelSink({ wecomApi: api, robots: new Map(), telegram: undefined }, silentLog),
      admins: ["wecom:boss"], robotUnits: [], basis: "monthly", log: silentLog,
    });
    const moment = { date: "2025-04-21", time: "09:00" };
    const t1 = performance.now();
    const preview = await runner.preview(moment);
    const planned = performance.now() - t1;
    const t2 = performance.now();
    const result = await runner.run(moment, new Date("2025-04-21T09:00:00+08:00"));
    const ran = performance.now() - t2;
    const digests = result.sent.filter((o) => o.kind === "digest").length;
    console.log(`plan the digest: ${planned.toFixed(0)} ms for ${preview.outbox.outgoing.length} messages`);
    console.log(`claim + send + record: ${ran.toFixed(0)} ms, ${result.sent.length} sent (${digests} unit digests), ${result.failed.length} failed; fake WeCom got ${fake.calls("/cgi-bin/message/send").length} message/send calls`);
    const again = performance.now();
    const rerun = await runner.run({ ...moment, time: "09:01" }, new Date("2025-04-21T09:01:00+08:00"));
    console.log(`next tick of the same period: ${(performance.now() - again).toFixed(1)} ms, ${rerun.sent.length} sent`);
  } finally {
    await app.close();
    await fake.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
