// One clock for the whole process: DUBAN_TODAY fixes the day for stamps, 今天, pending expiry
// and reports alike; dates typed anywhere are checked by one function.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clockFrom, fixedDayClock, systemClock } from "../src/clock.js";
import { dateError } from "../src/domain/schedule.js";
import { startTestService, TOKEN, type TestService } from "./helpers/service.js";
import { buildReport } from "../src/report/index.js";
import { endOfShanghaiDay, shanghaiDateTime, shanghaiInstant, startOfShanghaiDay } from "../src/shanghai.js";

describe("Asia/Shanghai dates to instants", () => {
  it("turns a Shanghai date and time into the instant, whatever the server's zone", () => {
    expect(startOfShanghaiDay("2025-04-20").toISOString()).toBe("2025-04-19T16:00:00.000Z");
    expect(endOfShanghaiDay("2025-04-20").toISOString()).toBe("2025-04-20T15:59:59.999Z");
    expect(shanghaiInstant("2025-04-20", "09:30").toISOString()).toBe("2025-04-20T01:30:00.000Z");
    expect(shanghaiDateTime(shanghaiInstant("2025-12-31", "23:59"))).toBe("2025-12-31 23:59");
  });
  it("refuses a day the month does not have instead of rolling it over", () => {
    expect(() => startOfShanghaiDay("2025-02-30")).toThrow(RangeError);
    expect(() => startOfShanghaiDay("2025-13-45")).toThrow(RangeError);
  });
});

describe("the clock", () => {
  it("with DUBAN_TODAY starts at 09:00 of that day in Shanghai and moves on with real time", () => {
    let elapsed = 0;
    const clock = fixedDayClock("2025-04-20", () => elapsed);
    expect(shanghaiDateTime(clock.now())).toBe("2025-04-20 09:00");
    elapsed = 31 * 60_000;
    expect(shanghaiDateTime(clock.now())).toBe("2025-04-20 09:31");
    expect(clock.today()).toBe("2025-04-20");
  });
  it("gives increasing stamps to readings in the same millisecond", () => {
    const clock = fixedDayClock("2025-04-20", () => 0);
    const [a, b, c] = [clock.now(), clock.now(), clock.now()];
    expect(a.getTime()).toBeLessThan(b.getTime());
    expect(b.getTime()).toBeLessThan(c.getTime());
  });
  it("resumes after the latest stamp a process left on the fixed day, so a second process stamps later", () => {
    const resumed = fixedDayClock("2025-04-20", () => 0, shanghaiInstant("2025-04-20", "09:05"));
    expect(resumed.now().getTime()).toBe(shanghaiInstant("2025-04-20", "09:05").getTime() + 1);
    const otherDay = fixedDayClock("2025-04-20", () => 0, shanghaiInstant("2026-11-30", "12:00"));
    expect(shanghaiDateTime(otherDay.now())).toBe("2025-04-20 09:00");
  });
  it("never leaves the fixed day, however long the process runs", () => {
    let elapsed = 0;
    const clock = fixedDayClock("2025-04-20", () => elapsed);
    elapsed = 20 * 3_600_000;
    expect(clock.now().toISOString()).toBe(endOfShanghaiDay("2025-04-20").toISOString());
    expect(clock.today()).toBe("2025-04-20");
  });
  it("is the real time without DUBAN_TODAY, today in Asia/Shanghai", () => {
    expect(clockFrom({})).toBe(systemClock);
    expect(Math.abs(systemClock.now().getTime() - Date.now())).toBeLessThan(1000);
    expect(systemClock.today()).toBe(shanghaiDateTime(new Date()).slice(0, 10));
    expect(clockFrom({ DUBAN_TODAY: "2025-04-20" }).today()).toBe("2025-04-20");
  });
});

describe("dates typed by people", () => {
  it("says what is wrong and the form to type", () => {
    expect(dateError("2025-04-20")).toBeUndefined();
    expect(dateError("2024-02-29")).toBeUndefined();
    expect(dateError("2025-13-45")).toBe("“2025-13-45”不是有效日期：月份应在 01 到 12 之间，请写成 YYYY-MM-DD，例如 2025-04-20");
    expect(dateError("2025-02-30")).toBe("“2025-02-30”不是有效日期：2025 年 2 月只有 28 天，请写成 YYYY-MM-DD，例如 2025-04-20");
    expect(dateError("2025/4/20")).toBe("“2025/4/20”不是 YYYY-MM-DD 格式的日期，请写成 YYYY-MM-DD，例如 2025-04-20");
  });
});

