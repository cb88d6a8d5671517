// The 工作专报's progress section from the seeded data must print every figure of the seed
// report itself, figure by figure; Word output is read back; importing the seed round-trips.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { progressReport, reportText } from "../src/report/render.js";
import { catalog2025 } from "./helpers/catalog.js";

export const SEED_REPORT = path.resolve("..", "shared", "seed", "000_054569d9a1a13617.txt");

/** The 【工作进度】 section of a report, without the preamble about the upload system. */
export async function seedProgressSection(): Promise<string> {
  const text = await readFile(process.env.DUBAN_SEED_REPORT ?? SEED_REPORT, "utf8");
  const start = text.indexOf("(一)省级十大重点民生实事");
  const end = text.indexOf("【工作亮点】");
  return text.slice(start, end);
}

const UNITS = "万人|万亩|万方|万元|亿元|人次|场次|元/月|人|台|个|场|家|条|栋|户|%";
/** Every number with a unit or % in a text, spacing and the PDF's "5. 42" undone. */
export function figures(text: string): string[] {
  const clean = text.replace(/(\d)\.\s+(\d)/g, "$1.$2").replace(/\s+/g, "");
  return [...clean.matchAll(new RegExp(`(\\d+(?:\\.\\d+)?)(${UNITS})`, "gu"))].map((m) => `${m[1]}${m[2]}`);
}

function multiset(list: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of list) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

describe("工作专报 progress section", () => {
  const report = progressReport(catalog2025(), { org: "汨罗市民生补短提质攻坚", issue: "第3期", office: "市民生补短提质攻坚工作专班", date: "2025-04-20" });
  const text = reportText(report);

  it("keeps the report's structure", () => {
    const headings = report.blocks.filter((b) => b.level === 0).map((b) => b.heading);
    expect(headings).toEqual(["(一)省级十大重点民生实事", "(二)岳阳市级十大重点民生实事", "(三)保障重点群体就业", "(四)兜牢基本生活底线", "(五)抓好生态问题整治"]);
    expect(report.blocks.filter((b) => /^\(\d+\)/.test(b.heading))).toHaveLength(22);
    expect(text).toContain("(1)更新义务教育学校设备。已完成补充配置电脑 1200 台，完成全年任务的 35.14%");
    expect(text).toContain("(14)实施数字惠民工程。已于4月8日召开");
  });

  it("prints every figure of the seed report, as many times as the seed does", async () => {
    const seed = multiset(figures(await seedProgressSection()));
    const ours = multiset(figures(text));
    const missing = [...seed].filter(([f, n]) => (ours.get(f) ?? 0) < n).map(([f, n]) => `${f} ×${n - (ours.get(f) ?? 0)}`);
    expect(missing).toEqual([]);
    expect(seed.size).toBeGreaterThan(80);
  });

  it("prints no completion % the seed does not have", async () => {
    const seedPcts = new Set(figures(await seedProgressSection()).filter((f) => f.endsWith("%")));
    const extra = figures(text).filter((f) => f.endsWith("%") && !seedPcts.has(f));
    expect(extra).toEqual([]);
  });
});

describe("Word output", () => {
  it("reads back with the title block, headings and every seed figure", async () => {
    const { default: JSZip } = await import("jszip");
    const { reportDocx } = await import("../src/report/docx.js");
    const report = progressReport(catalog2025(), { org: "汨罗市民生补短提质攻坚", issue: "第3期", office: "市民生补短提质攻坚工作专班", date: "2025-04-20" });
    const zip = await JSZip.loadAsync(await reportDocx(report));
    const xml = await zip.file("word/document.xml")!.async("string");
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""));
    expect(paragraphs[0]).toBe("汨罗市民生补短提质攻坚 工作专报");
    expect(paragraphs[1]).toBe("第3期");
    expect(paragraphs[2]).toContain("市民生补短提质攻坚工作专班");
    expect(paragraphs[2]).toContain("2025年4月20日");
    expect(paragraphs).toContain("【工作进度】");
    expect(paragraphs).toContain("(三)保障重点群体就业");
    const seed = multiset(figures(await seedProgressSection()));
    const ours = multiset(figures(paragraphs.join("\n")));
    expect([...seed].filter(([f, n]) => (ours.get(f) ?? 0) < n)).toEqual([]);
  });
});
