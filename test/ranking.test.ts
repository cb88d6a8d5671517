// The dashboard's 单位排名, 本月未填报 and 已完成 (src/domain/ranking.ts), and the 时序进度 line
// of its history chart (scheduleLine): pure functions, checked on small hand-made plans.
import { describe, expect, it } from "vitest";
import { doneIndicators, monthStart, notReported, unitRanking, type StandingIndicator } from "../src/domain/ranking.js";
import { scheduleLine } from "../src/domain/schedule.js";

const ind = (code: string, owner: string, completionPct: number | null, schedulePct: number | null, extra: Partial<StandingIndicator> = {}): StandingIndicator => ({
  code,
  name: `指标${code}`,
  kind: "cumulative",
  owner,
  target: 100,
  completionPct,
  schedulePct,
  pace: completionPct === null || schedulePct === null ? null : completionPct < schedulePct ? "behind" : completionPct > schedulePct ? "ahead" : "on",
  ...extra,
});

describe("unit ranking", () => {
  const list = [
    ind("a1", "甲局", 10, 33.33),
    ind("a2", "甲局", 50, 33.33),
    ind("b1", "乙局", 20, 33.33),
    ind("b2", "乙局", 30, 33.33),
    ind("c1", "丙局", 80, 33.33),
    ind("c2", "丙局", null, null, { kind: "qualitative", target: null }),
  ];

  it("puts the unit with more indicators behind first, and names its largest gap", () => {
    const r = unitRanking(list, new Map(), "2025-04-20");
    expect(r.map((u) => u.unit)).toEqual(["乙局", "甲局", "丙局"]);
    expect(r[0]).toMatchObject({ unit: "乙局", indicators: 2, behind: 2, largestGap: { code: "b1", name: "指标b1", points: 13.33 } });
    expect(r[1]).toMatchObject({ unit: "甲局", indicators: 2, behind: 1, largestGap: { code: "a1", points: 23.33 } });
    expect(r[2]).toMatchObject({ unit: "丙局", indicators: 2, behind: 0, largestGap: null });
  });

  it("breaks a tie in indicators behind by the larger gap", () => {
    const r = unitRanking([ind("x", "甲局", 30, 33.33), ind("y", "乙局", 5, 33.33)], new Map(), "2025-04-20");
    expect(r.map((u) => u.unit)).toEqual(["乙局", "甲局"]);
  });

  it("counts a report from the first of the month on, not one from last month or after today", () => {
    const dates = new Map([
      ["甲局", ["2025-03-31"]],
      ["乙局", ["2025-03-15", "2025-04-01"]],
      ["丙局", ["2025-04-25"]],
    ]);
    const r = unitRanking(list, dates, "2025-04-20");
    expect(Object.fromEntries(r.map((u) => [u.unit, u.reportedThisMonth]))).toEqual({ 甲局: false, 乙局: true, 丙局: false });
    expect(notReported(r)).toEqual(["甲局", "丙局"]);
    expect(monthStart("2025-04-20")).toBe("2025-04-01");
  });
});

describe("done indicators", () => {
  it("are those at 100 % or more of a target, constraints and figures aside", () => {
    const done = doneIndicators([
      ind("full", "甲局", 100, 33.33),
      ind("over", "甲局", 104.6, 33.33),
      ind("almost", "甲局", 99.99, 33.33),
      ind("text", "乙局", 100, null, { kind: "qualitative" }),
      ind("rate", "乙局", 100, null, { kind: "constraint" }),
      ind("count", "乙局", null, null, { kind: "figure", target: null }),
      ind("level", "丙局", 100, null, { kind: "level" }),
    ]);
    expect(done.map((i) => i.code)).toEqual(["full", "over", "text", "level"]);
  });
});

describe("the 时序进度 line", () => {
  it("rises m/12 of the target at each month end, from 0 on January 1", () => {
    const line = scheduleLine(2025, 6000);
    expect(line).toHaveLength(13);
    expect(line[0]).toEqual({ date: "2025-01-01", value: 0 });
    expect(line[2]).toEqual({ date: "2025-02-28", value: 1000 });
    expect(line[4]!.value).toBeCloseTo(2000);
    expect(line[12]).toEqual({ date: "2025-12-31", value: 6000 });
  });

  it("follows an indicator's deadline", () => {
    const line = scheduleLine(2025, 100, "monthly", { deadline: "2025-05-31" });
    expect(line[5]).toEqual({ date: "2025-05-31", value: 100 });
    expect(line[1]!.value).toBeCloseTo(20);
  });
});
