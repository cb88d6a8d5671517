// List questions officials ask about the whole plan, answered from the database by the rules:
// what is done, what has no figure, who has not reported, what changed since a day, the slowest
// N, the units' ranking, what is due by a day, and the whole plan or a section in other words.
// The parser cases are a sample of each class; the service cases check the answers hold the data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helpReply } from "../src/bot/render.js";
import { resolveBy, resolveSince } from "../src/domain/day-refs.js";
import { weekStart } from "../src/domain/schedule.js";
import { Intent } from "../src/nlu/intent.js";
import { parseMessage } from "../src/nlu/parse.js";
import { vocabularyOf } from "../src/nlu/vocabulary.js";
import { catalog2025 } from "./helpers/catalog.js";
import { startTestService, TOKEN, type TestService } from "./helpers/service.js";

const vocab = vocabularyOf(catalog2025());
const parse = (t: string) => parseMessage(t, vocab);

/** Parsed as `expected` exactly (type and fields), and a valid Intent. */
function expectParsed(text: string, expected: Record<string, unknown>) {
  const intent = parse(text);
  expect(Intent.safeParse(intent).success, text).toBe(true);
  expect(intent, text).toEqual(expected);
}

describe("done: indicators that reached the year's target", () => {
  it.each([
    "哪些指标已经完成全年任务了", "完成了的有哪些", "已经完成的指标", "有没有已经完成的", "已完成的有哪几个", "完成全年目标的有几项",
    "哪几项完成了", "超额完成的指标有哪些", "哪些已经达到全年目标了", "完成100%的指标", "已经完成任务的有哪些项目", "哪些指标超额完成了", "目前完成的有几项",
    "截至目前已完成的指标",
  ])("%s → done", (t) => expectParsed(t, { type: "done" }));

  it("narrowed to a unit or a section", () => {
    expectParsed("人社局哪些指标完成了", { type: "done", unit: "市人社局" });
    expectParsed("就业方面完成了的有哪些", { type: "done", section: "E" });
    expectParsed("卫健委完成了哪些", { type: "done", unit: "市卫健委" });
  });

  it("not done (还没完成 / 完成得怎么样) is not the done list", () => {
    expect(parse("还没完成的有哪些").type).not.toBe("done");
    expect(parse("全市民生实事总体完成得怎么样").type).not.toBe("done");
  });
});

describe("nodata: indicators without a figure", () => {
  it.each(["哪些指标还没有数据", "还没填的指标", "哪些指标没数据", "有没有空着的指标", "还差哪些指标没填", "暂无数据的指标有哪些", "哪几项还没有数字", "还没有录入数据的指标"])(
    "%s → nodata",
    (t) => expectParsed(t, { type: "nodata" }),
  );
  it("narrowed to a section or a unit", () => {
    expectParsed("生态方面哪些没有数据", { type: "nodata", section: "G" });
    expectParsed("民政局哪些指标还没数据", { type: "nodata", unit: "市民政局" });
    expectParsed("还差哪些指标没数据", { type: "nodata" });
  });
});

describe("unreported: units none of whose members reported this month", () => {
  it.each([
    "哪些单位还没填报", "本月谁还没报", "还有哪些单位没报数", "哪几个单位没交数据", "这个月还有谁没报", "有没有单位还没报", "还没填报的单位", "未填报单位有哪些",
    "哪些部门本月没有报送", "还差哪些单位没报", "哪几个单位还没动", "还有谁没交", "有几个单位没报",
  ])("%s → unreported", (t) => expectParsed(t, { type: "unreported" }));
});

describe("updates: the changes since a day", () => {
  it.each([
    ["这周有哪些单位更新了数据", { kind: "this-week" }],
    ["最近三天谁报了", { kind: "days", days: 3 }],
    ["本月更新了哪些指标", { kind: "this-month" }],
    ["今天谁填报了", { kind: "today" }],
    ["今天有人填报吗", { kind: "today" }],
    ["昨天有谁更新数据了", { kind: "yesterday" }],
    ["上周哪些单位报了数", { kind: "last-week" }],
    ["最近一周的更新", { kind: "days", days: 7 }],
    ["4月15日以来更新了哪些", { kind: "date", month: 4, day: 15 }],
    ["最近有什么更新", { kind: "days", days: 7 }],
    ["这个星期谁报送了", { kind: "this-week" }],
    ["近7天更新的指标", { kind: "days", days: 7 }],
    ["这周数据有更新吗", { kind: "this-week" }],
    ["4月份谁报了", { kind: "month", month: 4 }],
    ["3月份更新了哪些", { kind: "month", month: 3 }],
    ["本周填报情况", { kind: "this-week" }],
    ["上个月更新了哪些", { kind: "last-month" }],
  ])("%s → updates since %o", (t, since) => expectParsed(t, { type: "updates", since }));

  it("one unit's updates when the question names it", () => {
    expectParsed("市人社局本月报了吗", { type: "updates", since: { kind: "this-month" }, unit: "市人社局" });
    expectParsed("人社局报了没有", { type: "updates", since: { kind: "this-month" }, unit: "市人社局" });
  });
});

