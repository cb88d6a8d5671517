// Questions beyond one card, through the real service: as of a past day (the history replayed
// as `report --date` does), the change over a stretch, comparisons, one fact asked, and
// follow-ups that lean on the same member's previous turn. Today is 2025-05-10 here, so the
// seed (stamped 2025-04-20) is last month's figure and a report today is this month's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseMessage } from "../src/nlu/parse.js";
import { vocabularyOf } from "../src/nlu/vocabulary.js";
import { catalog2025 } from "./helpers/catalog.js";
import { startTestService, type TestService } from "./helpers/service.js";

const vocab = vocabularyOf(catalog2025());
const parse = (t: string) => parseMessage(t, vocab);

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ dataDir: "memory://" }, { DUBAN_TODAY: "2025-05-10" });
  await svc.chat("admin", "绑定 api:rs1 市人社局");
  expect(await svc.chat("rs1", "城镇新增就业 2500 人")).toContain("已更新");
  expect(await svc.chat("admin", "烟感报警器又装了95个")).toContain("已更新");
});
afterAll(async () => svc?.close());

describe("as of a past day", () => {
  it("上个月 / 4月20日 give the seeded figure with the day it stands as of", async () => {
    for (const text of ["上个月城镇新增就业是多少", "4月30日的城镇新增就业", "截至4月20日城镇新增就业多少"]) {
      const r = await svc.chat("viewer", text);
      expect(r, text).toContain("2230 人");
      expect(r, text).not.toContain("2500 人");
      expect(r, text).toMatch(/截至4月(30|20)日/);
      expect(r, text).toContain("【城镇新增就业】");
    }
  });

  it("a day before anything was recorded says so, with the earliest record", async () => {
    const r = await svc.chat("viewer", "3月底烟感报警器装了多少");
    expect(r).toContain("截至3月31日还没有任何记录");
    // the earliest figure itself, not only its day: what the official wants next
    expect(r).toContain("最早的记录在4月20日：605 个");
  });

  it("today is the plain card, without a date caveat", async () => {
    const r = await svc.chat("viewer", "今天城镇新增就业是多少");
    expect(r).toContain("2500 人");
    expect(r).not.toContain("截至");
  });

  it("a day after today or before the plan year is one sentence saying what to ask", async () => {
    expect(await svc.chat("viewer", "5月20日城镇新增就业是多少")).toMatch(/^5月20日还没有到（今天是5月10日），请问今天或之前的日期/);
    expect(await svc.chat("viewer", "2024年12月31日城镇新增就业")).toContain("早于2025年计划开始");
  });
});

describe("change over a stretch", () => {
  it("比上月 / 本月: now minus last month's end, both figures and days", async () => {
    for (const text of ["城镇新增就业比上月增加了多少", "城镇新增就业本月新增了多少"]) {
      const r = await svc.chat("viewer", text);
      expect(r, text).toContain("增加 270 人");
      expect(r, text).toContain("4月30日 2230 人");
      expect(r, text).toContain("5月10日 2500 人");
    }
  });

  it("这周烟感装了多少个: the week's increment", async () => {
    const r = await svc.chat("viewer", "这周烟感装了多少个");
    expect(r).toContain("增加 95 个");
    expect(r).toContain("5月4日 605 个");
  });

  it("比3月底多了多少 with nothing on record then: from the earliest record instead", async () => {
    const r = await svc.chat("viewer", "烟感比3月底多了多少");
    expect(r).toContain("3月31日以前没有记录");
    expect(r).toContain("4月20日的 605 个");
    expect(r).toContain("增加 95 个");
  });
});

describe("comparisons", () => {
  it("哪个快: both completions and paces, and which is further ahead", async () => {
    const r = await svc.chat("viewer", "城镇新增就业和失业人员再就业哪个快");
    expect(r).toContain("城镇新增就业：2500/6000 人，完成 41.67%");
    expect(r).toContain("失业人员再就业：1304/2800 人，完成 46.57%");
    expect(r).toContain("失业人员再就业进度更快");
    const again = await svc.chat("viewer", "城镇新增就业跟失业人员再就业比哪个进度好");
    expect(again).toContain("失业人员再就业进度更快");
  });

  it("two indicators named without 哪个: both cards", async () => {
    const r = await svc.chat("viewer", "城镇新增就业和就业困难人员就业");
    expect(r).toContain("【城镇新增就业】");
    expect(r).toContain("【就业困难人员就业】");
    expect(r).toContain("2500 人");
    expect(r).toContain("562 人");
  });
});

describe("one fact asked", () => {
  it("全年目标 / 牵头单位 standalone", async () => {
    expect(await svc.chat("viewer", "城镇新增就业全年目标是多少")).toBe("【城镇新增就业】全年目标：6000 人（牵头单位：市人社局）");
    expect(await svc.chat("viewer", "城镇新增就业牵头单位是谁")).toBe("【城镇新增就业】牵头单位：市人社局");
  });
});

