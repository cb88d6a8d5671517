// Reminders: due dates on the Chinese working-day calendar, digest content against the seeded
// 2025 data, mutes, catch-up, exactly-once across instances and restarts, retries and
// give-up, all with an injected clock (no real waiting) and real channels on fake servers.
import { channelSettings } from "../src/channels/mount.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLog } from "../src/log.js";
import { WorkCalendar } from "../src/reminders/calendar.js";
import { DEFAULT_SETTINGS, dueReminders, inQuietHours, shanghaiMoment, type Moment } from "../src/reminders/due.js";
import { ReminderRunner } from "../src/reminders/runner.js";
import { DEFAULT_RETRY_POLICY } from "../src/store/reminder-store.js";
import { startScheduler } from "../src/reminders/scheduler.js";
import { channelSink, reminderChannels } from "../src/reminders/sinks.js";
import type { HttpFake } from "./fakes/http-fake.js";
import { AES_KEY, CORP_ID, TOKEN, fakeWeCom } from "./fakes/wecom.js";
import { testTargets } from "./helpers/databases.js";
import { startTestService, type TestService } from "./helpers/service.js";

const cal = new WorkCalendar();
const at = (date: string, time = "09:00"): Moment => ({ date, time });
const kinds = (m: Moment, c = cal, s = DEFAULT_SETTINGS) => dueReminders(m, s, c).map((d) => `${d.kind}:${d.period}:${d.dueOn}`);

describe("due dates on the working-day calendar", () => {
  it("sends the weekly digest on Monday at 09:00, and later in the same week if missed", () => {
    expect(kinds(at("2025-04-21", "08:59"))).toEqual([]);
    expect(kinds(at("2025-04-21"))).toEqual(["digest:2025-W17:2025-04-21"]);
    expect(kinds(at("2025-04-23", "07:00"))).toEqual(["digest:2025-W17:2025-04-21"]);
  });

  it("moves a reminder off a holiday: 劳动节 2025-05-01..05 puts Monday's digest on 05-06", () => {
    expect(kinds(at("2025-05-05", "10:00"))).toEqual([]);
    expect(kinds(at("2025-05-06"))).toEqual(["digest:2025-W19:2025-05-06"]);
    // a fill day on the 1st of May waits for the first working day
    expect(kinds(at("2025-05-06"), cal, { ...DEFAULT_SETTINGS, fillDay: 1 })).toContain("fill:2025-05:2025-05-06");
  });

  it("honours a make-up working day: 2025-04-27 is a Sunday with work", () => {
    expect(cal.isWorkday("2025-04-27")).toBe(true);
    expect(kinds(at("2025-04-27"), cal, { ...DEFAULT_SETTINGS, fillDay: 27 })).toContain("fill:2025-04:2025-04-27");
    expect(kinds(at("2025-04-26"), cal, { ...DEFAULT_SETTINGS, fillDay: 26 })).toEqual(["digest:2025-W17:2025-04-21"]);
  });

  it("sends the second reminder two working days before month end and escalates on the last", () => {
    expect(kinds(at("2025-04-25"))).toContain("fill:2025-04:2025-04-25");
    expect(kinds(at("2025-04-29"))).toContain("fill-final:2025-04:2025-04-29");
    expect(kinds(at("2025-04-29"))).not.toContain("fill:2025-04:2025-04-25");
    expect(kinds(at("2025-04-30", "16:59"))).not.toContain("escalation:2025-04:2025-04-30");
    expect(kinds(at("2025-04-30", "17:00"))).toContain("escalation:2025-04:2025-04-30");
  });

  it("never sends a stale period: in May nothing of April is due", () => {
    expect(kinds(at("2025-05-06", "18:00")).filter((k) => k.includes("2025-04"))).toEqual([]);
  });

  it("takes the days an admin adds over the package", () => {
    const custom = new WorkCalendar(new Map([["2025-04-21", false]]));
    expect(kinds(at("2025-04-21"), custom)).toEqual([]);
    expect(kinds(at("2025-04-22"), custom)).toEqual(["digest:2025-W17:2025-04-22"]);
  });

  it("keeps quiet hours across midnight and works in Asia/Shanghai whatever the server's zone", () => {
    expect(inQuietHours("23:30", DEFAULT_SETTINGS)).toBe(true);
    expect(inQuietHours("07:59", DEFAULT_SETTINGS)).toBe(true);
    expect(inQuietHours("08:00", DEFAULT_SETTINGS)).toBe(false);
    expect(shanghaiMoment(new Date("2025-04-21T01:00:00Z"))).toEqual({ date: "2025-04-21", time: "09:00" });
    expect(shanghaiMoment(new Date("2025-04-20T16:30:00Z"))).toEqual({ date: "2025-04-21", time: "00:30" });
  });
});

