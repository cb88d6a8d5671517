// Reading figures back out of a 工作专报's progress section (the seed, or one we wrote): for
// each indicator, find its item, then its wording (已完成补充配置电脑 …) followed by the figure
// and, close after, 完成全年任务的 X%. Pure. Text from a PDF has stray spaces and line breaks
// (5. 42 万亩, 完成全\n年任务), so matching happens on the text with every space removed.
import type { Catalog, CatalogIndicator, CatalogSection } from "../catalog/catalog.js";
import { normalizeText, scanQuantities, splitUnit, toIndicatorUnit, type Quantity } from "../domain/numbers.js";
import { parseDate } from "../domain/schedule.js";
import { deriveTarget } from "../domain/target.js";
import { phraseOf } from "./render.js";

export interface ImportedFigure {
  indicatorId: number;
  code: string;
  name: string;
  unit: string;
  oldValue: number | null;
  oldPrintedPct: string | null;
  value: number;
  /** the completion % as printed, when the report gives one */
  printedPct: string | null;
  /** the target the printed % implies, for an indicator that has none yet */
  target: number | null;
  /** the date the figure stands as of: the report's date (YYYY-MM-DD) */
  asOf: string;
  /** the figure as the report prints it: 3.2233万元 */
  printed: string;
  /** why the printed unit cannot be the indicator's (a count printed for an amount or a %) */
  unitProblem: string | null;
}

export interface ImportResult {
  figures: ImportedFigure[];
  /** indicators with a figure to read that the text does not have */
  missing: string[];
  /** the report's date, when its title block has one (2025年4月20日) */
  date: string | null;
}

/** Measures that begin with a shorter one and are not it: 人次 is not 人, 元/月 is not 元. */
const LONGER_MEASURES = ["人次", "场次", "元/月", "元/人"];
const plainMeasure = (u: string) => u.replace(/µ/g, "μ").replace(/³/g, "3");

/**
 * Why a printed quantity cannot be in the indicator's unit, or null when it can: the same
 * measure, scaled through 万/亿 (3.2233万元 for an indicator in 元), or no unit printed at all.
 */
export function unitProblem(q: Pick<Quantity, "unit" | "percent" | "raw">, indicatorUnit: string): string | null {
  const wanted = `指标单位是 ${indicatorUnit}`;
  if (indicatorUnit === "%") return q.percent || !q.unit ? null : `专报写的是“${q.raw}”，不是百分比（${wanted}）`;
  if (q.percent) return `专报写的是“${q.raw}”，是百分比（${wanted}）`;
  if (!q.unit) return null;
  const base = plainMeasure(splitUnit(indicatorUnit).base);
  const printed = plainMeasure(q.unit);
  const other = LONGER_MEASURES.find((m) => m !== base && m.startsWith(base) && printed.startsWith(m));
  return printed.startsWith(base) && !other ? null : `专报写的是“${q.raw}”，单位不符（${wanted}）`;
}

const squeeze = (s: string) =>
  normalizeText(s).replace(/\s+/g, "").replace(/[“”"「」『』]/g, "").replace(/，/g, ",").replace(/（/g, "(").replace(/）/g, ")");

/** `today`: the date figures stand as of when the report's title block has none. */
export function importReport(text: string, catalog: Catalog, today: string): ImportResult {
  const flat = squeeze(text);
  const printedDate = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(flat);
  const printed = printedDate ? `${printedDate[1]}-${printedDate[2]!.padStart(2, "0")}-${printedDate[3]!.padStart(2, "0")}` : null;
  const date = printed && parseDate(printed) ? printed : null;
  const asOf = date ?? today;
  const figures: ImportedFigure[] = [];
  const missing: string[] = [];
  const spans = itemSpans(flat, catalog);
  const seen = new Set<string>();
  for (const { item, start, end } of spans) {
    const used = new Map<string, number>(); // prefix → occurrences taken in this item
    for (const code of item.indicatorCodes) {
      const i = catalog.indicators.find((x) => x.code === code);
      if (!i || seen.has(code) || !readable(i, item)) continue;
      // its wording under this item (脱贫人口务工人数 under (四)1, 稳定脱贫人口务工人数 under (3))
      const prefix = squeeze(phraseOf(i, item).replaceAll("{name}", i.name).split("{v}")[0]!);
      const nth = used.get(prefix) ?? 0;
      used.set(prefix, nth + 1);
      const figure = readFigure(flat.slice(start, end), prefix, nth, i, asOf);
      if (!figure) continue;
      seen.add(code);
      figures.push(figure);
    }
  }
  for (const i of catalog.indicators) if (readable(i) && !seen.has(i.code)) missing.push(i.name);
  return { figures, missing, date };
}

/** Indicators whose wording (under `item`, when given) carries a figure to read: 已完成补充配置电脑 {v}. */
function readable(i: CatalogIndicator, item?: CatalogSection): boolean {
  const phrase = phraseOf(i, item).replaceAll("{name}", i.name);
  return i.kind !== "qualitative" && phrase.includes("{v}") && !phrase.split("{v}")[0]!.includes("{");
}

/** Where each item's text starts and ends, found by its title in report order. */
function itemSpans(flat: string, catalog: Catalog): { item: CatalogSection; start: number; end: number }[] {
  const items = catalog.sections.filter((s) => s.indicatorCodes.length > 0);
  const found: { item: CatalogSection; start: number }[] = [];
  let from = 0;
  for (const item of items) {
    const at = flat.indexOf(squeeze(item.title), from);
    if (at < 0) continue;
    found.push({ item, start: at });
    from = at + 1;
  }
  // the body starts after the title: 失业人员再就业。失业人员再就业 1304 人
  return found.map((f, n) => ({ item: f.item, start: f.start + squeeze(f.item.title).length, end: found[n + 1]?.start ?? flat.length }));
}

function readFigure(span: string, fullPrefix: string, nth: number, i: CatalogIndicator, asOf: string): ImportedFigure | undefined {
  // the wording may differ at its end (免费筛查 printed 免费筛): shorten it until it is found
  let prefix = fullPrefix;
  let at = nthIndex(span, prefix, nth);
  while (at < 0 && prefix.length > 4) {
    prefix = prefix.slice(0, -1);
    at = nthIndex(span, prefix, nth);
  }
  if (at < 0) return undefined;
  const after = span.slice(at + prefix.length, at + prefix.length + 40);
  const q = scanQuantities(after)[0];
  // the figure follows the wording at once, or after the characters a shortened wording left out
  if (!q || q.start > fullPrefix.length - prefix.length + 2) return undefined;
  const value = toIndicatorUnit(q, i.unit);
  // the % belongs to this figure when it follows within the same clause (up to ；or 。)
  const clause = after.slice(q.end).concat(span.slice(at + prefix.length + 40)).split(/[；;。]/)[0]!.slice(0, 40);
  const pctMatch = i.kind === "figure" || i.kind === "constraint" ? null : /完成全年任务的(\d+(?:\.\d+)?)%/.exec(clause);
  const printedPct = pctMatch ? pctMatch[1]! : null;
  return {
    indicatorId: i.id,
    code: i.code,
    name: i.name,
    unit: i.unit,
    oldValue: i.value,
    oldPrintedPct: i.printedPct,
    value,
    printedPct,
    target: i.target ?? (printedPct ? deriveTarget(value, printedPct, i.decimals) ?? null : null),
    asOf,
    printed: q.raw,
    unitProblem: unitProblem(q, i.unit),
  };
}

function nthIndex(text: string, part: string, nth: number): number {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = text.indexOf(part, at + 1);
    if (at < 0) return -1;
  }
  return at;
}
