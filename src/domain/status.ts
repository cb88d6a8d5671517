import type { IndicatorFacts } from "./indicator.js";
import { roundTo } from "./numbers.js";
import { scheduleShare, type ScheduleBasis } from "./schedule.js";

export type Pace = "ahead" | "on" | "behind";

export interface Progress {
  hasValue: boolean;
  /** completion % of the annual target (93.67), when there is a target */
  completionPct?: number;
  /** 时序进度 % for the date (33.33), for indicators held to the schedule */
  schedulePct?: number;
  pace?: Pace;
  /** completion − schedule, in percentage points (negative when behind) */
  gapPoints?: number;
  /** how much is missing, in the indicator's unit, to be on schedule (positive when behind) */
  shortfall?: number;
  /** constraints: whether the bound holds */
  met?: boolean;
}

export interface ProgressContext {
  date: string;
  planYear: number;
  basis: ScheduleBasis;
}

/** Where an indicator stands on a date. Pure: everything it needs is in its arguments. */
export function progressOf(f: IndicatorFacts, ctx: ProgressContext): Progress {
  const hasValue = f.value !== null;
  if (!hasValue || f.value === null) return { hasValue };
  const value = f.value;
  if (f.kind === "constraint") {
    if (f.target === null) return { hasValue };
    const met = f.comparator === "lte" ? value <= f.target : value >= f.target;
    return { hasValue, met };
  }
  if (f.kind === "figure" || f.target === null || f.target <= 0) return { hasValue };
  const completionPct = roundTo(f.printedPct !== null ? Number(f.printedPct) : (value / f.target) * 100, 2);
  if (f.kind === "level") return { hasValue, completionPct };
  const share = scheduleShare(ctx.date, ctx.planYear, ctx.basis, f.schedule);
  const schedulePct = roundTo(share * 100, 2);
  const gapPoints = roundTo(completionPct - schedulePct, 2);
  const pace: Pace = gapPoints > 0 ? "ahead" : gapPoints < 0 ? "behind" : "on";
  const shortfall = Math.max(0, roundTo(f.target * share - value, f.decimals + 2));
  return { hasValue, completionPct, schedulePct, pace, gapPoints, shortfall };
}

export interface Tally {
  /** indicators held to the schedule, and how they stand */
  paced: number;
  ahead: number;
  on: number;
  behind: number;
  constraints: number;
  met: number;
  unmet: number;
  /** constraints without a figure yet */
  noData: number;
}

/** How many indicators are ahead, behind, met: the counts an overview and a summary print. */
export function tally(list: IndicatorFacts[], ctx: ProgressContext): Tally {
  const t: Tally = { paced: 0, ahead: 0, on: 0, behind: 0, constraints: 0, met: 0, unmet: 0, noData: 0 };
  for (const f of list) {
    const p = progressOf(f, ctx);
    if (p.pace) {
      t.paced++;
      t[p.pace]++;
    }
    if (f.kind === "constraint") {
      t.constraints++;
      if (p.met === true) t.met++;
      else if (p.met === false) t.unmet++;
      else t.noData++;
    }
  }
  return t;
}