describe("slowest N: the first N of the laggards order", () => {
  it.each([
    ["进度最慢的三个指标", 3], ["最落后的5项", 5], ["倒数前三", 3], ["进度最慢的是哪个", 1], ["落后最多的前五个", 5], ["垫底的三项指标", 3],
    ["排名最后的两个指标", 2], ["差距最大的3个", 3], ["最慢的那个是啥", 1],
  ])("%s → laggards, limit %i", (t, limit) => expectParsed(t, { type: "laggards", limit }));

  it("without a number, all the laggards; a section narrows them", () => {
    expectParsed("进度最差的几项", { type: "laggards" });
    expectParsed("进度慢的有哪几个", { type: "laggards" });
    expectParsed("就业方面进度最慢的两项", { type: "laggards", section: "E", limit: 2 });
  });
});

describe("ranking: the lead units, the most behind first", () => {
  it.each([
    ["哪个单位最落后", { limit: 1 }], ["各单位进度排名", {}], ["单位排名", {}], ["哪些单位落后了", {}], ["各单位完成情况", {}], ["落后最多的三个单位", { limit: 3 }],
    ["哪家单位进度最慢", { limit: 1 }], ["单位进度排行", {}], ["各部门进度怎么样", {}], ["谁最拖后腿", { limit: 1 }], ["有没有落后的单位", {}],
    // the best three are not the three most behind: the whole ranking
    ["排名前三的单位", {}], ["单位排行榜", {}],
  ])("%s → ranking %o", (t, extra) => expectParsed(t, { type: "ranking", ...extra }));
});

describe("due: indicators due by a day", () => {
  it.each([
    ["5月底前要完成的有哪些", { kind: "month-end", month: 5 }],
    ["6月30日前到期的指标", { kind: "date", month: 6, day: 30 }],
    ["本月到期的", { kind: "this-month" }],
    ["下个月到期的有哪些", { kind: "next-month" }],
    ["年底前要完成的指标", { kind: "year-end" }],
    ["哪些指标快到期了", { kind: "next-month" }],
    ["五月底前需要完成哪些", { kind: "month-end", month: 5 }],
    ["期限在6月底前的指标", { kind: "month-end", month: 6 }],
    ["2025-06-30前到期的", { kind: "date", month: 6, day: 30 }],
    ["6月前要完成的", { kind: "month-end", month: 6 }],
    ["哪些指标5月31号到期", { kind: "date", month: 5, day: 31 }],
    ["本月到期的有哪几项", { kind: "this-month" }],
    ["5月底前要完成的还差哪些", { kind: "month-end", month: 5 }],
    ["到期的指标有哪些", { kind: "next-month" }],
    ["已经到期的有哪些", { kind: "today" }],
    ["逾期的指标", { kind: "today" }],
  ])("%s → due by %o", (t, by) => expectParsed(t, { type: "due", by }));
});

describe("whole-plan and section questions in other words", () => {
  it.each(["这个月进度咋样", "全市民生实事总体完成得怎么样", "民生方面怎么样", "目前整体进展如何", "今年民生实事推进得怎么样", "现在总体情况咋样", "全部指标完成情况", "how are we doing", "overall progress", "咱们的民生实事总体咋样", "今年的任务完成得咋样了"])(
    "%s → overview",
    (t) => expectParsed(t, { type: "overview" }),
  );
  it.each(["有哪些没跟上时序进度的", "what's behind schedule", "哪些没跟上", "Which indicators are lagging?"])("%s → laggards", (t) => expectParsed(t, { type: "laggards" }));
  it.each([
    ["岳阳市级十件民生实事完成情况", "Y"], ["兜底线那几项怎么样", "B"], ["省级十大民生实事", "P"], ["生态那块咋样", "G"], ["省级民生实事进展如何", "P"], ["就业这块怎么样", "E"],
  ])("%s → section %s", (t, section) => expectParsed(t, { type: "section", section }));
});

