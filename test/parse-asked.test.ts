// The rules for questions beyond one card: time words (as of a day, change over a stretch),
// several indicators in one question, one fact asked, and follow-ups that name no indicator.
// Days stay words here; resolving them against today is domain/as-of.ts (tested below too).
import { describe, expect, it } from "vitest";
import { dateOf, resolveDay } from "../src/domain/as-of.js";
import type { Intent, IntentOf } from "../src/nlu/intent.js";
import { parseMessage } from "../src/nlu/parse.js";
import { vocabularyOf } from "../src/nlu/vocabulary.js";
import { fillFrom } from "../src/bot/recall.js";
import { catalog2025 } from "./helpers/catalog.js";

const vocab = vocabularyOf(catalog2025());
const parse = (t: string) => parseMessage(t, vocab);

function parsedAs<T extends Intent["type"]>(t: string, type: T): IntentOf<T> {
  const intent = parse(t);
  expect(intent.type, `${t}: ${JSON.stringify(intent)}`).toBe(type);
  return intent as IntentOf<T>;
}

/** The date a question's as-of day resolves to on 2025-04-20 (a Sunday). */
const on = (t: string, today = "2025-04-20") => {
  const q = parse(t) as { asOf?: Parameters<typeof dateOf>[0] };
  expect(q.asOf, t).toBeDefined();
  return dateOf(q.asOf!, today, 2025);
};

describe("as-of questions", () => {
  it.each([
    ["3月底烟感报警器装了多少", "smoke-alarms", "2025-03-31"],
    ["上个月城镇新增就业是多少", "urban-jobs", "2025-03-31"],
    ["上个月底城镇新增就业是多少", "urban-jobs", "2025-03-31"],
    ["4月15日的城镇新增就业", "urban-jobs", "2025-04-15"],
    ["截至3月31日城镇新增就业多少", "urban-jobs", "2025-03-31"],
    ["截止到三月底城镇新增就业", "urban-jobs", "2025-03-31"],
    ["2025年4月1日城镇新增就业是多少", "urban-jobs", "2025-04-01"],
    ["2025-04-10 烟感装了多少", "smoke-alarms", "2025-04-10"],
    ["昨天的烟感数据", "smoke-alarms", "2025-04-19"],
    ["前天的城镇新增就业", "urban-jobs", "2025-04-18"],
    ["上周城镇新增就业是多少", "urban-jobs", "2025-04-13"],
    ["城镇新增就业3月份是多少", "urban-jobs", "2025-03-31"],
    ["城镇新增就业4月10号的数据", "urban-jobs", "2025-04-10"],
    ["三月三十一日城镇新增就业", "urban-jobs", "2025-03-31"],
    ["一季度末城镇新增就业", "urban-jobs", "2025-03-31"],
    ["第一季度烟感装了多少", "smoke-alarms", "2025-03-31"],
    ["去年12月底城镇新增就业", "urban-jobs", "2024-12-31"],
    // the month asked in that month is the month so far
    ["城镇新增就业4月的情况", "urban-jobs", "2025-04-20"],
  ])("%s → %s as of %s", (text, code, date) => {
    expect(parsedAs(text, "query").ref.codes).toEqual([code]);
    expect(on(text)).toBe(date);
  });

  it("today's words give the plain card (no as-of)", () => {
    for (const t of ["今天城镇新增就业是多少", "本月城镇新增就业是多少"]) {
      const q = parsedAs(t, "query");
      expect(dateOf(q.asOf!, "2025-04-20", 2025), t).toBe("2025-04-20");
      expect(q.change, t).toBeUndefined();
    }
  });

  it("a report with a date stays a report", () => {
    expect(parsedAs("截至3月底，城镇新增就业2400人", "submission").lines[0]!.quantity?.number).toBe(2400);
    expect(parsedAs("4月15日城镇新增就业2400人", "submission").lines[0]!.quantity?.number).toBe(2400);
    expect(parsedAs("这周烟感又装了95个", "submission").lines[0]!.op).toBe("add");
  });
});

describe("resolving a day against today", () => {
  it("refuses a day after today or before the plan year, in one sentence", () => {
    const later = resolveDay({ phrase: "5月1日", month: 5, day: 1 }, "2025-04-20", 2025);
    expect("error" in later && later.error).toContain("还没有到");
    const before = resolveDay({ phrase: "2024年12月31日", year: 2024, month: 12, day: 31 }, "2025-04-20", 2025);
    expect("error" in before && before.error).toContain("早于2025年");
    const none = resolveDay({ phrase: "2月30日", month: 2, day: 30 }, "2025-04-20", 2025);
    expect("error" in none && none.error).toContain("不是有效日期");
  });

  it("counts weeks Monday to Sunday and months back across a year", () => {
    expect(dateOf({ phrase: "上周", back: { unit: "week", n: 1 } }, "2025-04-21", 2025)).toBe("2025-04-20");
    expect(dateOf({ phrase: "上周", back: { unit: "week", n: 1 } }, "2025-04-20", 2025)).toBe("2025-04-13");
    expect(dateOf({ phrase: "上个月", back: { unit: "month", n: 1 } }, "2025-01-15", 2025)).toBe("2024-12-31");
    expect(dateOf({ phrase: "上上个月", back: { unit: "month", n: 2 } }, "2025-03-31", 2025)).toBe("2025-01-31");
    expect(dateOf({ phrase: "2月", month: 2 }, "2025-04-20", 2025)).toBe("2025-02-28");
  });
});

