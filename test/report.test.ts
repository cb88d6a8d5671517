// The 工作专报's progress section from the seeded data must print every figure of the seed
// report itself, figure by figure; its completion % are recomputed here from value and target;
// a figure changed through the bot shows in the next report with its % recomputed, an undo
// brings the old text back, and a report dated before the change still shows the old figure.
// Word output is read back; importing the seed round-trips.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Catalog, CatalogIndicator } from "../src/catalog/catalog.js";
import { progressReport, reportText } from "../src/report/render.js";
import { catalog2025 } from "./helpers/catalog.js";
import { clockAt, clockedBot } from "./helpers/clocked-bot.js";
import { startTestService, TOKEN, type TestService } from "./helpers/service.js";

export const SEED_REPORT = process.env.DUBAN_SEED_REPORT ?? path.resolve("..", "shared", "seed", "000_054569d9a1a13617.txt");

/** The 【工作进度】 section of a report, without the preamble about the upload system. */
export async function seedProgressSection(): Promise<string> {
  const text = await readFile(SEED_REPORT, "utf8");
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

/** value/target as the report prints it, two decimals, computed here in integers of 0.01 %. */
function expectedPct(value: number, target: number): string {
  const hundredths = Math.round((value * 10_000) / target);
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}%`;
}

/** Indicators the report gives a completion % for: a target to complete, and a figure. */
const completable = (c: Catalog) => c.indicators.filter((i) => (i.kind === "cumulative" || i.kind === "level" || i.kind === "qualitative") && i.value !== null && i.target !== null && i.target > 0);

/** The sentences of the report's blocks that hold the indicator's sections, split at ； and 。. */
function piecesFor(c: Catalog, text: string, i: CatalogIndicator): string[] {
  const lines = text.split("\n");
  return i.sectionCodes.flatMap((code) => {
    const s = c.sections.find((x) => x.code === code)!;
    const line = lines.find((l) => l.startsWith(`${s.label}${s.title}。`) || l.startsWith(`${s.label} ${s.title}。`));
    expect(line, `${i.name}: no line for section ${s.label}${s.title}`).toBeDefined();
    // an item's sentences end at ；or 。, or at the "，" after a % where the report joins two ((4): …42.71%，开展创业培训…)
    return line!.split(/[；。]|(?<=%)，/u);
  });
}

describe("completion % computed from value and target", () => {
  it("agrees with the % the seed report printed, within its rounding (it sometimes truncates or prints whole %)", () => {
    const c = catalog2025();
    const printed = c.indicators.filter((i) => i.printedPct !== null && i.value !== null && i.target !== null);
    expect(printed.length).toBeGreaterThan(40);
    // within one unit of the last digit printed: 94% for 94.01, 42.85% for 42.857
    const step = (printed: string) => 10 ** -(printed.split(".")[1]?.length ?? 0);
    const off = printed.filter((i) => Math.abs(Number(i.printedPct) - (100 * i.value!) / i.target!) >= step(i.printedPct!)).map((i) => `${i.name} ${i.printedPct} vs ${(100 * i.value!) / i.target!}`);
    expect(off).toEqual([]);
  });

  it("prints every changed figure with value/target to two decimals, and no other %", () => {
    const c = catalog2025();
    // every figure moved off the printed one: the % can only come from the computation now
    for (const i of c.indicators) {
      if (i.value === null || i.target === null || i.kind === "constraint") continue;
      i.value = Number((i.value + 1 + i.target / 7).toFixed(i.decimals));
      i.printedPct = null;
    }
    const text = reportText(progressReport(c, { org: "o", issue: "第4期", office: "f", date: "2025-05-20" }));
    const expected = completable(c);
    expect(expected.length).toBeGreaterThan(40);
    let appearances = 0;
    for (const i of expected) {
      const pct = expectedPct(i.value!, i.target!);
      const shown = `${i.value} ${i.unit}`.replace(/ %$/, "%");
      const pieces = piecesFor(c, text, i);
      appearances += i.sectionCodes.length;
      // a qualitative item is worded by its progress text, its value is the % itself
      const hit = pieces.filter((p) => (i.kind === "qualitative" || p.includes(shown)) && p.endsWith(`完成全年任务的 ${pct}`));
      expect(hit, `${i.name}: ${shown}, ${pct} in ${pieces.join(" | ")}`).toHaveLength(i.sectionCodes.length);
    }
    expect(text.match(/完成全年任务的 /gu)).toHaveLength(appearances);
  });
});

describe("the report after changes through the bot", () => {
  let svc: TestService;
  const report = async (query = "") => {
    const res = await fetch(`${svc.url}/api/report${query}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    return res.text();
  };
  const row = async (name: string) => {
    const res = await fetch(`${svc.url}/api/indicators`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const { indicators } = (await res.json()) as { indicators: { name: string; value: number | null; target: number | null }[] };
    return indicators.find((i) => i.name === name)!;
  };
  beforeAll(async () => {
    svc = await startTestService({ dataDir: "memory://" });
  });
  afterAll(async () => svc?.close());

  it("shows a figure an admin reported with its % recomputed, and the old text again after 撤销", async () => {
    const before = await report();
    const jobs = await row("城镇新增就业");
    expect(before).toContain(`城镇新增就业 ${jobs.value} 人，完成全年任务的 `);
    expect(await svc.chat("admin", "城镇新增就业 2500 人")).toContain(`${jobs.value} 人 → 2500 人`);
    const after = await report();
    expect((await row("城镇新增就业")).value).toBe(2500);
    const pct = expectedPct(2500, jobs.target!);
    expect(pct).toBe("41.67%");
    expect(after).toContain(`城镇新增就业 2500 人，完成全年任务的 ${pct}`);
    expect(after).not.toContain(`城镇新增就业 ${jobs.value} 人`);
    // nothing else in the report moved
    const diff = after.split("\n").filter((l, n) => l !== before.split("\n")[n]);
    expect(diff).toHaveLength(1);
    expect(diff[0]).toContain("城镇新增就业 2500 人");
    expect(await svc.chat("admin", "撤销")).toContain("2500 人 → 2230 人");
    expect(await report()).toBe(before);
  });

  it("shows an increment and a unit conversion recomputed, and both undone", async () => {
    const before = await report();
    const smoke = await row("无线感烟火灾探测报警器");
    expect(await svc.chat("admin", "烟感报警器又装了95个")).toContain("已更新");
    const doctors = await row("家庭医生签约服务");
    expect(await svc.chat("admin", "家庭医生签约服务 87000 人")).toContain("已更新");
    const text = await report();
    const sum = smoke.value! + 95;
    expect(text).toContain(`安装 ${sum} 个无线感烟火灾探测报警器，完成全年任务的 ${expectedPct(sum, smoke.target!)}`);
    expect(text).toContain(`家庭医生签约服务 8.7 万人，完成全年任务的 ${expectedPct(8.7, doctors.target!)}`);
    expect(await svc.chat("admin", "撤销")).toContain("8.7 万人 → 8.61 万人");
    expect(await svc.chat("admin", "撤销")).toContain(`${sum} 个 → ${smoke.value} 个`);
    expect(await report()).toBe(before);
  });
});

