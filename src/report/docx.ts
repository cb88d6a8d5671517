// The progress report as a Word document a 专班 office would print: the red title block
// (单位, 期数, 专班, 日期), the section headings, and the items in 仿宋-style body text.
import { createRequire } from "node:module";
import type * as Docx from "docx";
import { chineseDate, type ProgressReport } from "./render.js";

const RED = "C00000";
const BODY = { font: "仿宋_GB2312", size: 32 } as const; // 三号
const HEAD = { font: "黑体", size: 32 } as const;

// docx (~0.1 s and ~11 MB) is loaded at the first Word file, not at start-up. Synchronously
// (its CommonJS build): the bot answers a Telegram message in the same turn when it can, and an
// import() would wait for the disk.
const require = createRequire(import.meta.url);
let loaded: typeof Docx | undefined;
const docxLib = (): typeof Docx => (loaded ??= require("docx"));

export async function reportDocx(r: ProgressReport): Promise<Buffer> {
  const docx = docxLib();
  const { Document, Packer } = docx;
  const doc = new Document({
    creator: r.meta.office,
    title: `${r.meta.org} 工作专报 ${r.meta.issue}`,
    styles: { default: { document: { run: { font: BODY.font, size: BODY.size } } } },
    sections: [{ children: [...titleBlock(docx, r), ...body(docx, r)] }],
  });
  return Packer.toBuffer(doc);
}

function titleBlock({ AlignmentType, BorderStyle, HeadingLevel, Paragraph, TextRun }: typeof Docx, r: ProgressReport): Docx.Paragraph[] {
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `${r.meta.org} 工作专报`, color: RED, bold: true, size: 56, font: "方正小标宋简体" })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [new TextRun({ text: r.meta.issue, ...BODY })] }),
    new Paragraph({
      border: { bottom: { color: RED, style: BorderStyle.SINGLE, size: 12, space: 4 } },
      children: [new TextRun({ text: r.meta.office, ...BODY }), new TextRun({ text: `\t${chineseDate(r.meta.date)}`, ...BODY })],
      tabStops: [{ type: "right", position: 9000 }],
    }),
    new Paragraph({ spacing: { before: 300, after: 200 }, heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: r.title, ...HEAD, bold: true })] }),
  ];
}

function body({ HeadingLevel, Paragraph, TextRun }: typeof Docx, r: ProgressReport): Docx.Paragraph[] {
  return r.blocks.map((b) => {
    if (b.level === 0) return new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 200 }, children: [new TextRun({ text: b.heading, ...HEAD })] });
    if (!b.text) return new Paragraph({ indent: { firstLine: 640 }, children: [new TextRun({ text: b.heading, ...BODY, bold: true })] });
    return new Paragraph({
      indent: { firstLine: 640 },
      spacing: { line: 560 },
      children: [new TextRun({ text: `${b.heading}。`.replace(/。。$/, "。"), ...BODY, bold: true }), new TextRun({ text: b.text, ...BODY })],
    });
  });
}
