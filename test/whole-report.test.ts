// The whole 工作专报 (要闻, 进度, 亮点) rebuilt from the seed's own items, counts and article: its
// title block, 【工作要闻】, counts paragraph and 【工作亮点】 read as the seed's (the progress blocks
// are render.ts's, compared with the progress-only report); Markdown has the three sections; an
// issue with nothing to tell says so; the Word file read back holds the text's words in order.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_REPORT_SETTINGS, tallyNames, type HighlightEntry, type NewsEntry, type Tallies, type TallyKind } from "../src/domain/bulletin.js";
import { progressReport, reportText, type ReportMeta } from "../src/report/render.js";
import { HIGHLIGHT_TITLE, NEWS_TITLE, NO_HIGHLIGHT, NO_NEWS, wholeMarkdown, wholeReport, wholeText, type WholeReport } from "../src/report/whole.js";
import { catalog2025 } from "./helpers/catalog.js";
import { between, docxParagraphs, lines, normaliseReportText, PROGRESS_TITLE, SEED_REPORT, seedCounts, seedHighlight, seedMeta, seedNews } from "./helpers/seed-text.js";

let seed: string;
let meta: ReportMeta;
let news: NewsEntry[];
let highlight: HighlightEntry;
let counts: ReturnType<typeof seedCounts>;
let report: WholeReport;
let text: string;

beforeAll(async () => {
  seed = await readFile(SEED_REPORT, "utf8");
  meta = seedMeta(seed);
  news = seedNews(seed, Number(meta.date.slice(0, 4)));
  highlight = seedHighlight(seed);
  counts = seedCounts(seed);
  // handed over out of date order (the later half first); the two of 3月27日 keep theirs
  const shuffled = [...news.slice(4), ...news.slice(0, 4)];
  report = wholeReport(catalog2025(), meta, { news: shuffled, tallies: counts.tallies, settings: DEFAULT_REPORT_SETTINGS, highlight });
  text = wholeText(report);
});

const empty = () => wholeReport(catalog2025(), meta, { news: [{ date: "2025-04-01", text: " \n " }], tallies: { materials: {}, news: {} }, settings: DEFAULT_REPORT_SETTINGS, highlight: { title: " ", paragraphs: [""] } });

describe("the whole 工作专报 against the seed", () => {
  it("reads the seed's 8 items, its 3 highlight paragraphs and every count", () => {
    expect(news).toHaveLength(8);
    expect(news[2]!.text.split("\n")).toHaveLength(2);
    expect(highlight.paragraphs).toHaveLength(3);
    expect(Object.values(counts.tallies.materials).every(Number.isInteger)).toBe(true);
    expect(Object.values(counts.tallies.news).every(Number.isInteger)).toBe(true);
  });

  it("prints the seed's title block", () => {
    expect(normaliseReportText(text.slice(0, text.indexOf(NEWS_TITLE)))).toBe(normaliseReportText(seed.slice(0, seed.indexOf(NEWS_TITLE))));
    expect(text.split("\n").slice(0, 5)).toEqual(reportText(report.progress).split("\n").slice(0, 5));
  });

  it("prints 【工作要闻】 as the seed does: in date order, one bullet an item, a second paragraph on its own line", () => {
    const section = between(text, NEWS_TITLE, PROGRESS_TITLE);
    expect(normaliseReportText(section)).toBe(normaliseReportText(between(seed, NEWS_TITLE, PROGRESS_TITLE)));
    expect(report.news.map((n) => n.text)).toEqual(news.map((n) => n.text));
    const printed = lines(section);
    expect(printed.filter((l) => l.startsWith("- "))).toHaveLength(8);
    const second = news[2]!.text.split("\n")[1]!;
    expect(printed[printed.indexOf(`- ${news[2]!.text.split("\n")[0]}`) + 1]).toBe(second);
  });

  it("opens 【工作进度】 with the seed's counts paragraph, then the progress-only report's blocks unchanged", () => {
    expect(report.counts).toBeDefined();
    expect(normaliseReportText(report.counts!)).toBe(normaliseReportText(counts.paragraph));
    const progressOnly = reportText(progressReport(catalog2025(), meta));
    const blocks = progressOnly.slice(progressOnly.indexOf(`${PROGRESS_TITLE}\n\n`) + PROGRESS_TITLE.length + 2);
    expect(between(text, PROGRESS_TITLE, HIGHLIGHT_TITLE)).toBe(`\n\n${report.counts}\n${blocks}\n\n`);
  });

  it("prints 【工作亮点】 as the seed does: the title, then each paragraph on its own line", () => {
    const section = between(text, HIGHLIGHT_TITLE);
    expect(normaliseReportText(section)).toBe(normaliseReportText(between(seed, HIGHLIGHT_TITLE)));
    expect(lines(section)).toEqual([highlight.title, ...highlight.paragraphs]);
  });

  it("keeps the sections in the seed's order", () => {
    const at = [NEWS_TITLE, PROGRESS_TITLE, HIGHLIGHT_TITLE].map((t) => text.indexOf(t));
    expect(at.every((n, i) => n >= 0 && (i === 0 || n > at[i - 1]!))).toBe(true);
  });
});

