import type { IndicatorSchedule } from "./schedule.js";

/**
 * - cumulative: a count that grows toward an annual target and is held to the schedule
 * - level: a standard to be reached (基础养老金 151 → 171 元/月); completion, no schedule
 * - constraint: a rate or level kept under (lte) or over (gte) a bound: met or not met
 * - figure: a number the report tracks without a target (惠及家长 1132 人次)
 * - qualitative: progress as text, optionally with a completion % (unit %, target 100)
 */
export const INDICATOR_KINDS = ["cumulative", "level", "constraint", "figure", "qualitative"] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export type Comparator = "lte" | "gte";

/** What the pure core needs to know about an indicator; the store maps its rows to this. */
export interface IndicatorFacts {
  code: string;
  name: string;
  kind: IndicatorKind;
  unit: string;
  target: number | null;
  comparator: Comparator | null;
  decimals: number;
  value: number | null;
  statusText: string | null;
  /** completion % as the last imported report printed it; valid while the value is unchanged */
  printedPct: string | null;
  schedule: IndicatorSchedule | null;
}

/** Qualitative items take numbers only when they carry a completion % (unit %, target 100). */
export function acceptsNumbers(f: Pick<IndicatorFacts, "kind" | "target">): boolean {
  return f.kind !== "qualitative" || f.target !== null;
}
