// Reminders under faults, against the fake WeCom server: a holder that dies mid-send (a claim
// that is never renewed, and a real service process killed with SIGKILL), a channel answering
// 500 for a while, the admins' failure report on a dead channel, and answers lost after WeCom
// accepted the message. Ticks are driven with a fake clock; only lease renewal and request
// timeouts use short real intervals.
import { channelSettings } from "../src/channels/mount.js";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { silentLog } from "../src/log.js";
import { ReminderRunner } from "../src/reminders/runner.js";
import { channelSink, reminderChannels } from "../src/reminders/sinks.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../src/store/reminder-store.js";
import { startServiceProcess } from "../scripts/service-process.js";
import type { HttpFake } from "./fakes/http-fake.js";
import { AES_KEY, CORP_ID, TOKEN, fakeWeCom } from "./fakes/wecom.js";
import { testTargets } from "./helpers/databases.js";
import { startTestService, type TestService } from "./helpers/service.js";

const SEND = "/cgi-bin/message/send";
const MINUTE = 60_000;
// Monday 2025-04-21 09:00 in Shanghai: the weekly digest is due; no unit has a reporter bound,
// so the one message is the admins' digest to wecom:boss
const T0 = new Date("2025-04-21T09:00:00+08:00");
const at = (ms: number) => new Date(T0.getTime() + ms);

function wecomEnv(fake: HttpFake, extra: Record<string, string> = {}): Record<string, string> {
  return {
    WECOM_CORP_ID: CORP_ID, WECOM_TOKEN: TOKEN, WECOM_AES_KEY: AES_KEY, WECOM_SECRET: "s", WECOM_AGENT_ID: "1000002",
    WECOM_API_BASE: fake.url, DUBAN_ADMINS: "wecom:boss", DUBAN_RETRY_BASE_MS: "2", ...extra,
  };
}

/** Messages the fake WeCom received for a member (accepted or not). */
const sendsTo = (fake: HttpFake, user: string) => fake.calls(SEND).filter((r) => (r.body as { touser: string }).touser === user);
const contentOf = (r: { body: unknown }) => (r.body as { text: { content: string } }).text.content;