describe("a report dated before a change", () => {
  it("shows the figure as it stood on that day, and the new one from the day of the change", async () => {
    const { createApp } = await import("../src/app.js");
    const { loadConfig } = await import("../src/config.js");
    const { buildReport } = await import("../src/report/index.js");
    const app = await createApp(loadConfig({ LOG_LEVEL: "silent", DUBAN_ADMINS: "api:admin" }), { dataDir: "memory://" });
    try {
      const bot = clockedBot(app, clockAt("2025-05-10T09:30:00+08:00"));
      const seeded = await buildReport(app.reports, { date: "2025-05-09", format: "text" });
      expect(await bot.handle({ memberId: "api:admin", channel: "api", text: "城镇新增就业 2500 人" })).toContain("已更新");
      const old = await buildReport(app.reports, { date: "2025-05-09", format: "text" });
      const changed = await buildReport(app.reports, { date: "2025-05-10", format: "text" });
      expect(old).toBe(seeded);
      expect(old).toContain("城镇新增就业 2230 人，完成全年任务的 37.17%");
      expect(changed).toContain("城镇新增就业 2500 人，完成全年任务的 41.67%");
      expect(changed).not.toContain("城镇新增就业 2230 人");
      expect(await buildReport(app.reports, { format: "text" })).toContain("城镇新增就业 2500 人，完成全年任务的 41.67%");
    } finally {
      await app.close();
    }
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
      const dry = await importReportText(app.reports, text, false, "seed");
      expect(dry.missing).toEqual([]);
      expect((await app.plans.catalog()).indicators.every((i) => i.value === null)).toBe(true); // nothing without --apply
      const applied = await importReportText(app.reports, text, true, "seed");
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
      const again = await importReportText(app.reports, reportText(progressReport(after, { org: "x", issue: "第3期", office: "y", date: "2025-04-20" })), false, "ours");
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
      await wb.xlsx.load((await exportWorkbook(app.reports)) as never);
      expect(wb.worksheets.map((w) => w.name)).toEqual(["省级十大重点民生实事", "岳阳市级十大重点民生实事", "保障重点群体就业", "兜牢基本生活底线", "抓好生态问题整治", "填报记录", "计划"]);
      const jobs = wb.getWorksheet("保障重点群体就业")!.getRow(4).values as unknown[];
      expect(jobs.slice(2, 11)).toEqual(["就业困难人员就业", "人", 600, 562, 0.9367, 0.3333, "超前", "市人社局", "2025-04-20"]);
      // next year: the same plan with the year changed; one bad row first
      const plan = wb.getWorksheet("计划")!;
      plan.eachRow((row, n) => n > 1 && row.getCell(1).value !== null && (row.getCell(1).value = 2026));
      // deadlines move with the year (one left in 2025 is refused: test/plan-data.test.ts)
      plan.eachRow((row, n) => n > 1 && typeof row.getCell(13).value === "string" && (row.getCell(13).value = String(row.getCell(13).value).replace(/^2025/, "2026")));
      plan.getRow(5).getCell(9).value = "很多";
      plan.getRow(6).getCell(7).value = "未知类型";
      const bad = await importPlanWorkbook(app.reports, Buffer.from(await wb.xlsx.writeBuffer()), true);
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.errors).toEqual([expect.stringContaining("第 5 行：全年目标应为数字"), expect.stringContaining("第 6 行：类型应为")]);
      expect(await app.db.prisma.plan.count()).toBe(1); // nothing written
      plan.getRow(5).getCell(9).value = 6000;
      plan.getRow(6).getCell(7).value = "累计";
      const good = await importPlanWorkbook(app.reports, Buffer.from(await wb.xlsx.writeBuffer()), true);
      expect(good).toMatchObject({ ok: true, applied: true });
      const next = await app.db.prisma.plan.findUniqueOrThrow({ where: { year: 2026 }, include: { indicators: true } });
      expect(next.indicators).toHaveLength(73);
      const urban = next.indicators.find((i) => i.code === "urban-jobs")!;
      // figures are numeric columns: Prisma hands back a Decimal
      expect({ name: urban.name, target: urban.target?.toString(), value: urban.value }).toEqual({ target: "6000", value: null, name: "城镇新增就业" });
      expect(await importPlanWorkbook(app.reports, Buffer.from("not a workbook"), true)).toMatchObject({ ok: false });
    } finally {
      await app.close();
    }
  });
});