describe("follow-ups on the same member's previous turn", () => {
  it("target, owner, last month, another indicator, completion, progress in sequence", async () => {
    expect(await svc.chat("f1", "城镇新增就业进度多少")).toContain("【城镇新增就业】");
    expect(await svc.chat("f1", "那全年目标是多少")).toContain("【城镇新增就业】全年目标：6000 人");
    expect(await svc.chat("f1", "牵头单位是谁")).toBe("【城镇新增就业】牵头单位：市人社局");
    expect(await svc.chat("f1", "谁负责的")).toBe("【城镇新增就业】牵头单位：市人社局");
    const last = await svc.chat("f1", "上个月呢");
    expect(last).toContain("截至4月30日");
    expect(last).toContain("2230 人");
    // the same question (as of last month) of another indicator, not the 就业 section
    const other = await svc.chat("f1", "那就业困难人员这块呢");
    expect(other).toContain("【就业困难人员就业】");
    expect(other).toContain("截至4月30日");
    expect(other).not.toContain("【城镇新增就业】");
    const third = await svc.chat("f1", "那失业人员再就业呢");
    expect(third).toContain("【失业人员再就业】");
    expect(await svc.chat("f1", "完成率呢")).toContain("【失业人员再就业】");
    expect(await svc.chat("f1", "进度呢")).toContain("完成全年任务的");
    const change = await svc.chat("f1", "本月新增了多少");
    expect(change).toContain("【失业人员再就业】");
    expect(change).toContain("没有变化");
  });

  it("a change question, then another indicator: the same stretch", async () => {
    expect(await svc.chat("f5", "城镇新增就业本月新增了多少")).toContain("增加 270 人");
    const r = await svc.chat("f5", "那烟感呢");
    expect(r).toContain("【无线感烟火灾探测报警器】本月");
    expect(r).toContain("增加 95 个");
  });

  it("after a comparison: the same two, as of another day or one fact of each", async () => {
    expect(await svc.chat("f6", "城镇新增就业和失业人员再就业哪个快")).toContain("进度更快");
    const then = await svc.chat("f6", "上个月呢");
    expect(then).toContain("截至4月30日的进度对比");
    expect(then).toContain("2230/6000 人");
    const owners = await svc.chat("f6", "牵头单位是谁");
    expect(owners).toContain("【城镇新增就业】牵头单位：市人社局");
    expect(owners).toContain("【失业人员再就业】牵头单位：市人社局");
  });

  it("a reporter's one-line report is the indicator a follow-up leans on", async () => {
    expect(await svc.chat("admin", "绑定 api:rs3 市人社局")).toContain("绑定");
    expect(await svc.chat("rs3", "失业人员再就业 1400 人")).toContain("已更新");
    const r = await svc.chat("rs3", "完成率呢");
    expect(r).toContain("【失业人员再就业】");
    expect(r).toContain("1400 人");
  });

  it("after 填报记录, 那…呢 asks another indicator's 填报记录", async () => {
    expect(await svc.chat("f10", "城镇新增就业的填报记录")).toContain("填报记录");
    expect(await svc.chat("f10", "那就业困难人员就业呢")).toContain("【就业困难人员就业】最近");
  });

  it("with no previous turn, a follow-up says what to ask instead", async () => {
    expect(await svc.chat("f2", "那全年目标是多少")).toBe("请说明是哪个指标，例如「城镇新增就业全年目标是多少」。");
    expect(await svc.chat("f3", "牵头单位是谁")).toBe("请说明是哪个指标，例如「城镇新增就业牵头单位是谁」。");
    expect(await svc.chat("f3", "上个月呢")).toContain("请说明是哪个指标");
  });

  it("another member's turn is never used", async () => {
    expect(await svc.chat("f7", "烟感进度")).toContain("【无线感烟火灾探测报警器】");
    expect(await svc.chat("f8", "完成率呢")).toContain("请说明是哪个指标");
    expect(await svc.chat("f7", "完成率呢")).toContain("【无线感烟火灾探测报警器】");
  });

  it("a follow-up after a numbered choice leans on the indicator chosen", async () => {
    expect(await svc.chat("f9", "基站")).toContain("请回复序号");
    expect(await svc.chat("f9", "2")).toContain("【");
    expect(await svc.chat("f9", "牵头单位是谁")).toMatch(/^【[^】]*共享[^】]*】牵头单位：/);
  });
});

describe("a view of many indicators as of a past day", () => {
  let own: TestService;
  beforeAll(async () => {
    own = await startTestService({ dataDir: "memory://" }, { DUBAN_TODAY: "2025-05-10" });
    await own.chat("admin", "绑定 api:rs 市人社局");
    const held = await own.chat("rs", "城镇新增就业 6000 人");
    if (held.includes("确认")) await own.chat("rs", "确认");
    expect(await own.value("城镇新增就业")).toBe(6000);
  });
  afterAll(async () => own?.close());

  it("is read with its day: lists, laggards, the overview, a unit", () => {
    expect(parse("4月底哪些指标已经完成全年任务了")).toMatchObject({ type: "done", asOf: { month: 4 } });
    expect(parse("3月底哪些指标落后")).toMatchObject({ type: "laggards", asOf: { month: 3 } });
    expect(parse("上个月总体进度怎么样")).toMatchObject({ type: "overview", asOf: { back: { unit: "month", n: 1 } } });
    expect(parse("4月30日人社局的指标")).toMatchObject({ type: "unit", asOf: { month: 4, day: 30 } });
    // lists with their own days keep them
    expect(parse("最近一周的更新").type).toBe("updates");
    expect(parse("5月底前要完成的有哪些").type).toBe("due");
  });

  it("answers as the catalogue stood then, and says the day", async () => {
    expect(await own.chat("viewer", "哪些指标已经完成全年任务了")).toContain("城镇新增就业");
    const then = await own.chat("viewer", "4月底哪些指标已经完成全年任务了");
    expect(then).toContain("截至4月30日");
    expect(then).not.toContain("城镇新增就业");
    const unit = await own.chat("viewer", "4月30日人社局的指标");
    expect(unit).toContain("截至4月30日");
    expect(unit).toContain("2230");
    expect(unit).not.toContain("6000 人　");
  });

  it("a day still to come is refused in one sentence", async () => {
    expect(await own.chat("viewer", "6月底哪些指标落后")).toContain("还没有到");
  });
});