describe("the list rules leave one-indicator questions, reports and commands alone", () => {
  it.each([
    ["城镇新增就业完成了没有", "query"], ["城镇新增就业完成了吗", "query"], ["城镇新增就业本月更新了吗", "query"], ["烟感报警器到期了吗", "query"],
    ["向阳花什么时候到期", "query"], ["就业困难人员就业最近三天报了吗", "query"], ["家庭医生签约服务完成全年任务了吗", "query"], ["高标准农田建设进度最慢吗", "query"],
    ["职业技能培训还没填", "query"], ["电脑完成了多少", "query"], ["城镇新增就业的填报记录", "history"],
    ["城镇新增就业 2400 人", "submission"], ["创业培训本周新增20人", "submission"], ["本月新增城镇就业30人", "submission"], ["今天新装烟感20个", "submission"],
    ["市人社局的指标", "unit"], ["卫健委负责哪些", "unit"], ["人社局有哪些指标落后", "laggards"], ["我的指标", "mine"], ["本月进度摘要", "summary"],
    ["落后指标图", "chart"], ["设置期限 向阳花 5月31日", "edit"], ["提醒设置", "reminders"], ["帮助", "help"], ["总体进度", "overview"],
  ])("%s → %s", (t, type) => expect(parse(t).type).toBe(type));
});

describe("a report's heading is no list", () => {
  it.each(["市人社局4月进度报送：", "市人社局4月进度报送", "本月填报情况如下：", "4月填报"])("%s", (t) => expect(parse(t).type).not.toBe("updates"));
});

describe("a question about the indicator of the previous turn is no list", () => {
  const LISTS = ["done", "nodata", "unreported", "updates", "ranking", "due"];
  it.each(["这个指标的填报记录给我看看", "它完成了吗", "这项还没填", "该指标什么时候到期"])("%s", (t) => expect(LISTS).not.toContain(parse(t).type));
});

describe("days said in words, resolved against today", () => {
  const today = "2025-04-20"; // a Sunday
  it("due-by days", () => {
    expect(resolveBy({ kind: "month-end", month: 5 }, today)).toBe("2025-05-31");
    expect(resolveBy({ kind: "month-end", month: 2 }, today)).toBe("2025-02-28");
    expect(resolveBy({ kind: "date", month: 6, day: 30 }, today)).toBe("2025-06-30");
    expect(resolveBy({ kind: "date", month: 2, day: 30 }, today)).toBeUndefined();
    expect(resolveBy({ kind: "this-month" }, today)).toBe("2025-04-30");
    expect(resolveBy({ kind: "next-month" }, today)).toBe("2025-05-31");
    expect(resolveBy({ kind: "next-month" }, "2025-12-05")).toBe("2026-01-31");
    expect(resolveBy({ kind: "this-week" }, today)).toBe("2025-04-20");
    expect(resolveBy({ kind: "year-end" }, today)).toBe("2025-12-31");
    expect(resolveBy({ kind: "today" }, today)).toBe(today);
  });
  it("since days: weeks start on Monday", () => {
    expect(weekStart(today)).toBe("2025-04-14");
    expect(weekStart("2025-04-14")).toBe("2025-04-14");
    expect(resolveSince({ kind: "this-week" }, today)).toEqual({ from: "2025-04-14", to: today });
    expect(resolveSince({ kind: "last-week" }, today)).toEqual({ from: "2025-04-07", to: "2025-04-13" });
    expect(resolveSince({ kind: "days", days: 3 }, today)).toEqual({ from: "2025-04-18", to: today });
    expect(resolveSince({ kind: "today" }, today)).toEqual({ from: today, to: today });
    expect(resolveSince({ kind: "yesterday" }, today)).toEqual({ from: "2025-04-19", to: "2025-04-19" });
    expect(resolveSince({ kind: "this-month" }, today)).toEqual({ from: "2025-04-01", to: today });
    expect(resolveSince({ kind: "last-month" }, "2025-01-10")).toEqual({ from: "2024-12-01", to: "2024-12-31" });
    expect(resolveSince({ kind: "date", month: 4, day: 15 }, today)).toEqual({ from: "2025-04-15", to: today });
    expect(resolveSince({ kind: "date", month: 2, day: 30 }, today)).toBeUndefined();
    expect(resolveSince({ kind: "month", month: 3 }, today)).toEqual({ from: "2025-03-01", to: "2025-03-31" });
    expect(resolveSince({ kind: "month", month: 4 }, today)).toEqual({ from: "2025-04-01", to: today });
  });
});