describe.each(testTargets)("reminders under faults on $name", (db) => {
  let fake: HttpFake;
  let svc: TestService;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    fake = await fakeWeCom().start();
    const created = await db.create();
    drop = created.drop;
    svc = await startTestService(created.target, wecomEnv(fake));
  });
  afterAll(async () => {
    await svc?.close();
    await fake?.stop();
    await drop?.();
  });
  // each case starts from an empty log and a fresh record of requests (each uses up its faults)
  beforeEach(async () => {
    await svc.app.db.prisma.reminderLog.deleteMany();
    fake.requests.length = 0;
  });
  const setup = async () => ({ fake, svc });

  /** A runner like the service's (its own holder id), with a short lease and request timeout. */
  function runner(svc: TestService, retry: Partial<RetryPolicy> = {}, timeoutMs = 10_000) {
    return new ReminderRunner({
      store: svc.app.reminders, plans: svc.app.plans, members: svc.app.members,
      deliver: channelSink(reminderChannels(channelSettings(svc.app.config), svc.channels, silentLog, timeoutMs), silentLog),
      admins: svc.app.config.DUBAN_ADMINS, robotUnits: [], basis: "monthly", log: silentLog, retry,
    });
  }
  const tick = (r: ReminderRunner, now: Date) => r.run(r.moment(now), now);

  it("sends a claim left by a dead holder from another live runner as soon as its lease runs out", async () => {
    const { fake, svc } = await setup();
    const policy = { ...DEFAULT_RETRY_POLICY, leaseMs: 90_000 };
    // a holder claims the admins' digest and dies before sending: it never renews
    const { outbox: plan } = await runner(svc).preview(runner(svc).moment(T0));
    const o = plan.outgoing.find((x) => x.recipient === "wecom:boss")!;
    expect(await svc.app.reminders.claim({ ...o, body: o.text }, "dead-holder", T0, policy)).not.toBeNull();
    const live = runner(svc, { leaseMs: 90_000 });
    expect((await tick(live, at(MINUTE))).sent).toEqual([]);
    expect(sendsTo(fake, "boss")).toEqual([]);
    // the next tick after the lease ran out (90 s ≤ 2 min) takes it over and sends it
    const taken = await tick(live, at(2 * MINUTE));
    expect(taken.sent.map((x) => `${x.recipient}|${x.kind}`)).toEqual(["wecom:boss|digest-admin"]);
    expect(sendsTo(fake, "boss").map(contentOf)).toEqual([o.text]);
    const [row] = await svc.app.reminders.entries({ kind: "digest-admin" });
    expect(row).toMatchObject({ status: "sent", holder: live.holder, attempts: 2, unsure: 2 });
    expect((await tick(runner(svc), at(3 * MINUTE))).sent).toEqual([]);
  });

  it("keeps a live holder's claim while a slow send lasts: it renews the lease, nobody sends twice", async () => {
    const { fake, svc } = await setup();
    fake.fail(SEND, { delayMs: 5000 });
    const slow = runner(svc, { leaseMs: 1500 });
    const other = runner(svc, { leaseMs: 1500 });
    const started = Date.now();
    const first = tick(slow, T0);
    // while the send hangs, the other instance ticks again and again past the first lease
    const others: Promise<unknown>[] = [];
    for (let i = 0; i < 7; i++) {
      await new Promise((r) => setTimeout(r, 600));
      others.push(tick(other, at(Date.now() - started)));
    }
    expect((await first).sent.map((x) => x.recipient)).toEqual(["wecom:boss"]);
    await Promise.all(others);
    expect(sendsTo(fake, "boss").length).toBe(1);
    expect((await svc.app.reminders.entries({ kind: "digest-admin" }))[0]).toMatchObject({ status: "sent", holder: slow.holder, attempts: 1 });
  });

  it("retries sends WeCom answers 500 on later ticks with backoff: the reminder arrives once", async () => {
    const { fake, svc } = await setup();
    fake.fail(SEND, { status: 500 }, { status: 500 }, { status: 500 });
    const r = runner(svc);
    const first = await tick(r, T0);
    expect(first.retrying.map((f) => f.outgoing.recipient)).toEqual(["wecom:boss"]);
    expect(first.failed).toEqual([]);
    // 1, 2, 4 minutes apart; the ticks between find nothing due
    const sentAt: number[] = [];
    for (let m = 1; m <= 10; m++) {
      const res = await tick(r, at(m * MINUTE));
      if (res.sent.length) sentAt.push(m);
      expect(res.failed).toEqual([]);
    }
    expect(sentAt).toEqual([7]);
    expect(sendsTo(fake, "boss").length).toBe(4);
    const [row] = await svc.app.reminders.entries({ kind: "digest-admin" });
    expect(row).toMatchObject({ status: "sent", attempts: 4, unsure: 1 });
    // nothing failed for good: no failure report
    expect(await svc.app.reminders.entries({ kind: "failures" })).toEqual([]);
  });

  it("gives up when the period is over, and reports to the admins once the channel works again", async () => {
    const { fake, svc } = await setup();
    fake.fail(SEND, ...Array.from({ length: 4 }, () => ({ status: 500 })));
    const r = runner(svc, { maxAttempts: 2 });
    expect((await tick(r, T0)).retrying.length).toBe(1);
    // the second attempt uses up the digest's attempts; the report goes out on the same dead channel
    const second = await tick(r, at(MINUTE));
    expect(second.failed.map((f) => `${f.outgoing.recipient}|${f.outgoing.kind}`)).toEqual(["wecom:boss|digest-admin"]);
    expect(second.retrying.map((f) => f.outgoing.kind)).toEqual(["failures"]);
    // the report is a log row like the others: retried with backoff, not burnt on the dead channel
    expect((await tick(r, at(2 * MINUTE))).retrying.map((f) => f.outgoing.kind)).toEqual(["failures"]);
    expect((await tick(r, at(3 * MINUTE))).sent).toEqual([]);
    const back = await tick(r, at(4 * MINUTE));
    expect(back.sent.map((o) => o.kind)).toEqual(["failures"]);
    for (let m = 5; m <= 40; m += 5) expect((await tick(r, at(m * MINUTE))).sent).toEqual([]);
    const reports = sendsTo(fake, "boss").filter((x) => contentOf(x).includes("发送失败"));
    expect(reports.length).toBe(3); // two answered 500, the third accepted
    expect(contentOf(reports[2]!)).toContain("【督办】2025-W17 有 1 条提醒发送失败（已重试）");
    expect(contentOf(reports[2]!)).toContain("wecom:boss（digest-admin）：HTTP 500");
    expect(await svc.app.reminders.entries({ kind: "failures" })).toMatchObject([{ status: "sent", attempts: 3 }]);
  });

  it("never sends an old period's failed reminder: a new week gives it up and reports it", async () => {
    const { fake, svc } = await setup();
    fake.fail(SEND, { status: 500 });
    const r = runner(svc);
    expect((await tick(r, T0)).retrying.length).toBe(1);
    // the service was down until the next Monday, when WeCom works again
    const next = new Date("2025-04-28T09:00:00+08:00");
    const res = await tick(r, next);
    expect(res.sent.map((o) => `${o.kind}|${o.period}`).sort()).toEqual(["digest-admin|2025-W18", "failures|2025-W17"]);
    expect((await svc.app.reminders.entries({ period: "2025-W17", kind: "digest-admin" }))[0]).toMatchObject({ status: "failed" });
    expect(sendsTo(fake, "boss").filter((x) => contentOf(x).startsWith("【督办周报】截至 2025-04-21")).length).toBe(1);
  });

  it("resends a message whose answer was lost at most once", async () => {
    const { fake, svc } = await setup();
    // WeCom takes the message and the answer never comes, twice: each time it may have arrived
    fake.fail(SEND, { hang: true }, { hang: true });
    const r = runner(svc, {}, 300);
    const first = await tick(r, T0);
    expect(first.retrying).toMatchObject([{ ambiguous: true }]);
    expect((await svc.app.reminders.entries({ kind: "digest-admin" }))[0]).toMatchObject({ status: "uncertain", unsure: 1 });
    const second = await tick(r, at(MINUTE));
    expect(second.failed.map((f) => f.outgoing.recipient)).toEqual(["wecom:boss"]);
    // WeCom works again: still no third copy, however many ticks
    for (let m = 2; m <= 60; m += 7) expect((await tick(r, at(m * MINUTE))).sent.filter((o) => o.kind === "digest-admin")).toEqual([]);
    expect(sendsTo(fake, "boss").filter((x) => contentOf(x).startsWith("【督办周报】")).length).toBe(2);
    expect((await svc.app.reminders.entries({ kind: "digest-admin" }))[0]).toMatchObject({ status: "failed", unsure: 2, attempts: 2 });
  });

  it("after a lost answer, definite rejections are retried by backoff and the message arrives at most twice", async () => {
    const { fake, svc } = await setup();
    fake.fail(SEND, { hang: true }, { status: 500 }, { json: { errcode: 45009, errmsg: "api freq out of limit" } });
    const r = runner(svc, {}, 300);
    const outcomes: string[] = [];
    for (let m = 0; m <= 10; m++) {
      const res = await tick(r, at(m * MINUTE));
      outcomes.push(...res.retrying.map((f) => `${m}:${f.ambiguous ? "lost" : "rejected"}`), ...res.sent.map(() => `${m}:sent`));
    }
    expect(outcomes).toEqual(["0:lost", "1:rejected", "3:rejected", "7:sent"]);
    // the lost one may have arrived, the last one did: one duplicate at most
    expect(sendsTo(fake, "boss").length).toBe(4);
    expect((await svc.app.reminders.entries({ kind: "digest-admin" }))[0]).toMatchObject({ status: "sent", unsure: 2, attempts: 4 });
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("a service process killed with SIGKILL mid-send", () => {
  it("leaves a claim another live instance sends once its lease runs out, within 2 minutes", async () => {
    const fake = await fakeWeCom().start();
    const created = await testTargets.find((t) => t.name === "postgres")!.create();
    const dataDir = await mkdtemp(path.join(tmpdir(), "duban-kill-"));
    // the first send hangs: the child is mid-send when it is killed
    fake.fail(SEND, { hang: true });
    const env = wecomEnv(fake, { DUBAN_TODAY: "2025-04-22", DUBAN_QUIET_HOURS: "00:00-00:00" });
    const child = await startServiceProcess({ ...env, DATABASE_URL: (created.target as { url: string }).url, DUBAN_DATA_DIR: dataDir, DUBAN_API_TOKEN: "kill-test-token-0123" });
    let svc: TestService | undefined;
    try {
      for (let i = 0; sendsTo(fake, "boss").length === 0; i++) {
        if (i > 300) throw new Error("the child did not start sending in 30 s");
        await new Promise((r) => setTimeout(r, 100));
      }
      process.kill(child.pid, "SIGKILL");
      const killedAt = Date.now();
      svc = await startTestService(created.target, env);
      const [held] = await svc.app.reminders.entries({ kind: "digest-admin" });
      expect(held).toMatchObject({ status: "pending", attempts: 1, unsure: 1 });
      // both processes live on DUBAN_TODAY's clock: the lease is measured on it
      const within = svc.app.clock.now();
      expect(held!.leaseUntil!.getTime() - within.getTime()).toBeLessThanOrEqual(2 * MINUTE);
      expect(Date.now() - killedAt).toBeLessThan(2 * MINUTE);
      const live = runner2(svc);
      // still within the lease: the row is left alone
      expect((await live.run(live.moment(within), within)).sent).toEqual([]);
      // the first tick after the lease ran out sends it (a fake clock: no waiting 2 minutes)
      const after = new Date(held!.leaseUntil!.getTime() + 1000);
      const taken = await live.run(live.moment(after), after);
      expect(taken.sent.map((o) => o.recipient)).toEqual(["wecom:boss"]);
      expect(sendsTo(fake, "boss").length).toBe(2);
      expect((await svc.app.reminders.entries({ kind: "digest-admin" }))[0]).toMatchObject({ status: "sent", holder: live.holder, unsure: 2 });
    } finally {
      await child.stop();
      await svc?.close();
      await created.drop();
      await fake.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  function runner2(svc: TestService) {
    return new ReminderRunner({
      store: svc.app.reminders, plans: svc.app.plans, members: svc.app.members,
      deliver: channelSink(reminderChannels(channelSettings(svc.app.config), svc.channels, silentLog), silentLog),
      admins: svc.app.config.DUBAN_ADMINS, robotUnits: [], basis: "monthly", log: silentLog,
    });
  }
});
