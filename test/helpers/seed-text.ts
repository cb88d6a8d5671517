// The seed 工作专报 and a report we write, made comparable: the seed is text taken out of a PDF
// (bullets "- ", bold "**", line breaks and spaces anywhere, "5. 42" for 5.42, half-width
// punctuation, straight quotes) and has three typos the plan corrects. Everything the comparison
// forgives is listed here, nothing else.
import { readFileSync } from "node:fs";
import path from "node:path";

export const SEED_REPORT = process.env.DUBAN_SEED_REPORT ?? path.resolve("..", "shared", "seed", "000_054569d9a1a13617.txt");

/** The seed's typos and what the plan prints instead (compared on text without spaces). */
export const SEED_CORRECTIONS: readonly (readonly [seed: string, ours: string])[] = [
  ["拔付", "拨付"],
  ["现在督导", "现场督导"],
  ["免费筛1141", "免费筛查1141"],
];

/**
 * A report's text with what the PDF changes taken out: NFKC (full-width punctuation to
 * half-width, ³ to 3, µ to μ), curly quotes straight, the "- " bullets and "**" gone, every
 * space and line break removed (which also joins "5. 42" back into 5.42).
 */
export function normalizeReportText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[“”]/gu, '"')
    .replace(/[‘’]/gu, "'")
    .replace(/^[ \t]*-[ \t]+/gmu, "")
    .replace(/\*\*/gu, "")
    .replace(/\s+/gu, "");
}

/** The seed's text normalised, its listed typos corrected. */
export function normalizeSeedText(text: string): string {
  return SEED_CORRECTIONS.reduce((t, [seed, ours]) => t.replaceAll(seed, ours), normalizeReportText(text));
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