describe("the answers, through the service", () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ dataDir: "memory://" });
    await svc.chat("admin", "绑定 api:rs1 市人社局");
    await svc.chat("admin", "绑定 api:fl1 市妇联");
  });
  afterAll(async () => svc?.close());

  async function catalogLaggards(): Promise<string[]> {
    const res = await fetch(`${svc.url}/api/dashboard`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const body = (await res.json()) as { indicators: { name: string; pace: string | null; completionPct: number | null; schedulePct: number | null }[] };
    return body.indicators
      .filter((i) => i.pace === "behind")
      .sort((a, b) => a.completionPct! - a.schedulePct! - (b.completionPct! - b.schedulePct!))
      .map((i) => i.name);
  }

  it("哪些单位还没填报: a unit whose reporter reported drops out, the others stay", async () => {
    const before = await svc.chat("viewer", "哪些单位还没填报");
    expect(before).toContain("市人社局");
    expect(before).toContain("市教育局");
    expect(await svc.chat("rs1", "城镇新增就业 2400 人")).toContain("已更新");
    for (const q of ["哪些单位还没填报", "本月谁还没报", "还有哪些单位没报数"]) {
      const after = await svc.chat("viewer", q);
      expect(after, q).not.toContain("市人社局");
      expect(after, q).toContain("市教育局（牵头 3 项指标）");
      expect(after, q).toContain("4月1日以来");
    }
  });

  it("updates since a day list the unit, the indicator and old → new", async () => {
    await svc.chat("rs1", "创业培训又培训了 20 人");
    for (const q of ["这周有哪些单位更新了数据", "最近三天谁报了", "本月更新了哪些指标"]) {
      const r = await svc.chat("viewer", q);
      expect(r, q).toContain("市人社局 城镇新增就业：2230 人 → 2400 人");
      expect(r, q).toContain("市人社局 创业培训：170 人 → 190 人");
      expect(r, q).toContain("4月20日");
      expect(r, q).not.toContain("市妇联");
    }
    expect(await svc.chat("viewer", "这周有哪些单位更新了数据")).toContain("4月14日以来有 1 个单位更新了 2 项指标");
    expect(await svc.chat("viewer", "昨天有谁更新数据了")).toBe("4月19日还没有单位更新数据。");
    expect(await svc.chat("viewer", "市妇联本月报了吗")).toContain("市妇联还没有更新数据");
  });

  it("an undone report is not an update and the unit is again not reported", async () => {
    expect(await svc.chat("fl1", "向阳花行动 30 场")).toContain("已更新");
    expect(await svc.chat("viewer", "今天谁填报了")).toContain("市妇联 家庭教育指导服务“向阳花”行动：21 场 → 30 场");
    expect(await svc.chat("viewer", "哪些单位还没填报")).not.toContain("市妇联");
    expect(await svc.chat("fl1", "撤销")).toContain("已撤销");
    expect(await svc.chat("viewer", "今天谁填报了")).not.toContain("向阳花");
    expect(await svc.chat("viewer", "哪些单位还没填报")).toContain("市妇联");
  });

  it("进度最慢的三个指标 lists exactly the first three laggards", async () => {
    // two more indicators fall behind (smaller figures wait for 确认)
    for (const report of ["职业技能培训 100 人", "新增农村劳动力转移就业 1000 人"]) {
      await svc.chat("rs1", report);
      await svc.chat("rs1", "确认");
    }
    const order = await catalogLaggards();
    expect(order.length).toBeGreaterThan(3);
    for (const q of ["进度最慢的三个指标", "倒数前三"]) {
      const r = await svc.chat("viewer", q);
      const lines = r.split("\n").filter((l) => /^\d+\. /.test(l));
      expect(lines.map((l) => l.replace(/^\d+\. /, "").split("：")[0]), q).toEqual(order.slice(0, 3));
      expect(r).toContain(`共 ${order.length} 项`);
    }
    const five = (await svc.chat("viewer", "最落后的5项")).split("\n").filter((l) => /^\d+\. /.test(l));
    expect(five).toHaveLength(Math.min(5, order.length));
  });

  it("哪些指标已经完成全年任务了: completion ≥ 100 %, with value and target", async () => {
    for (const q of ["哪些指标已经完成全年任务了", "完成了的有哪些", "已经完成的指标"]) {
      const r = await svc.chat("viewer", q);
      expect(r, q).toContain("稳定脱贫人口务工人数：9623/9200 人，完成 104.60%（市人社局）");
      expect(r, q).toContain("就业帮扶车间数量：43/43 家，完成 100.00%");
      expect(r, q).not.toContain("城镇新增就业");
    }
    const none = await svc.chat("viewer", "岳阳那几项完成了的有哪些");
    expect(none).toContain("还没有完成全年任务的指标");
    expect(none).toContain("完成率最高的");
    expect(none).toContain("医疗救助：37981/40400 人次，完成 94.00%");
  });

  it("哪些指标还没有数据: numeric indicators without a figure", async () => {
    for (const q of ["哪些指标还没有数据", "还没填的指标"]) {
      const r = await svc.chat("viewer", q);
      expect(r, q).toContain("中央财政衔接资金用于产业发展的比重（市农业农村局）");
      expect(r, q).not.toContain("城镇新增就业");
      expect(r, q).toContain("文字进展类");
    }
  });

  it("ranking of units, the most behind first (not a list of indicators)", async () => {
    const top = await svc.chat("viewer", "哪个单位最落后");
    expect(top).toContain("最落后的单位是");
    // 市人社局 has two indicators behind since its reports above; the others one or none
    expect(top).toContain("1. 市人社局：牵头 18 项，落后 2 项");
    expect(top).not.toContain("2. ");
    // the five most behind: only the three units with something behind
    const five = await svc.chat("viewer", "落后最多的五个单位");
    expect(five).toContain("有指标落后的单位共 3 个，最落后的 3 个");
    expect(five).not.toContain("落后 0 项");
    for (const q of ["各单位进度排名", "单位排名"]) {
      const r = await svc.chat("viewer", q);
      const units = r.split("\n").filter((l) => /^\d+\. /.test(l)).map((l) => l.replace(/^\d+\. /, "").split("：")[0]);
      expect(units.length, q).toBe(20);
      // more behind first, then the larger gap (向阳花 45 points before 烟感 20.17)
      expect(units.slice(0, 3), q).toEqual(["市人社局", "市妇联", "市消防救援大队"]);
      expect(r, q).toContain("本月已填报");
    }
  });

  it("due by a day, resolved against today, says whether each is done", async () => {
    for (const q of ["5月底前要完成的有哪些", "6月30日前到期的指标"]) {
      const r = await svc.chat("viewer", q);
      expect(r, q).toContain("家庭教育指导服务“向阳花”行动：期限 5月31日，21/60 场，完成 35.00%，未完成（市妇联）");
      expect(r, q).not.toContain("城镇新增就业");
    }
    expect(await svc.chat("viewer", "5月底前要完成的有哪些")).toContain("5月31日前到期的指标共 1 项");
    expect(await svc.chat("viewer", "本月到期的")).toContain("没有 4月30日前到期的指标");
    const yearEnd = await svc.chat("viewer", "年底前要完成的指标");
    expect(yearEnd).toContain("稳定脱贫人口务工人数：期限 12月31日，9623/9200 人，完成 104.60%，✅ 已完成");
  });

  it("whole-plan questions in other words reach the overview, a section, or the laggards", async () => {
    for (const q of ["这个月进度咋样", "全市民生实事总体完成得怎么样", "民生方面怎么样"]) expect(await svc.chat("viewer", q), q).toContain("总体进度");
    expect(await svc.chat("viewer", "岳阳市级十件民生实事完成情况")).toContain("岳阳市级十大重点民生实事");
    expect(await svc.chat("viewer", "兜底线那几项怎么样")).toContain("兜牢基本生活底线");
    expect(await svc.chat("viewer", "省级十大民生实事")).toContain("省级十大重点民生实事");
    for (const q of ["有哪些没跟上时序进度的", "what's behind schedule"]) expect(await svc.chat("viewer", q), q).toContain("落后于时序进度的指标共");
  });
});

describe("the help names the list questions", () => {
  it("each example in the help is read as the list it names", () => {
    const line = helpReply(catalog2025()).split("\n").find((l) => l.includes("哪些单位还没填报"));
    expect(line).toBeDefined();
    const types = line!.replace(/^- /, "").split(" / ").map((t) => parse(t).type);
    expect(types).toEqual(["done", "unreported", "updates", "laggards", "ranking", "due"]);
  });
});
