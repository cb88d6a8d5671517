// Which lead units are behind, which have not reported this month, and what is done: the
// dashboard's 单位排名, 本月未填报 and 已完成. Pure: indicators with their progress and the
// dates each unit's members last reported come in; plain lists go out.
import type { IndicatorFacts, IndicatorKind } from "./indicator.js";
import { roundTo } from "./numbers.js";
import { progressOf, type Pace, type ProgressContext } from "./status.js";

/** An indicator with where it stands today (progressOf's figures). */
export interface StandingIndicator {
  code: string;
  name: string;
  kind: IndicatorKind;
  /** the lead unit */
  owner: string;
  target: number | null;
  completionPct: number | null;
  schedulePct: number | null;
  pace: Pace | null;
}

/** An indicator with its lead unit, as the ranking takes it on a day (the chat's lists; the dashboard adds more). */
export function standingOf<I extends IndicatorFacts & { owner: string }>(i: I, ctx: ProgressContext): I & StandingIndicator {
  const p = progressOf(i, ctx);
  return { ...i, completionPct: p.completionPct ?? null, schedulePct: p.schedulePct ?? null, pace: p.pace ?? null };
}

export interface UnitStanding {
  unit: string;
  indicators: number;
  behind: number;
  /** the indicator furthest behind schedule (schedule % − completion %, points > 0), if any */
  largestGap: { code: string; name: string; points: number } | null;
  reportedThisMonth: boolean;
}

/** "2025-04-20" → "2025-04-01": reports since this day count as this month's. */
export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/**
 * One row per lead unit, most behind first: more indicators behind schedule first, then the
 * larger gap, then the unit's name (so the order is stable from one load to the next).
 * `reportDates`: per unit, the Shanghai dates (YYYY-MM-DD) its indicators were changed by a
 * member; imports and the seed are not a unit reporting and must not be in it.
 */
export function unitRanking(indicators: StandingIndicator[], reportDates: Map<string, string[]>, today: string): UnitStanding[] {
  const since = monthStart(today);
  const units = [...new Set(indicators.map((i) => i.owner))];
  const rows = units.map((unit): UnitStanding => {
    const own = indicators.filter((i) => i.owner === unit);
    return {
      unit,
      indicators: own.length,
      behind: own.filter((i) => i.pace === "behind").length,
      largestGap: largestGap(own),
      reportedThisMonth: (reportDates.get(unit) ?? []).some((d) => d >= since && d <= today),
    };
  });
  return rows.sort((a, b) => b.behind - a.behind || (b.largestGap?.points ?? 0) - (a.largestGap?.points ?? 0) || a.unit.localeCompare(b.unit, "zh-CN"));
}

function largestGap(list: StandingIndicator[]): UnitStanding["largestGap"] {
  let best: UnitStanding["largestGap"] = null;
  for (const i of list) {
    if (i.schedulePct === null || i.completionPct === null) continue;
    const points = roundTo(i.schedulePct - i.completionPct, 2);
    if (points > 0 && (!best || points > best.points)) best = { code: i.code, name: i.name, points };
  }
  return best;
}

/** The units in the ranking that have not reported this month, in ranking order. */
export function notReported(ranking: UnitStanding[]): string[] {
  return ranking.filter((r) => !r.reportedThisMonth).map((r) => r.unit);
}

/**
 * Indicators that reached their annual target: completion ≥ 100 % for every kind with a target
 * except constraints, which are met or not rather than done (a rate kept under 5.5 % all year).
 */
export function doneIndicators<T extends StandingIndicator>(indicators: T[]): T[] {
  return indicators.filter((i) => i.kind !== "constraint" && i.kind !== "figure" && i.target !== null && i.completionPct !== null && i.completionPct >= 100);
}
