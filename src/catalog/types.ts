import type { Comparator, IndicatorKind } from "../domain/indicator.js";
import type { IndicatorSchedule } from "../domain/schedule.js";

/** An indicator as the plan file declares it; targets may be derived from value and printed %. */
export interface PlanIndicator {
  code: string;
  name: string;
  aliases?: string[];
  kind: IndicatorKind;
  unit: string;
  owner: string;
  value?: number;
  /** completion % exactly as printed in the report ("35.14", "104.6", "35") */
  pct?: string;
  /** an explicit target; otherwise derived from value and pct */
  target?: number;
  comparator?: Comparator;
  decimals?: number;
  schedule?: IndicatorSchedule;
  status?: string;
  /** how the 工作专报 words it: "已完成补充配置电脑 {v}" ({v} value with unit, {status} the text) */
  phrase?: string;
}

/**
 * An indicator declared under another item, placed again here; `phrase` words it under this item
 * only (创业培训 is "开展创业培训 {v}" under (4), "开展创业技能培训 {v}" under (三)9).
 */
export interface PlanPlacement {
  code: string;
  phrase?: string;
}

/** A heading with its number as printed. Items list indicators, or codes placed again. */
export interface PlanSection {
  code: string;
  label: string;
  title: string;
  aliases?: string[];
  children?: PlanSection[];
  indicators?: (PlanIndicator | PlanPlacement | string)[];
  /**
   * How the report joins the item's indicators, in its order and punctuation:
   * "{a.body}，{b}，{a.pct}" (src/catalog/wording.ts); unset, they are joined with "；".
   */
  wording?: string;
}

/** An item's entry: an indicator declared here, or one declared elsewhere placed again. */
export type PlanEntry = NonNullable<PlanSection["indicators"]>[number];

/** The entry's indicator when it declares one here; undefined for a placement of one declared elsewhere. */
export function declared(entry: PlanEntry): PlanIndicator | undefined {
  return typeof entry !== "string" && "kind" in entry ? entry : undefined;
}

/** The entry's indicator code and, for a placement, its wording under this item. */
export function placed(entry: PlanEntry): { code: string; phrase?: string } {
  if (typeof entry === "string") return { code: entry };
  return declared(entry) ? { code: entry.code } : { code: entry.code, ...(entry.phrase ? { phrase: entry.phrase } : {}) };
}

export interface PlanUnit {
  name: string;
  aliases: string[];
}

export interface PlanFile {
  year: number;
  title: string;
  /** when the figures were printed; the seed's first update of every indicator */
  asOf: string;
  source: string;
  /** the 工作专报 the figures were printed in (第3期 of 2025-04-20): the next is numbered after it */
  issue?: { number: number; date: string };
  units: PlanUnit[];
  sections: PlanSection[];
}