describe("change over a stretch", () => {
  const change = (t: string, today = "2025-04-20") => {
    const c = (parse(t) as { change?: IntentOf<"followup">["change"] }).change;
    expect(c, `${t}: ${JSON.stringify(parse(t))}`).toBeDefined();
    return { from: dateOf(c!.from, today, 2025), to: c!.to ? dateOf(c!.to, today, 2025) : today, label: c!.label };
  };

  it.each([
    ["城镇新增就业比上月增加了多少", "2025-03-31", "2025-04-20"],
    ["城镇新增就业本月新增了多少", "2025-03-31", "2025-04-20"],
    ["这周烟感装了多少个", "2025-04-13", "2025-04-20"],
    ["烟感比3月底多了多少", "2025-03-31", "2025-04-20"],
    ["城镇新增就业跟上个月比多了多少", "2025-03-31", "2025-04-20"],
    ["城镇新增就业3月底以来增加了多少", "2025-03-31", "2025-04-20"],
    ["今天烟感装了几个", "2025-04-19", "2025-04-20"],
    ["昨天烟感装了多少个", "2025-04-18", "2025-04-19"],
    ["上个月城镇新增就业新增了多少", "2025-02-28", "2025-03-31"],
    ["城镇新增就业3月份新增了多少", "2025-02-28", "2025-03-31"],
    ["从3月1日到4月15日城镇新增就业新增了多少", "2025-02-28", "2025-04-15"],
    ["城镇新增就业3月底到4月15日增加了多少", "2025-03-31", "2025-04-15"],
    ["最近一周烟感装了多少", "2025-04-13", "2025-04-20"],
    ["近7天城镇新增就业新增了多少", "2025-04-13", "2025-04-20"],
    ["近两个月城镇新增就业", "2025-02-19", "2025-04-20"],
    ["4月份烟感新增了多少", "2025-03-31", "2025-04-20"],
  ])("%s: %s → %s", (text, from, to) => {
    expect(change(text)).toMatchObject({ from, to });
  });

  it("新增 in a name asks no change (城镇新增就业), 新增 after it does", () => {
    expect(parsedAs("上个月城镇新增就业是多少", "query").change).toBeUndefined();
    expect(parsedAs("上个月城镇新增就业新增了多少", "query").change).toBeDefined();
  });
});

describe("several indicators in one question", () => {
  it.each([
    ["城镇新增就业和失业人员再就业哪个快", true],
    ["城镇新增就业跟失业人员再就业比哪个进度好", true],
    ["城镇新增就业与就业困难人员就业相比谁更快", true],
    ["城镇新增就业和就业困难人员就业", false],
    ["城镇新增就业、失业人员再就业、就业困难人员就业的进度", false],
  ])("%s (which: %s)", (text, which) => {
    const c = parsedAs(text, "compare");
    expect(c.which).toBe(which);
    expect(c.refs.length).toBeGreaterThanOrEqual(2);
  });

  it("as of a day, and never for a report", () => {
    expect(parsedAs("3月底城镇新增就业和失业人员再就业哪个快", "compare").asOf?.month).toBe(3);
    expect(parse("城镇新增就业2400人和失业人员再就业800人").type).not.toBe("compare");
  });
});

describe("one fact asked", () => {
  it.each([
    ["城镇新增就业全年目标是多少", "target"],
    ["城镇新增就业的年度目标", "target"],
    ["烟感目标多少个", "target"],
    ["城镇新增就业牵头单位是谁", "owner"],
    ["城镇新增就业是哪个单位负责的", "owner"],
    ["烟感谁负责", "owner"],
    // the year's plan asked in words, without 目标
    ["电脑全年要配多少台", "target"],
    ["烟感今年一共要装多少个", "target"],
    ["城镇新增就业全年任务是多少", "target"],
    ["助餐点计划建几个", "target"],
  ])("%s → %s", (text, aspect) => {
    expect(parsedAs(text, "query").aspect).toBe(aspect);
  });

  it("进度 and 完成率 still ask the card", () => {
    expect(parsedAs("城镇新增就业完成率多少", "query").aspect).toBeUndefined();
    expect(parsedAs("城镇新增就业目标完成了多少", "query").aspect).toBeUndefined();
    // what was done, not what is planned
    expect(parsedAs("电脑今年已经配了多少台", "query").aspect).toBeUndefined();
    expect(parsedAs("烟感一共装了多少个", "query").aspect).toBeUndefined();
  });
});

