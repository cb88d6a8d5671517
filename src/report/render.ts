// The 工作专报's 【工作进度】 section written from the data, in the report's own structure
// ((一)…(五), numbered areas and items) and wording (已完成补充配置电脑 1200 台，完成全年任务的
// 35.14%). Pure: the catalogue and the date come in; blocks go out, for text, Markdown or Word.
import type { Catalog, CatalogIndicator, CatalogSection } from "../catalog/catalog.js";
import { quantity } from "../domain/presentation.js";
import { formatPct } from "../domain/numbers.js";
import { fillWording, wordingCodes } from "../catalog/wording.js";

export interface ReportMeta {
  /** 汨罗市民生补短提质攻坚 */
  org: string;
  /** 第3期 */
  issue: string;
  /** 市民生补短提质攻坚工作专班 */
  office: string;
  /** YYYY-MM-DD */
  date: string;
}

export interface Block {
  /** 0: (一) section, 1: area or item of a flat section, 2: item under an area */
  level: 0 | 1 | 2;
  heading: string;
  /** the item's sentences; none for a heading that only groups */
  text?: string;
}

export interface ProgressReport {
  meta: ReportMeta;
  title: string;
  blocks: Block[];
}

/** The header's names, from the configuration (DUBAN_ORG_NAME, DUBAN_OFFICE_NAME). */
export type ReportNames = Pick<ReportMeta, "org" | "office">;

export function progressReport(catalog: Catalog, meta: ReportMeta): ProgressReport {
  const blocks: Block[] = [];
  const children = (code: string) => catalog.sections.filter((s) => s.parentCode === code);
  for (const top of catalog.sections.filter((s) => s.level === 0)) {
    blocks.push({ level: 0, heading: `${top.label}${top.title}` });
    for (const child of children(top.code)) {
      const items = children(child.code);
      if (items.length === 0) {
        blocks.push({ level: 1, heading: `${child.label} ${child.title}`, text: itemText(child, catalog) });
        continue;
      }
      blocks.push({ level: 1, heading: `${child.label} ${child.title}` });
      for (const item of items) blocks.push({ level: 2, heading: `${item.label}${item.title}`, text: itemText(item, catalog) });
    }
  }
  return { meta, title: "【工作进度】", blocks };
}

/**
 * An item's sentences: by its wording where the plan gives one (the report's order and
 * punctuation), else its indicators in order joined with "；". An indicator the wording does not
 * name still prints, after it, so an edited plan never loses a figure.
 */
export function itemText(item: CatalogSection, catalog: Catalog): string {
  const placed = item.indicatorCodes
    .map((code) => catalog.indicators.find((i) => i.code === code))
    .filter((i): i is CatalogIndicator => i !== undefined);
  const named = item.wording ? wordingCodes(item.wording) : [];
  const worded = item.wording
    ? fillWording(item.wording, (code, part) => {
        const i = placed.find((x) => x.code === code);
        return i ? figureParts(i, phraseOf(i, item))[part] : "";
      })
    : "";
  const rest = placed.filter((i) => !named.includes(i.code)).map((i) => figureText(i, phraseOf(i, item)));
  const pieces = [worded, ...rest].filter(Boolean);
  return pieces.length ? `${pieces.join("；")}。` : "暂无进展。";
}

/** An indicator's sentence in its three forms: whole, without the %, the % alone (each may be empty). */
export interface FigureParts {
  full: string;
  body: string;
  pct: string;
}

/**
 * One indicator as the report words it, with its completion % where it has one; empty when it
 * has nothing to say yet. A figure not reported (every one of a fresh year's plan) is not worded
 * "城镇调查失业率为 暂无数据": its progress text stands alone, or the item says 暂无进展.
 * `phrase`: its wording under the item at hand, when that differs from its own.
 */
export function figureText(i: CatalogIndicator, phrase = phraseOf(i)): string {
  return figureParts(i, phrase).full;
}

export function figureParts(i: CatalogIndicator, phrase = phraseOf(i)): FigureParts {
  const wantsFigure = phrase.includes("{v}");
  if (i.value === null && (wantsFigure || !i.statusText)) {
    const body = trimmed(i.statusText ?? "");
    return { full: body, body, pct: "" };
  }
  const status = i.statusText ?? (wantsFigure ? "" : "暂无进展");
  const body = trimmed(phrase.replaceAll("{v}", quantity(i.value, i.unit)).replaceAll("{status}", status).replaceAll("{name}", i.name));
  const pct = completionText(i);
  const pctText = pct ? `完成全年任务的 ${pct}` : "";
  return { full: body && pctText ? `${body}，${pctText}` : body || pctText, body, pct: pctText };
}

function trimmed(text: string): string {
  return text.replace(/[。；，,;]+$/u, "");
}

/** The indicator's wording in the report: under `item` when it has its own there, else its own, else one by kind ("{name} {v}"). */
export function phraseOf(i: CatalogIndicator, item?: Pick<CatalogSection, "phrases">): string {
  return item?.phrases?.[i.code] ?? i.phrase ?? defaultPhrase(i);
}

function defaultPhrase(i: CatalogIndicator): string {
  if (i.kind === "qualitative" || (i.kind === "constraint" && i.statusText && i.value === null)) return "{status}";
  if (i.kind === "constraint") return i.statusText ? "{status}" : "{name}为 {v}";
  return "{name} {v}";
}

/** As printed by the report while the figure is the printed one; computed to two decimals after. */
export function completionText(i: CatalogIndicator): string | undefined {
  if (i.kind === "figure" || i.kind === "constraint" || i.value === null || i.target === null || i.target <= 0) return undefined;
  return i.printedPct !== null ? `${i.printedPct}%` : formatPct((i.value / i.target) * 100);
}

export function reportText(r: ProgressReport): string {
  return [...titleLines(r.meta), r.title, "", ...blockLines(r.blocks)].join("\n");
}

/** The title block every text 专报 opens with: 单位 工作专报, 期数, 专班, 日期, a blank line. */
export function titleLines(meta: ReportMeta): string[] {
  return [`${meta.org} 工作专报`, meta.issue, meta.office, chineseDate(meta.date), ""];
}

/** The progress blocks as text lines: "heading。text", one line a block. */
export function blockLines(blocks: Block[]): string[] {
  return blocks.map((b) => (b.text ? `${b.heading}。${b.text}` : b.heading).replace(/。。/g, "。"));
}

export function reportMarkdown(r: ProgressReport): string {
  return [...markdownTitleLines(r.meta), `## ${r.title}`, "", ...markdownBlockLines(r.blocks)].join("\n");
}

/** The Markdown title block: "# 单位 工作专报", then 期数, 专班 and 日期 on one line. */
export function markdownTitleLines(meta: ReportMeta): string[] {
  return [`# ${meta.org} 工作专报`, "", `${meta.issue}　${meta.office}　${chineseDate(meta.date)}`, ""];
}

/** The progress blocks in Markdown: (一) as ###, a heading in bold, each followed by a blank line. */
export function markdownBlockLines(blocks: Block[]): string[] {
  return blocks.flatMap((b) => {
    if (b.level === 0) return [`### ${b.heading}`, ""];
    if (!b.text) return [`**${b.heading}**`, ""];
    return [`**${b.heading}。**${b.text}`.replace(/。\*\*。/g, "。**"), ""];
  });
}

export function chineseDate(iso: string): string {
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}
