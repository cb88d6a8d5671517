// Whether a new figure looks wrong enough to be checked before it is written: smaller than a
// count was, past the annual target, more than doubled, over 100%. A chat report waits for 确认;
// a report import holds it unless forced. Pure: both callers decide what to do with the reasons.
import type { IndicatorFacts } from "./indicator.js";

/** What makes a figure suspicious enough to wait for 确认; empty when it looks right. */
export function warningsFor(i: Pick<IndicatorFacts, "kind" | "target" | "unit" | "value">, next: number): string[] {
  const old = i.value;
  const counts = i.kind === "cumulative" || i.kind === "figure" || (i.kind === "qualitative" && i.target !== null);
  const out: string[] = [];
  if (counts && old !== null && next < old) out.push("累计数比原来少了");
  if (i.kind === "cumulative" && i.target !== null && next > i.target && (old === null || old <= i.target)) out.push("超过了全年目标");
  if (counts && old !== null && old > 0 && next > old * 2) out.push("比原来多出一倍以上");
  if (i.unit === "%" && next > 100 && i.kind !== "constraint") out.push("超过了 100%");
  return out;
}
