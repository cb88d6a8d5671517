// Report text compared with the seed 专报 (a PDF turned into text): what the conversion changed
// (spacing and line breaks, full-width punctuation, curly quotes, bullets and bold marks) taken out
// of both sides, so only the words and figures are compared. And the seed's parts read back out
// of it: its title block, 要闻, counts and 亮点.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { DEFAULT_REPORT_SETTINGS, tallyNames, type HighlightEntry, type NewsEntry, type Tallies, type TallyKind } from "../../src/domain/bulletin.js";
import type { ReportMeta } from "../../src/report/render.js";
import { HIGHLIGHT_TITLE, NEWS_TITLE } from "../../src/report/whole.js";

export function normaliseReportText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[“”]/gu, '"')
    .replace(/[‘’]/gu, "'")
    .replace(/\*\*/g, "")
    .replace(/^[ \t]*- /gmu, "")
    .replace(/\s+/gu, "");
}

/** The seed's typos and what the plan prints instead (compared on text without spaces): all the comparison forgives besides the PDF's marks. */
export const SEED_CORRECTIONS: readonly (readonly [seed: string, ours: string])[] = [
  ["拔付", "拨付"],
  ["现在督导", "现场督导"],
  ["免费筛1141", "免费筛查1141"],
];

/** The seed's text normalised, its listed typos corrected. */
export function normaliseSeedText(text: string): string {
  return SEED_CORRECTIONS.reduce((t, [seed, ours]) => t.replaceAll(seed, ours), normaliseReportText(text));
}

/** The seed's 【工作进度】 from (一) up to 【工作亮点】 (the 人社一体化 paragraph before it excluded). */
export function seedProgressText(text = readFileSync(SEED_REPORT, "utf8")): string {
  const start = text.indexOf("(一)省级十大重点民生实事");
  const end = text.indexOf("【工作亮点】");
  if (start < 0 || end < start) throw new Error(`${SEED_REPORT} has no 【工作进度】 from (一) to 【工作亮点】`);
  return text.slice(start, end);
}

/** A normalised text cut before each heading ((一), 1., (1)): a failed comparison then names the item. */
export function reportItems(normalized: string): string[] {
  return normalized.split(/(?=\([一二三四五六七八九十]\)|\(\d+\)|(?<![\d.])\d{1,2}\.(?!\d))/u);
}

export const SEED_REPORT = process.env.DUBAN_SEED_REPORT ?? path.resolve("..", "shared", "seed", "000_054569d9a1a13617.txt");
export const PROGRESS_TITLE = "【工作进度】";

/** The text between two markers (to the end without the second), markers left out. */
export function between(text: string, start: string, end?: string): string {
  const from = text.indexOf(start);
  expect(from, `${start} not found`).toBeGreaterThanOrEqual(0);
  const to = end === undefined ? text.length : text.indexOf(end, from);
  expect(to, `${end} not found after ${start}`).toBeGreaterThan(from);
  return text.slice(from + start.length, to);
}

export const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);
const iso = (y: number | string, m: string, d: string) => `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;

/** 汨罗市民生补短提质攻坚 工作专报 / 第3期 / 专班 / 2025年4月20日, as the seed's first lines print them. */
export function seedMeta(seed: string): ReportMeta {
  const [title, issue, office, date] = lines(seed);
  const d = /^(\d{4})年(\d+)月(\d+)日$/u.exec(date!)!;
  return { org: title!.replace(/\s*工作专报$/u, ""), issue: issue!, office: office!, date: iso(d[1]!, d[2]!, d[3]!) };
}

/** Each "- " line starts an item; a line without it is the item's next paragraph. */
export function seedNews(seed: string, year: number): NewsEntry[] {
  const items: string[][] = [];
  for (const line of lines(between(seed, NEWS_TITLE, PROGRESS_TITLE))) {
    if (line.startsWith("- ")) items.push([line.slice(2)]);
    else items.at(-1)!.push(line);
  }
  return items.map((ps) => {
    const [, m, d] = /^(\d+)月(\d+)日/u.exec(ps[0]!)!;
    return { date: iso(year, m!, d!), text: ps.join("\n") };
  });
}

/** The first line is the title; a paragraph starts at 一是, 二是…; other lines are the PDF's wraps. */
export function seedHighlight(seed: string): HighlightEntry {
  const [title, ...rest] = lines(between(seed, HIGHLIGHT_TITLE));
  const paragraphs: string[] = [];
  for (const line of rest) {
    if (/^[一二三四五六七八九十]+是/u.test(line) || !paragraphs.length) paragraphs.push(line);
    else paragraphs[paragraphs.length - 1] += line;
  }
  return { title: title!, paragraphs };
}

/** The counts paragraph (the first of 【工作进度】) and the count of every name the settings list. */
export function seedCounts(seed: string): { paragraph: string; tallies: Tallies } {
  const paragraph = lines(between(seed, PROGRESS_TITLE, "(一)"))[0]!;
  const tally = (kind: TallyKind, unit: string) =>
    Object.fromEntries(tallyNames(DEFAULT_REPORT_SETTINGS, kind).map((name) => [name, Number(new RegExp(`${name}\\s*(\\d+)\\s*${unit}`, "u").exec(paragraph)![1])]));
  return { paragraph, tallies: { materials: tally("materials", "条"), news: tally("news", "篇") } };
}

/** The paragraphs of a .docx, their runs' text joined, XML entities decoded. */
export async function docxParagraphs(data: Buffer): Promise<{ text: string; bullet: boolean }[]> {
  const { default: JSZip } = await import("jszip");
  const xml = await (await JSZip.loadAsync(data)).file("word/document.xml")!.async("string");
  const entities: Record<string, string> = { "&quot;": '"', "&apos;": "'", "&lt;": "<", "&gt;": ">", "&amp;": "&" };
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    text: [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]!.replace(/&(quot|apos|lt|gt|amp);/g, (e) => entities[e]!)).join(""),
    bullet: p.includes("<w:numPr>"),
  }));
}

