// The whole 工作专报: 【工作要闻】 (the news items in date order), 【工作进度】 (the counts paragraph,
// then the progress blocks of render.ts) and 【工作亮点】 (one article), under the same title block
// as the progress-only report. Pure: the catalogue, the items and the counts come in; text or
// Markdown goes out (Word: docx.ts wholeDocx). A section with nothing in it says so in one line.
import type { Catalog } from "../catalog/catalog.js";
import { countsParagraph, type HighlightEntry, type NewsEntry, type ReportSettings, type Tallies } from "../domain/bulletin.js";
import { blockLines, markdownBlockLines, markdownTitleLines, progressReport, titleLines, type ProgressReport, type ReportMeta } from "./render.js";

export const NEWS_TITLE = "【工作要闻】";
export const HIGHLIGHT_TITLE = "【工作亮点】";
export const NO_NEWS = "本期暂无要闻。";
export const NO_HIGHLIGHT = "本期暂无亮点。";

export interface WholeReport {
  meta: ReportMeta;
  /** in date order; each text's paragraphs separated by "\n" */
  news: NewsEntry[];
  /** the opening paragraph of 【工作进度】; absent when nothing was counted */
  counts?: string;
  progress: ProgressReport;
  highlight?: HighlightEntry;
}

/** What the whole 专报 takes besides the catalogue: this items and the counts as of its date. */
export interface WholeParts {
  news: NewsEntry[];
  tallies: Tallies;
  settings: ReportSettings;
  highlight?: HighlightEntry | null;
}

export function wholeReport(catalog: Catalog, meta: ReportMeta, parts: WholeParts): WholeReport {
  // a stable sort: items of one day keep the order they came in
  const news = [...parts.news].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const counts = countsParagraph(parts.settings, parts.tallies);
  const highlight = parts.highlight ?? undefined;
  return { meta, news, progress: progressReport(catalog, meta), ...(counts && { counts }), ...(highlight && { highlight }) };
}

/** A text's paragraphs: one a line, trimmed, blank ones dropped (a member's message has them). */
export function paragraphsOf(text: string): string[] {
  return text.split("\n").map((p) => p.trim()).filter(Boolean);
}

/** The article's title and paragraphs, or undefined when it has nothing to print. */
export function highlightParts(r: WholeReport): { title: string; paragraphs: string[] } | undefined {
  if (!r.highlight) return undefined;
  const title = r.highlight.title.trim();
  const paragraphs = r.highlight.paragraphs.flatMap(paragraphsOf);
  return title || paragraphs.length ? { title, paragraphs } : undefined;
}

/** The items that have something to print, each as its paragraphs (the Word file lists the same). */
export function newsItems(r: WholeReport): string[][] {
  return r.news.map((n) => paragraphsOf(n.text)).filter((ps) => ps.length > 0);
}

export function wholeText(r: WholeReport): string {
  const items = newsItems(r);
  // an item's first paragraph carries the bullet; the paragraphs after it stand on their own lines
  const news = items.length ? items.flatMap((ps) => ps.map((p, n) => (n === 0 ? `- ${p}` : p))) : [NO_NEWS];
  const article = highlightParts(r);
  const highlight = article ? [article.title, ...article.paragraphs].filter(Boolean) : [NO_HIGHLIGHT];
  return [
    ...titleLines(r.meta),
    NEWS_TITLE, "", ...news, "",
    r.progress.title, "", ...(r.counts ? [r.counts] : []), ...blockLines(r.progress.blocks), "",
    HIGHLIGHT_TITLE, "", ...highlight,
  ].join("\n");
}

export function wholeMarkdown(r: WholeReport): string {
  const items = newsItems(r);
  // a paragraph after an item's first is indented so Markdown keeps it inside the item
  const news = items.length ? items.flatMap((ps) => ps.flatMap((p, n) => (n === 0 ? [`- ${literal(p)}`] : ["", `  ${literal(p)}`]))) : [NO_NEWS];
  const article = highlightParts(r);
  const highlight = article ? [...(article.title ? [`### ${literal(article.title)}`, ""] : []), ...article.paragraphs.flatMap((p) => [literal(p), ""])] : [NO_HIGHLIGHT, ""];
  return [
    ...markdownTitleLines(r.meta),
    `## ${NEWS_TITLE}`, "", ...news, "",
    `## ${r.progress.title}`, "", ...(r.counts ? [r.counts, ""] : []), ...markdownBlockLines(r.progress.blocks),
    `## ${HIGHLIGHT_TITLE}`, "", ...highlight,
  ].join("\n");
}

/** A member's text as Markdown reads it literally: no emphasis, heading, quote or list it did not mean. */
function literal(text: string): string {
  return text.replace(/[\\`*_[\]]/g, "\\$&").replace(/^([#>+-])/, "\\$1").replace(/^(\d+)([.)])/, "$1\\$2");
}