describe("follow-ups naming no indicator", () => {
  it.each([
    ["那全年目标是多少", { aspect: "target" }],
    ["全年目标呢", { aspect: "target" }],
    ["牵头单位是谁", { aspect: "owner" }],
    ["谁负责的", { aspect: "owner" }],
    ["哪个单位牵头", { aspect: "owner" }],
    ["全年要配多少台", { aspect: "target" }],
    ["今年一共要建多少个", { aspect: "target" }],
    ["年度任务是多少", { aspect: "target" }],
    ["计划要完成多少", { aspect: "target" }],
    ["完成率呢", {}],
    ["进度呢", {}],
    ["那现在呢", {}],
  ])("%s", (text, fields) => {
    const f = parsedAs(text, "followup");
    expect(f).toEqual({ type: "followup", ...fields });
  });

  it.each(["上个月呢", "3月底呢", "那4月15日的呢", "昨天呢"])("%s asks the previous question as of that day", (text) => {
    expect(parsedAs(text, "followup").asOf).toBeDefined();
  });

  it.each(["本月新增了多少", "这周新增了几个", "比3月底多了多少", "这周装了多少"])("%s asks the previous indicator's change", (text) => {
    expect(parsedAs(text, "followup").change).toBeDefined();
  });

  it("那X呢 names a new indicator for the previous question; an indicator wins over a section", () => {
    expect(parsedAs("那就业困难人员这块呢", "query")).toMatchObject({ ref: { codes: ["hard-to-employ"] }, carry: true });
    expect(parsedAs("那失业人员再就业呢", "query")).toMatchObject({ ref: { codes: ["reemployment"] }, carry: true });
    expect(parsedAs("城镇新增就业进度呢", "query").carry).toBeUndefined();
    expect(parse("就业方面的进度")).toEqual({ type: "section", section: "E" });
  });
});

describe("filling a follow-up from the previous question", () => {
  const asked = parsedAs("3月底城镇新增就业是多少", "query");
  it("keeps the indicator and takes the new day, fact or stretch", () => {
    expect(fillFrom(parsedAs("上个月呢", "followup"), asked)).toMatchObject({ type: "query", ref: { codes: ["urban-jobs"] }, asOf: { back: { unit: "month", n: 1 } } });
    expect(fillFrom(parsedAs("牵头单位是谁", "followup"), asked)).toEqual({ type: "query", ref: asked.ref, aspect: "owner" });
    expect(fillFrom(parsedAs("完成率呢", "followup"), asked)).toMatchObject({ type: "query", asOf: { month: 3 } });
  });
  it("keeps the question and takes the new indicator", () => {
    expect(fillFrom(parsedAs("那失业人员再就业呢", "query"), asked)).toMatchObject({ ref: { codes: ["reemployment"] }, asOf: { month: 3 } });
    expect(fillFrom(parsedAs("那失业人员再就业呢", "query"), { type: "help" })).toEqual({ type: "query", ref: { codes: ["reemployment"], phrase: "失业人员再就业" } });
  });
  it("after one fact asked (谁牵头), 那X呢 is X's card, which holds that fact beside the figures", () => {
    const owner = parsedAs("城镇新增就业牵头单位是谁", "query");
    expect(fillFrom(parsedAs("那就业困难人员这块呢", "query"), owner)).toEqual({ type: "query", ref: { codes: ["hard-to-employ"], phrase: "就业困难人员" } });
    const target = parsedAs("城镇新增就业全年目标是多少", "query");
    expect(fillFrom(parsedAs("那失业人员再就业呢", "query"), target)).not.toHaveProperty("aspect");
  });
  it("after a 填报记录 question, another indicator's 填报记录; after a one-line report, that indicator", () => {
    expect(fillFrom(parsedAs("那失业人员再就业呢", "query"), parsedAs("城镇新增就业的填报记录", "history"))).toEqual({ type: "history", ref: { codes: ["reemployment"], phrase: "失业人员再就业" } });
    expect(fillFrom(parsedAs("完成率呢", "followup"), parsedAs("城镇新增就业 2500 人", "submission"))).toMatchObject({ type: "query", ref: { codes: ["urban-jobs"] } });
  });

  it("gives nothing to lean on after anything but a question about indicators", () => {
    expect(fillFrom(parsedAs("上个月呢", "followup"), { type: "overview" })).toBeUndefined();
  });
});
