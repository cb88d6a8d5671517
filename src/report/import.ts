// Reading figures back out of a 工作专报's progress section (the seed, or one we wrote): for
// each indicator, find its item, then its wording (已完成补充配置电脑 …) followed by the figure
// and, close after, 完成全年任务的 X%. Pure. Text from a PDF has stray spaces and line breaks
// (5. 42 万亩, 完成全\n年任务), so matching happens on the text with every space removed.
import type { Catalog, CatalogIndicator, CatalogSection } from "../catalog/catalog.js";
import { normalizeText, scanQuantities, toIndicatorUnit } from "../domain/numbers.js";
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
}

export interface ImportResult {
  figures: ImportedFigure[];
  /** indicators with a figure to read that the text does not have */
  missing: string[];
  /** the report's date, when its title block has one (2025年4月20日) */
  date: string | null;
}

const squeeze = (s: string) =>
  normalizeText(s).replace(/\s+/g, "").replace(/[“”"「」『』]/g, "").replace(/，/g, ",").replace(/（/g, "(").replace(/）/g, ")");

export function importReport(text: string, catalog: Catalog): ImportResult {
  const flat = squeeze(text);
  const figures: ImportedFigure[] = [];
  const missing: string[] = [];
  const spans = itemSpans(flat, catalog);
  const seen = new Set<string>();
  for (const { item, start, end } of spans) {
    const used = new Map<string, number>(); // prefix → occurrences taken in this item
    for (const code of item.indicatorCodes) {
      const i = catalog.indicators.find((x) => x.code === code);
      if (!i || seen.has(code) || !readable(i)) continue;
      const prefix = squeeze(phraseOf(i).replaceAll("{name}", i.name).split("{v}")[0]!);
      const nth = used.get(prefix) ?? 0;
      used.set(prefix, nth + 1);
      const figure = readFigure(flat.slice(start, end), prefix, nth, i);
      if (!figure) continue;
      seen.add(code);
      figures.push(figure);
    }
  }
  for (const i of catalog.indicators) if (readable(i) && !seen.has(i.code)) missing.push(i.name);
  const date = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(flat);
  return { figures, missing, date: date ? `${date[1]}-${date[2]!.padStart(2, "0")}-${date[3]!.padStart(2, "0")}` : null };
}

/** Indicators whose wording carries a figure to read: 已完成补充配置电脑 {v}. */
function readable(i: CatalogIndicator): boolean {
  const phrase = phraseOf(i).replaceAll("{name}", i.name);
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

function readFigure(span: string, fullPrefix: string, nth: number, i: CatalogIndicator): ImportedFigure | undefined {
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
