// How figures and changes are written wherever people read them: chat replies, reminders, the
// 专报, charts and the dashboard. Pure: everything shown comes from the arguments, in simplified
// Chinese, with numbers as the report writes them (8.61 万人, 93.67%).
import type { IndicatorFacts } from "./indicator.js";
import { formatNumber, formatPct } from "./numbers.js";
import { progressOf, type Progress, type ProgressContext } from "./status.js";

/** An indicator as lists show it: its facts and the unit that leads it. */
export interface OwnedIndicator extends IndicatorFacts {
  owner: string;
}

/** One recorded change, as much of it as a summary line needs (the store's HistoryEntry fits). */
export interface ChangeFacts {
  kind: string;
  oldValue: number | null;
  newValue: number | null;
  oldText: string | null;
  newText: string | null;
  note: string | null;
}

export function quantity(value: number | null, unit: string): string {
  if (value === null) return "暂无数据";
  return unit === "%" ? `${formatNumber(value)}%` : `${formatNumber(value)} ${unit}`;
}

export function truncate(s: string, n: number): string {
  return [...s].length > n ? `${[...s].slice(0, n).join("")}…` : s;
}

export interface Laggard<I extends IndicatorFacts = IndicatorFacts> {
  indicator: I;
  progress: Progress;
}

/** Indicators behind their schedule share, the largest gap first. */
export function laggardsOf<I extends IndicatorFacts>(indicators: I[], ctx: ProgressContext): Laggard<I>[] {
  return indicators
    .map((indicator) => ({ indicator, progress: progressOf(indicator, ctx) }))
    .filter((l) => l.progress.pace === "behind")
    .sort((a, b) => a.progress.gapPoints! - b.progress.gapPoints!);
}

/** The five largest gaps to the schedule, one numbered line each. */
export function largestGaps(plan: { indicators: OwnedIndicator[] }, ctx: ProgressContext, n = 5): string[] {
  return laggardsOf(plan.indicators, ctx)
    .slice(0, n)
    .map(({ indicator: i, progress: p }, k) => `${k + 1}. ${i.name} ${formatPct(p.completionPct!)}，落后 ${formatNumber(-p.gapPoints!, 2)} 个百分点（${i.owner}）`);
}

/** One change as the 填报记录 and the dashboard feed show it, with the reporter's 备注. */
export function changeSummary(e: ChangeFacts, unit: string): string {
  const what =
    e.kind === "config"
      ? `${e.oldText ?? ""} → ${(e.newText ?? "").replace(/^[^：]+：/, "")}`
      : e.kind === "note" || (e.kind === "undo" && e.oldValue === e.newValue && e.oldText !== e.newText)
        ? `进展：${truncate(e.newText ?? "", 30)}${e.kind === "undo" ? "（撤销）" : ""}`
        : e.kind === "seed"
          ? `初始值 ${quantity(e.newValue, unit)}`
          : `${quantity(e.oldValue, unit)} → ${quantity(e.newValue, unit)}${e.kind === "add" ? "（增量填报）" : e.kind === "undo" ? "（撤销）" : e.kind === "import-history" ? "（专报所载，之后已有更新，当前值未变）" : ""}`;
  return e.note ? `${what}（备注：${truncate(e.note, 40)}）` : what;
}