describe.each(testTargets)("running reminders on $name", (db) => {
  let fake: HttpFake;
  let svc: TestService;
  let drop: () => Promise<void>;
  const moment = (date: string, time = "09:00") => ({ date, time });
  const when = (date: string, time = "09:00") => new Date(`${date}T${time.length === 5 ? `${time}:00` : time}+08:00`);
  const runner = () => svc.runner;
  const freshRunner = () =>
    new ReminderRunner({
      store: svc.app.reminders, plans: svc.app.plans, members: svc.app.members, deliver: channelSink(reminderChannels(channelSettings(svc.app.config), svc.channels, silentLog), silentLog),
      admins: svc.app.config.DUBAN_ADMINS, robotUnits: [...svc.channels.robots.keys()], basis: "monthly", log: silentLog,
    });

  beforeAll(async () => {
    fake = await fakeWeCom().start();
    const created = await db.create();
    drop = created.drop;
    svc = await startTestService(created.target, {
      WECOM_CORP_ID: CORP_ID, WECOM_TOKEN: TOKEN, WECOM_AES_KEY: AES_KEY, WECOM_SECRET: "s", WECOM_AGENT_ID: "1000002",
      WECOM_API_BASE: fake.url, WECOM_ROBOT_KEYS: "市消防救援大队=robot-xf", DUBAN_RETRY_BASE_MS: "2",
      DUBAN_ADMINS: "api:admin,wecom:boss",
    });
    await svc.chat("admin", "绑定 wecom:zhangsan 市人社局");
    await svc.chat("admin", "绑定 wecom:lisi 市人社局");
    await svc.chat("admin", "绑定 wecom:xfz 市消防救援大队");
    await svc.chat("admin", "绑定 wecom:fuz 市妇联");
  });
  afterAll(async () => {
    await svc?.close();
    await fake?.stop();
    await drop?.();
  });

  it("builds the 2025-04-21 digest from the seeded data: who is behind, by how much", async () => {
    const { due, outbox: plan } = await runner().preview(moment("2025-04-21"));
    expect(due.map((d) => d.kind)).toEqual(["digest"]);
    const units = [...new Set(plan.outgoing.filter((o) => o.kind === "digest").map((o) => o.unit))].sort();
    expect(units).toEqual(["市人社局", "市妇联", "市消防救援大队"]);
    const rs = plan.outgoing.find((o) => o.recipient === "wecom:zhangsan")!;
    expect(rs.text).toContain("创业培训：170/530 人，完成 32.08%，时序进度 33.33%，还差 7 人");
    expect(rs.text).toContain("直接回复：创业培训 XX 人（XX 为最新数字）");
    // never a figure to copy: not the on-pace 177 nor the target
    expect(rs.text).not.toMatch(/直接回复：创业培训 \d/);
    expect(plan.outgoing.filter((o) => o.unit === "市人社局").map((o) => o.recipient).sort()).toEqual(["wecom:lisi", "wecom:zhangsan"]);
    const xf = plan.outgoing.find((o) => o.unit === "市消防救援大队")!;
    expect(xf).toMatchObject({ recipient: "robot:市消防救援大队", mentions: ["xfz"] });
    expect(xf.text).toContain("无线感烟火灾探测报警器：605/4597 个，完成 13.16%，时序进度 33.33%，还差 928 个");
    expect(plan.outgoing.find((o) => o.unit === "市妇联")!.text).toContain("还差 27 场");
    // nobody else: units with nothing behind get nothing
    expect(plan.outgoing.some((o) => o.unit === "市教育局")).toBe(false);
    const summary = plan.outgoing.find((o) => o.kind === "digest-admin" && o.recipient === "wecom:boss")!.text;
    expect(summary.indexOf("市妇联")).toBeLessThan(summary.indexOf("市消防救援大队"));
    expect(summary.indexOf("市消防救援大队")).toBeLessThan(summary.indexOf("市人社局"));
  });

  it("sends each reminder once: again, from a restarted runner, or from two at the same time", async () => {
    const robotBefore = fake.calls("/cgi-bin/webhook/send").length;
    const apiBefore = fake.calls("/cgi-bin/message/send").length;
    const [a, b] = await Promise.all([freshRunner().run(moment("2025-04-22"), when("2025-04-22")), freshRunner().run(moment("2025-04-22"), when("2025-04-22"))]);
    const sent = [...a.sent, ...a.logged, ...b.sent, ...b.logged];
    const keys = sent.map((o) => `${o.recipient}|${o.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(fake.calls("/cgi-bin/webhook/send").length - robotBefore).toBe(1);
    const toMembers = fake.calls("/cgi-bin/message/send").slice(apiBefore).map((r) => (r.body as { touser: string }).touser).sort();
    expect(toMembers).toEqual(["boss", "fuz", "lisi", "zhangsan"]);
    const robot = fake.calls("/cgi-bin/webhook/send").at(-1)!.body as { text: { content: string; mentioned_list: string[] } };
    expect(robot.text.mentioned_list).toEqual(["xfz"]);
    // a restart: a new runner with nothing in memory sends nothing twice
    const again = await freshRunner().run(moment("2025-04-23"), when("2025-04-23"));
    expect(again.sent).toEqual([]);
    expect(again.skipped.length).toBe(sent.length);
    const log = await svc.app.reminders.entries({ period: "2025-W17" });
    expect(log.every((e) => e.status === "sent" || e.status === "logged")).toBe(true);
  });

  it("takes over a claim whose holder stopped renewing its lease, once, within the lease", async () => {
    const req = { recipient: "wecom:ghost", kind: "digest", period: "2025-W40", unit: null, body: "x" };
    const policy = { ...DEFAULT_RETRY_POLICY, leaseMs: 60_000 };
    expect(await svc.app.reminders.claim(req, "dead", when("2025-09-29"), policy)).toMatchObject({ attempts: 1, unsure: 1 });
    expect(await svc.app.reminders.claim(req, "live", when("2025-09-29", "09:00:59"), policy)).toBeNull();
    expect(await svc.app.reminders.claim(req, "live", when("2025-09-29", "09:01:01"), policy)).toMatchObject({ attempts: 2, unsure: 2 });
    expect(await svc.app.reminders.claim(req, "other", when("2025-09-29", "09:01:02"), policy)).toBeNull();
  });

  it("catches up after downtime within the period, not in quiet hours, never for an old period", async () => {
    const r = freshRunner();
    const quiet = await r.run(moment("2025-04-29", "07:30"), when("2025-04-29", "07:30"));
    expect(quiet.quiet).toBe(true);
    // down from Friday 04-25 to Tuesday 04-29 08:00: W18's digest and April's fill reminder go
    // out (W17's digest is gone with its week); the firmer reminder waits for 09:00
    const back = await r.run(moment("2025-04-29", "08:00"), when("2025-04-29", "08:00"));
    expect(back.due.map((d) => `${d.kind}:${d.period}`)).toEqual(["digest:2025-W18", "fill:2025-04"]);
    expect(back.sent.length).toBeGreaterThan(0);
    const may = await r.run(moment("2025-05-06"), when("2025-05-06"));
    expect(may.due.map((d) => d.period)).toEqual(["2025-W19"]);
  });

  it("mutes a unit until a date, by an admin's message", async () => {
    expect(await svc.chat("zhangsan-viewer", "暂停提醒 市人社局 到 5月20日")).toContain("只有管理员");
    expect(await svc.chat("admin", "暂停提醒 市人社局 到 5月20日")).toContain("2025-05-20");
    const { outbox: plan } = await runner().preview(moment("2025-05-12"));
    expect(plan.outgoing.some((o) => o.unit === "市人社局")).toBe(false);
    expect(plan.notes.join()).toContain("市人社局 已暂停提醒至 2025-05-20");
    expect((await runner().preview(moment("2025-05-26"))).outbox.outgoing.some((o) => o.unit === "市人社局")).toBe(true);
    expect(await svc.chat("admin", "恢复提醒 市人社局")).toContain("已恢复");
  });

  it("changes the schedule and the calendar by message", async () => {
    expect(await svc.chat("admin", "提醒设置")).toContain("每周一 09:00");
    expect(await svc.chat("admin", "提醒设置 周报 周二 10:30")).toContain("每周二 10:30");
    expect((await runner().preview(moment("2025-06-02", "23:00"))).due).toEqual([]);
    expect((await runner().preview(moment("2025-06-03", "10:30"))).due.map((d) => d.kind)).toEqual(["digest"]);
    expect(await svc.chat("admin", "设置节假日 2025-06-03")).toContain("休息日");
    expect((await runner().preview(moment("2025-06-03", "10:30"))).due).toEqual([]);
    expect((await runner().preview(moment("2025-06-04", "10:30"))).due.map((d) => d.dueOn)).toEqual(["2025-06-04"]);
    expect(await svc.chat("admin", "提醒设置 免打扰 21:00-07:30")).toContain("免打扰 21:00-07:30");
    expect(await svc.chat("admin", "提醒设置 周报 某天")).toContain("请写成");
    await svc.chat("admin", "提醒设置 周报 周一 09:00");
  });

  it("sends the monthly fill-in reminder to units that have not reported this month", async () => {
    await svc.chat("zhangsan", "就业困难人员就业 570 人"); // not a May update for everything of 市人社局
    const { outbox: plan } = await runner().preview(moment("2025-05-26"));
    const fill = plan.outgoing.filter((o) => o.kind === "fill");
    expect(fill.some((o) => o.unit === "市教育局")).toBe(false); // nobody of 市教育局 is bound, no robot
    expect(plan.notes.join()).toContain("市教育局 没有绑定填报员");
    const rs = fill.find((o) => o.recipient === "wecom:zhangsan")!.text;
    expect(rs).toContain("【填报提醒】市人社局：2025年5月尚有");
    const { outbox: end } = await runner().preview(moment("2025-05-30", "17:00"));
    expect(end.outgoing.find((o) => o.kind === "fill-final" && o.recipient === "wecom:zhangsan")!.text).toContain("第二次提醒");
    expect(end.outgoing.find((o) => o.kind === "escalation" && o.recipient === "wecom:boss")!.text).toContain("本月仍未填报");
  });

  it("goes on with the batch past a failing channel, and sends the failed one on a later tick after backoff", async () => {
    // the robot fails twice; one member message meets a rate-limit answer once
    fake.fail("/cgi-bin/webhook/send", { status: 500 }, { status: 500 });
    fake.fail("/cgi-bin/message/send", { json: { errcode: 45009, errmsg: "freq" } });
    const robotBefore = fake.calls("/cgi-bin/webhook/send").length;
    const r = freshRunner();
    const first = await r.run(moment("2025-07-07"), when("2025-07-07"));
    expect(first.failed).toEqual([]);
    expect(first.retrying.map((f) => f.outgoing.recipient)).toContain("robot:市消防救援大队");
    expect(first.retrying.length).toBe(2);
    expect(first.sent.length).toBeGreaterThanOrEqual(3);
    const waiting = (await svc.app.reminders.entries({ period: "2025-W28" })).find((e) => e.recipient === "robot:市消防救援大队")!;
    expect(waiting).toMatchObject({ status: "retry", attempts: 1, unsure: 0 });
    expect(waiting.lastError).toContain("HTTP 500");
    // a minute later both are due again: the member message goes, the robot fails once more
    const second = await r.run(moment("2025-07-07", "09:01"), when("2025-07-07", "09:01"));
    expect(second.sent.length).toBe(1);
    expect(second.retrying.map((f) => f.outgoing.recipient)).toEqual(["robot:市消防救援大队"]);
    // backoff: the next try is two minutes later, not at 09:02
    expect((await r.run(moment("2025-07-07", "09:02"), when("2025-07-07", "09:02"))).sent).toEqual([]);
    const third = await r.run(moment("2025-07-07", "09:03"), when("2025-07-07", "09:03"));
    expect(third.sent.map((o) => o.recipient)).toEqual(["robot:市消防救援大队"]);
    expect(fake.calls("/cgi-bin/webhook/send").length - robotBefore).toBe(3);
    expect((fake.calls("/cgi-bin/webhook/send").at(-1)!.body as { text: { mentioned_list: string[] } }).text.mentioned_list).toEqual(["xfz"]);
    const log = await svc.app.reminders.entries({ period: "2025-W28" });
    expect(log.every((e) => e.status === "sent" || e.status === "logged")).toBe(true);
    expect(log.some((e) => e.kind === "failures")).toBe(false);
  });

  it("runs from node-cron: catches up at start, one tick per slot across instances", async () => {
    const now = () => when("2025-08-04", "09:01");
    const s1 = startScheduler(freshRunner(), svc.app.reminders, silentLog, now);
    const s2 = startScheduler(freshRunner(), svc.app.reminders, silentLog, now);
    await Promise.all([s1.caughtUp, s2.caughtUp]);
    await s1.stop();
    await s2.stop();
    const log = await svc.app.reminders.entries({ period: "2025-W32" });
    const keys = log.map((e) => `${e.recipient}|${e.kind}`);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
    expect(await svc.app.reminders.lease("duban-reminders:2025-08-04T01:02:00.000Z", "a", 60_000, now())).toBe(true);
    expect(await svc.app.reminders.lease("duban-reminders:2025-08-04T01:02:00.000Z", "b", 60_000, now())).toBe(false);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("two service instances on one PostgreSQL", () => {
  it("send each reminder once, from their schedulers and from a manual run at the same time", async () => {
    const fake = await fakeWeCom().start();
    const created = await testTargets.find((t) => t.name === "postgres")!.create();
    const env = {
      WECOM_CORP_ID: CORP_ID, WECOM_TOKEN: TOKEN, WECOM_AES_KEY: AES_KEY, WECOM_SECRET: "s", WECOM_AGENT_ID: "1000002",
      WECOM_API_BASE: fake.url, DUBAN_ADMINS: "wecom:boss,api:boss", DUBAN_RETRY_BASE_MS: "2", DUBAN_TODAY: "2025-04-21",
    };
    const a = await startTestService(created.target, env);
    const b = await startTestService(created.target, env);
    try {
      await a.chat("boss", "绑定 wecom:zhangsan 市人社局");
      await a.chat("boss", "绑定 wecom:fuz 市妇联");
      const now = () => new Date("2025-04-21T09:00:00+08:00");
      const schedulers = [startScheduler(a.runner, a.app.reminders, silentLog, now), startScheduler(b.runner, b.app.reminders, silentLog, now)];
      const manual = await Promise.all([a.runner.run({ date: "2025-04-21", time: "09:00" }, now()), b.runner.run({ date: "2025-04-21", time: "09:00" }, now())]);
      await Promise.all(schedulers.map((s) => s.caughtUp));
      await Promise.all(schedulers.map((s) => s.stop()));
      const sends = fake.calls("/cgi-bin/message/send").map((r) => (r.body as { touser: string }).touser).sort();
      expect(sends).toEqual(["boss", "fuz", "zhangsan"]);
      // the manual runs found most already claimed by the schedulers' catch-up, and sent nothing twice
      expect(manual.flatMap((m) => m.sent).length).toBeLessThanOrEqual(3);
      const log = await a.app.reminders.entries({ period: "2025-W17" });
      expect(log.map((e) => `${e.recipient}|${e.kind}|${e.status}`).sort()).toEqual([
        "api:boss|digest-admin|logged", "wecom:boss|digest-admin|sent", "wecom:fuz|digest|sent", "wecom:zhangsan|digest|sent",
      ]);
    } finally {
      await a.close();
      await b.close();
      await created.drop();
      await fake.stop();
    }
  });
});