describe("one clock through the service", () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ dataDir: "memory://" });
  });
  afterAll(async () => svc?.close());

  it("with DUBAN_TODAY, stamps, cards and report --date all live on that day", async () => {
    expect(await svc.chat("admin", "城镇新增就业 2400 人")).toContain("2230 人 → 2400 人");
    expect(await svc.chat("admin", "城镇新增就业 2450 人")).toContain("2400 人 → 2450 人");
    const rows = await svc.app.db.prisma.update.findMany({ where: { kind: "set" }, orderBy: { id: "asc" } });
    expect(rows.map((r) => shanghaiDateTime(r.createdAt).slice(0, 10))).toEqual(["2025-04-20", "2025-04-20"]);
    expect(rows[0]!.createdAt.getTime()).toBeLessThan(rows[1]!.createdAt.getTime());
    const card = await svc.chat("admin", "城镇新增就业");
    expect(card).toMatch(/最后更新：2025-04-20 (09|1\d):\d\d/);
    // the report as of today shows what chat just wrote
    expect(await buildReport(svc.app.reports, { date: "2025-04-20", format: "text" })).toContain("城镇新增就业 2450 人");
    const inbound = await svc.app.db.prisma.inboundMessage.findMany();
    expect(inbound.every((m) => m.repliedAt === null || shanghaiDateTime(m.repliedAt).startsWith("2025-04-20"))).toBe(true);
  });

  it("answers a date that does not exist in an API query or body with a 400 that says why", async () => {
    const get = (path: string) => fetch(`${svc.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    for (const path of ["/api/report?date=2025-13-45", "/api/export.xlsx?date=2025-02-30"]) {
      const res = await get(path);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/不是有效日期：.*请写成 YYYY-MM-DD/);
    }
    const remind = await fetch(`${svc.url}/api/remind`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ date: "2025-13-45" }),
    });
    expect(remind.status).toBe(400);
    expect(((await remind.json()) as { error: string }).error).toContain("月份应在 01 到 12 之间");
    expect((await get("/api/report?date=2025-04-20")).status).toBe(200);
  });

  it("refuses a date that does not exist in a message, saying what to type", async () => {
    expect(await svc.chat("admin", "设置期限 城镇新增就业 2025-02-30")).toBe("“2025-02-30”不是日期，请写成：设置期限 城镇新增就业 5月31日");
    expect(await svc.chat("admin", "设置节假日 2025-13-45")).toBe("“2025-13-45”不是日期，请写成：设置节假日 2027-01-01");
  });

  it("expires a pending 确认 by the app's clock", async () => {
    const { createApp } = await import("../src/app.js");
    const { loadConfig } = await import("../src/config.js");
    let t = shanghaiInstant("2025-04-20", "10:00").getTime();
    const clock = { now: () => new Date(t), today: () => "2025-04-20" };
    const app = await createApp(loadConfig({ LOG_LEVEL: "silent", DUBAN_ADMINS: "api:admin", DUBAN_PENDING_MINUTES: "30" }), { dataDir: "memory://" }, clock);
    try {
      const ask = (text: string) => app.bot.handle({ memberId: "api:admin", channel: "api", text });
      expect(await ask("城镇新增就业 2000 人")).toContain("需要您确认");
      t += 29 * 60_000;
      expect(await ask("城镇新增就业 2000 人")).toContain("需要您确认");
      t += 31 * 60_000;
      expect(await ask("确认")).toBe("当前没有待确认的操作。");
      expect((await app.plans.catalog()).indicators.find((i) => i.code === "urban-jobs")!.value).toBe(2230);
      expect(await ask("城镇新增就业 2000 人")).toContain("需要您确认");
      t += 60_000;
      expect(await ask("确认")).toContain("已更新");
      const last = await app.db.prisma.update.findFirstOrThrow({ where: { kind: "set" } });
      expect(shanghaiDateTime(last.createdAt)).toBe("2025-04-20 11:01");
    } finally {
      await app.close();
    }
  });
});