describe("Markdown", () => {
  it("has the three ## sections, the items as a list and the article under its title", () => {
    const md = wholeMarkdown(report);
    expect(md.split("\n").filter((l) => l.startsWith("## "))).toEqual([`## ${NEWS_TITLE}`, `## ${PROGRESS_TITLE}`, `## ${HIGHLIGHT_TITLE}`]);
    const items = between(md, `## ${NEWS_TITLE}`, `## ${PROGRESS_TITLE}`);
    expect(normaliseReportText(items)).toBe(normaliseReportText(between(seed, NEWS_TITLE, PROGRESS_TITLE)));
    expect(items.split("\n").filter((l) => l.startsWith("- "))).toHaveLength(8);
    // the second paragraph stays inside its item: blank line, then indented
    expect(items).toContain(`\n\n  ${news[2]!.text.split("\n")[1]}\n`);
    expect(md).toContain(`### ${highlight.title}`);
    expect(normaliseReportText(between(md, `## ${HIGHLIGHT_TITLE}`).replace(/^### /mu, ""))).toBe(normaliseReportText(between(seed, HIGHLIGHT_TITLE)));
    expect(between(md, `## ${PROGRESS_TITLE}`, "### ").trim()).toBe(report.counts);
  });

  it("prints a member's * and a leading # literally", () => {
    const odd = wholeReport(catalog2025(), meta, { news: [{ date: "2025-04-01", text: "4月1日，*重点*推进" }], tallies: { materials: {}, news: {} }, settings: DEFAULT_REPORT_SETTINGS, highlight: { title: "#标题", paragraphs: ["1. 一是"] } });
    const md = wholeMarkdown(odd);
    expect(md).toContain("- 4月1日，\\*重点\\*推进");
    expect(md).toContain("### \\#标题");
    expect(md).toContain("\n1\\. 一是\n");
  });
});

describe("an issue with nothing to tell", () => {
  it("says so in each section and prints no empty bullet, counts or title", () => {
    const r = empty();
    expect(r.counts).toBeUndefined();
    const plain = wholeText(r);
    expect(between(plain, NEWS_TITLE, PROGRESS_TITLE).trim()).toBe(NO_NEWS);
    expect(between(plain, HIGHLIGHT_TITLE).trim()).toBe(NO_HIGHLIGHT);
    expect(between(plain, PROGRESS_TITLE, HIGHLIGHT_TITLE).trimStart().startsWith("(一)")).toBe(true);
    expect(plain.split("\n").filter((l) => /^\s*-/u.test(l))).toEqual([]);
    const md = wholeMarkdown(r);
    expect(between(md, `## ${NEWS_TITLE}`, `## ${PROGRESS_TITLE}`).trim()).toBe(NO_NEWS);
    expect(between(md, `## ${HIGHLIGHT_TITLE}`).trim()).toBe(NO_HIGHLIGHT);
    expect(between(md, `## ${PROGRESS_TITLE}`, HIGHLIGHT_TITLE).trimStart().startsWith("### (一)")).toBe(true);
    expect(md.split("\n").filter((l) => /^\s*-/u.test(l) || /^###\s*$/u.test(l))).toEqual([]);
  });
});

describe("Word output", () => {
  it("reads back with the text format's words in order, the items as Word bullets", async () => {
    const { wholeDocx } = await import("../src/report/docx.js");
    const paragraphs = await docxParagraphs(await wholeDocx(report));
    expect(normaliseReportText(paragraphs.map((p) => p.text).join("\n"))).toBe(normaliseReportText(text));
    const texts = paragraphs.map((p) => p.text);
    // every item's paragraphs, the counts, each progress block and the article, each a paragraph, in order
    const expected = [
      NEWS_TITLE, ...news.flatMap((n) => n.text.split("\n")),
      PROGRESS_TITLE, report.counts!, ...report.progress.blocks.map((b) => b.heading),
      HIGHLIGHT_TITLE, highlight.title, ...highlight.paragraphs,
    ];
    let from = 0;
    for (const want of expected) {
      const at = texts.findIndex((t, n) => n >= from && t.startsWith(want));
      expect(at, `${want.slice(0, 30)} after paragraph ${from}`).toBeGreaterThanOrEqual(from);
      from = at + 1;
    }
    expect(paragraphs.filter((p) => p.bullet).map((p) => p.text)).toEqual(news.map((n) => n.text.split("\n")[0]));
  });

  it("says 本期暂无要闻 and 本期暂无亮点 in an empty issue", async () => {
    const { wholeDocx } = await import("../src/report/docx.js");
    const r = empty();
    const paragraphs = await docxParagraphs(await wholeDocx(r));
    expect(normaliseReportText(paragraphs.map((p) => p.text).join("\n"))).toBe(normaliseReportText(wholeText(r)));
    expect(paragraphs.some((p) => p.bullet)).toBe(false);
    expect(paragraphs.map((p) => p.text)).toEqual(expect.arrayContaining([NO_NEWS, NO_HIGHLIGHT]));
  });
});
