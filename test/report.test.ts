// The 工作专报's progress section from the seeded data must print every figure of the seed
// report itself, figure by figure; Word output is read back; importing the seed round-trips.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { progressReport, reportText } from "../src/report/render.js";
import { catalog2025 } from "./helpers/catalog.js";

export const SEED_REPORT = process.env.DUBAN_SEED_REPORT ?? path.resolve("..", "shared", "seed", "000_054569d9a1a13617.txt");

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

describe("import and Excel, on the database", () => {
  it("imports the seed into an empty plan: the seeded values and derived targets come back", async () => {
    const { createApp } = await import("../src/app.js");
    const { loadConfig } = await import("../src/config.js");
    const { importReportText } = await import("../src/report/index.js");
    const app = await createApp(loadConfig({ LOG_LEVEL: "silent", DUBAN_TODAY: "2025-04-20" }), { dataDir: "memory://" });
    try {
      const seeded = await app.plans.catalog();
      // empty the plan: no figures, no derived targets (constraint bounds are the plan's own)
      await app.db.prisma.indicator.updateMany({ data: { value: null, printedPct: null } });
      await app.db.prisma.indicator.updateMany({ where: { kind: { not: "constraint" } }, data: { target: null } });
      const text = await readFile(SEED_REPORT, "utf8");
      const dry = await importReportText(app, text, false, "seed");
      expect(dry.missing).toEqual([]);
      expect((await app.plans.catalog()).indicators.every((i) => i.value === null)).toBe(true); // nothing without --apply
      const applied = await importReportText(app, text, true, "seed");
      expect(applied.applied).toBe(true);
      const after = await app.plans.catalog();
      for (const f of applied.figures) {
        const was = seeded.indicators.find((i) => i.code === f.code)!;
        const now = after.indicators.find((i) => i.code === f.code)!;
        expect([now.code, now.value, now.target, now.printedPct]).toEqual([was.code, was.value, was.target, was.printedPct]);
      }
      const history = await app.plans.history(after.indicators.find((i) => i.code === "urban-jobs")!.id, 1);
      expect(history[0]).toMatchObject({ kind: "import", source: "seed" });
      expect(history[0]!.at.toISOString()).toBe("2025-04-19T16:00:00.000Z"); // dated by the report
      // our own rendered report reads back the same
      const again = await importReportText(app, reportText(progressReport(after, { org: "x", issue: "第3期", office: "y", date: "2025-04-20" })), false, "ours");
      expect(again.missing).toEqual([]);
      expect(again.changes).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it("exports Excel per section and takes it back as next year's plan, row by row", async () => {
    const { createApp } = await import("../src/app.js");
    const { loadConfig } = await import("../src/config.js");
    const { exportWorkbook, importPlanWorkbook } = await import("../src/report/index.js");
    const { default: ExcelJS } = await import("exceljs");
    const app = await createApp(loadConfig({ LOG_LEVEL: "silent", DUBAN_TODAY: "2025-04-20" }), { dataDir: "memory://" });
    try {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await exportWorkbook(app)) as never);
      expect(wb.worksheets.map((w) => w.name)).toEqual(["省级十大重点民生实事", "岳阳市级十大重点民生实事", "保障重点群体就业", "兜牢基本生活底线", "抓好生态问题整治", "计划"]);
      const jobs = wb.getWorksheet("保障重点群体就业")!.getRow(4).values as unknown[];
      expect(jobs.slice(2, 11)).toEqual(["就业困难人员就业", "人", 600, 562, 0.9367, 0.3333, "超前", "市人社局", "2025-04-20"]);
      // next year: the same plan with the year changed; one bad row first
      const plan = wb.getWorksheet("计划")!;
      plan.eachRow((row, n) => n > 1 && row.getCell(1).value !== null && (row.getCell(1).value = 2026));
      plan.getRow(5).getCell(9).value = "很多";
      plan.getRow(6).getCell(7).value = "未知类型";
      const bad = await importPlanWorkbook(app, Buffer.from(await wb.xlsx.writeBuffer()), true);
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.errors).toEqual([expect.stringContaining("第 5 行：全年目标应为数字"), expect.stringContaining("第 6 行：类型应为")]);
      expect(await app.db.prisma.plan.count()).toBe(1); // nothing written
      plan.getRow(5).getCell(9).value = 6000;
      plan.getRow(6).getCell(7).value = "累计";
      const good = await importPlanWorkbook(app, Buffer.from(await wb.xlsx.writeBuffer()), true);
      expect(good).toMatchObject({ ok: true, applied: true });
      const next = await app.db.prisma.plan.findUniqueOrThrow({ where: { year: 2026 }, include: { indicators: true } });
      expect(next.indicators).toHaveLength(73);
      expect(next.indicators.find((i) => i.code === "urban-jobs")).toMatchObject({ target: 6000, value: null, name: "城镇新增就业" });
      expect(await importPlanWorkbook(app, Buffer.from("not a workbook"), true)).toMatchObject({ ok: false });
    } finally {
      await app.close();
    }
  });
});
