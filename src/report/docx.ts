// The 工作专报 as a Word document a 专班 office would print (GB/T 9704 style): the red title block
// (单位, 期数, 专班, 日期), 黑体 section headings, and the items in 仿宋 三号 body text. The
// progress-only report and the whole one (要闻, 进度, 亮点) share the title block and the blocks.
import { createRequire } from "node:module";
import type * as Docx from "docx";
import { chineseDate, type Block, type ProgressReport, type ReportMeta } from "./render.js";
import { HIGHLIGHT_TITLE, highlightParts, NEWS_TITLE, newsItems, NO_HIGHLIGHT, NO_NEWS, type WholeReport } from "./whole.js";

const RED = "C00000";
const BODY = { font: "仿宋_GB2312", size: 32 } as const; // 三号
const HEAD = { font: "黑体", size: 32 } as const;
const TITLE_FONT = "方正小标宋简体";
/** a body paragraph: two characters' first-line indent, fixed 28-point lines */
const INDENTED = { indent: { firstLine: 640 }, spacing: { line: 560 } } as const;

// docx (~0.1 s and ~11 MB) is loaded at the first Word file, not at start-up. Synchronously
// (its CommonJS build): the bot answers a Telegram message in the same turn when it can, and an
// import() would wait for the disk.
const require = createRequire(import.meta.url);
let loaded: typeof Docx | undefined;
const docxLib = (): typeof Docx => (loaded ??= require("docx"));

export async function reportDocx(r: ProgressReport): Promise<Buffer> {
  const docx = docxLib();
  return packed(docx, r.meta, [...titleBlock(docx, r.meta), sectionHeading(docx, r.title), ...progressBody(docx, r.blocks)]);
}

/** The whole 专报: 【工作要闻】 as a bulleted list, 【工作进度】 with its counts, 【工作亮点】's article. */
export async function wholeDocx(r: WholeReport): Promise<Buffer> {
  const docx = docxLib();
  return packed(docx, r.meta, [
    ...titleBlock(docx, r.meta),
    sectionHeading(docx, NEWS_TITLE), ...newsBody(docx, r),
    sectionHeading(docx, r.progress.title), ...(r.counts ? [bodyParagraph(docx, r.counts)] : []), ...progressBody(docx, r.progress.blocks),
    sectionHeading(docx, HIGHLIGHT_TITLE), ...highlightBody(docx, r),
  ]);
}

async function packed({ Document, Packer }: typeof Docx, meta: ReportMeta, children: Docx.Paragraph[]): Promise<Buffer> {
  const doc = new Document({
    creator: meta.office,
    title: `${meta.org} 工作专报 ${meta.issue}`,
    styles: { default: { document: { run: { font: BODY.font, size: BODY.size } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

function titleBlock({ AlignmentType, BorderStyle, Paragraph, TextRun }: typeof Docx, meta: ReportMeta): Docx.Paragraph[] {
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `${meta.org} 工作专报`, color: RED, bold: true, size: 56, font: TITLE_FONT })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [new TextRun({ text: meta.issue, ...BODY })] }),
    new Paragraph({
      border: { bottom: { color: RED, style: BorderStyle.SINGLE, size: 12, space: 4 } },
      children: [new TextRun({ text: meta.office, ...BODY }), new TextRun({ text: `\t${chineseDate(meta.date)}`, ...BODY })],
      tabStops: [{ type: "right", position: 9000 }],
    }),
  ];
}

/** 【工作要闻】, 【工作进度】, 【工作亮点】: 黑体, bold, a Word heading so the outline lists them. */
function sectionHeading({ HeadingLevel, Paragraph, TextRun }: typeof Docx, title: string): Docx.Paragraph {
  return new Paragraph({ spacing: { before: 300, after: 200 }, heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: title, ...HEAD, bold: true })] });
}

function bodyParagraph({ Paragraph, TextRun }: typeof Docx, text: string): Docx.Paragraph {
  return new Paragraph({ ...INDENTED, children: [new TextRun({ text, ...BODY })] });
}

function progressBody({ HeadingLevel, Paragraph, TextRun }: typeof Docx, blocks: Block[]): Docx.Paragraph[] {
  return blocks.map((b) => {
    if (b.level === 0) return new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 200 }, children: [new TextRun({ text: b.heading, ...HEAD })] });
    if (!b.text) return new Paragraph({ indent: { firstLine: 640 }, children: [new TextRun({ text: b.heading, ...BODY, bold: true })] });
    return new Paragraph({
      ...INDENTED,
      children: [new TextRun({ text: `${b.heading}。`.replace(/。。$/, "。"), ...BODY, bold: true }), new TextRun({ text: b.text, ...BODY })],
    });
  });
}

/**
 * Each item a Word bullet (docx's built-in bullet list), not a typed "- ": Word keeps the items
 * a list the office can reorder or extend, and no stray hyphen is printed under a red header.
 * An item's later paragraphs hang under its text, where the list indents it (720).
 */
function newsBody(docx: typeof Docx, r: WholeReport): Docx.Paragraph[] {
  const { Paragraph, TextRun } = docx;
  const items = newsItems(r);
  if (!items.length) return [bodyParagraph(docx, NO_NEWS)];
  return items.flatMap((ps) =>
    ps.map((text, n) =>
      n === 0
        ? new Paragraph({ bullet: { level: 0 }, spacing: { line: 560 }, children: [new TextRun({ text, ...BODY })] })
        : new Paragraph({ indent: { left: 720 }, spacing: { line: 560 }, children: [new TextRun({ text, ...BODY })] }),
    ),
  );
}

/** The article: its title centred in bold 小标宋, its paragraphs as body text. */
function highlightBody(docx: typeof Docx, r: WholeReport): Docx.Paragraph[] {
  const { AlignmentType, Paragraph, TextRun } = docx;
  const article = highlightParts(r);
  if (!article) return [bodyParagraph(docx, NO_HIGHLIGHT)];
  const title = article.title
    ? [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 200, after: 200 }, children: [new TextRun({ text: article.title, font: TITLE_FONT, size: BODY.size, bold: true })] })]
    : [];
  return [...title, ...article.paragraphs.map((p) => bodyParagraph(docx, p))];
}
