// A held change (确认) and a numbered choice stay open DUBAN_PENDING_MINUTES and no longer: after
// that, 确认 applies nothing and says there is nothing to confirm, and a number picks nothing.
// The bot reads a clock the test moves (test/helpers/clocked-bot.ts), on every test database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../src/app.js";
import type { Bot } from "../src/bot/bot.js";
import { Pending } from "../src/bot/pending.js";
import { loadConfig } from "../src/config.js";
import { MemberStore } from "../src/store/member-store.js";
import { clockAt, clockedBot, type Clock } from "./helpers/clocked-bot.js";
import { testTargets } from "./helpers/databases.js";
import { startTestService, type TestService } from "./helpers/service.js";

const MINUTES = 10;
const TTL = MINUTES * 60_000;

describe.each(testTargets)("pending actions on $name", (target) => {
  let app: App;
  let drop: () => Promise<void>;
  let clock: Clock;
  let bot: Bot;
  const say = (member: string, text: string) => bot.handle({ memberId: member, channel: "api", text });
  const valueOf = async (name: string) => (await app.plans.catalog()).indicators.find((i) => i.name === name)!.value;

  beforeAll(async () => {
    const created = await target.create();
    drop = created.drop;
    const config = loadConfig({ DUBAN_TODAY: "2025-04-20", DUBAN_ADMINS: "api:admin", DUBAN_PENDING_MINUTES: String(MINUTES), LOG_LEVEL: "silent" });
    app = await createApp(config, created.target);
    clock = clockAt("2025-04-21T09:00:00+08:00");
    bot = clockedBot(app, clock);
    expect(await say("api:admin", "绑定 api:rs 市人社局")).toContain("已绑定");
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it("applies a held change confirmed just before it expires", async () => {
    expect(await valueOf("创业培训")).toBe(170);
    const held = await say("api:rs", "创业培训 100 人"); // a cumulative figure going down is held
    expect(held).toContain("170 人 → 100 人");
    expect(held).toContain("请核对后回复「确认」");
    expect(await valueOf("创业培训")).toBe(170);
    clock.advance(TTL - 1);
    const done = await say("api:rs", "确认");
    expect(done).toContain("已更新");
    expect(done).toContain("170 人 → 100 人");
    expect(await valueOf("创业培训")).toBe(100);
    expect(await say("api:rs", "撤销")).toContain("100 人 → 170 人");
    expect(await valueOf("创业培训")).toBe(170);
  });

  it("applies nothing when 确认 comes once the held change has expired, and says so", async () => {
    await say("api:rs", "创业培训 100 人");
    clock.advance(TTL);
    const late = await say("api:rs", "确认");
    expect(late).toBe("当前没有待确认的操作。");
    expect(await valueOf("创业培训")).toBe(170);
    // a fresh report is held again, with a fresh expiry
    expect(await say("api:rs", "创业培训 100 人")).toContain("请核对后回复「确认」");
    expect(await say("api:rs", "取消")).toBe("已取消，没有做任何修改。");
  });

  it("answers a numbered choice made before it expires", async () => {
    const ask = await say("api:viewer", "新增就业");
    expect(ask).toContain("请回复序号");
    const options = [...ask.matchAll(/^(\d+)\. (.+?)（/gmu)].map((m) => m[2]);
    expect(options.length).toBeGreaterThan(1);
    clock.advance(TTL - 1);
    const picked = await say("api:viewer", "2");
    expect(picked.startsWith(`【${options[1]}】`)).toBe(true);
  });

  it("picks nothing with a number sent once the choice has expired", async () => {
    const ask = await say("api:viewer", "新增就业");
    expect(ask).toContain("请回复序号");
    clock.advance(TTL);
    const late = await say("api:viewer", "2");
    expect(late).toContain("当前没有需要选择的选项");
    expect(late).not.toContain("【");
  });

  it("lets a held report's choice expire too: the number applies nothing", async () => {
    const before = (await app.plans.catalog()).indicators.map((i) => [i.code, i.value]);
    const ask = await say("api:admin", "新增就业 2500 人");
    expect(ask).toContain("请回复序号");
    clock.advance(TTL + 60_000);
    expect(await say("api:admin", "1")).toContain("当前没有需要选择的选项");
    expect((await app.plans.catalog()).indicators.map((i) => [i.code, i.value])).toEqual(before);
  });

  it("keeps a held change when the 确认 that applies it does not commit, and applies it once", async () => {
    // a process dying mid-确认 is a change that never commits: the held change must survive it
    let fail = true;
    const plans = new Proxy(app.plans, {
      get(target, prop, receiver) {
        if (prop === "apply" && fail) {
          return async () => {
            fail = false;
            throw new Error("the process died before the commit");
          };
        }
        const v = Reflect.get(target, prop, receiver);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    const faulty = clockedBot({ ...app, plans } as App, clock);
    expect(await valueOf("职业技能培训")).toBe(299);
    expect(await say("api:rs", "职业技能培训 200 人")).toContain("请核对后回复「确认」");
    await expect(faulty.handle({ memberId: "api:rs", channel: "api", text: "确认" })).rejects.toThrow("died");
    expect(await valueOf("职业技能培训")).toBe(299);
    // the retry of the same 确认, twice at once: applied once
    const both = await Promise.all([say("api:rs", "确认"), say("api:rs", "确认")]);
    expect(both.filter((r) => r.includes("已更新"))).toHaveLength(1);
    expect(both.filter((r) => r === "当前没有待确认的操作。")).toHaveLength(1);
    expect(await valueOf("职业技能培训")).toBe(200);
    expect((await app.plans.history((await app.plans.catalog()).indicators.find((i) => i.name === "职业技能培训")!.id, 5)).filter((h) => h.kind === "set")).toHaveLength(1);
  });

  it("treats a stored action that no longer fits its schema as nothing pending, and logs it", async () => {
    // a row an older version wrote (or a hand edit): the answer is the plain one, never a crash
    const expiresAt = new Date(clock.at.getTime() + TTL);
    const stale = { kind: "confirm", source: "创业培训 100 人" };
    await app.members.setPending("api:rs", stale, expiresAt);
    expect(await say("api:rs", "确认")).toBe("当前没有待确认的操作。");
    const warned: string[] = [];
    const members = new MemberStore(app.db.prisma, { warn: (obj, msg) => warned.push(`${msg} ${JSON.stringify(obj)}`) });
    await members.setPending("api:rs", stale, expiresAt);
    expect(await members.peekPending("api:rs", clock.at, Pending)).toBeUndefined();
    expect(await members.takePending("api:rs", clock.at, Pending)).toBeUndefined();
    expect(warned).toHaveLength(2);
    expect(warned[0]).toContain("api:rs");
    expect(warned[0]).toContain("changes");
    // a fitting one is read back as written
    const choice = { kind: "choose" as const, codes: ["urban-jobs", "hard-to-employ"], intent: { type: "query" as const, ref: { codes: ["urban-jobs", "hard-to-employ"], phrase: "就业" } } };
    await members.setPending("api:rs", choice, expiresAt);
    expect(await members.clearPending("api:rs", clock.at, Pending)).toEqual(choice);
  });
});

describe("DUBAN_PENDING_MINUTES through the composed service", () => {
  let svc: TestService;
  beforeAll(async () => {
    // 0.005 minutes = 300 ms: long enough to 确认 at once, short enough to wait out
    svc = await startTestService({ dataDir: "memory://" }, { DUBAN_PENDING_MINUTES: "0.005" });
    expect(await svc.chat("admin", "绑定 api:rs 市人社局")).toContain("已绑定");
  });
  afterAll(async () => svc?.close());

  it("expires a held change after the configured minutes", async () => {
    expect(await svc.chat("rs", "创业培训 100 人")).toContain("请核对后回复「确认」");
    await new Promise((r) => setTimeout(r, 600));
    expect(await svc.chat("rs", "确认")).toBe("当前没有待确认的操作。");
    expect(await svc.chat("v", "创业培训")).toContain("当前：170 人");
  });
});
