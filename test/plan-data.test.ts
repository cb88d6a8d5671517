// The plan is data: the 专报's header names come from the configuration, and (below) a plan
// exported to Excel comes back as another year's plan that renders the same 专报.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { deadlineYearError } from "../src/domain/schedule.js";
import ExcelJS from "exceljs";
import type { Catalog, CatalogIndicator } from "../src/catalog/catalog.js";
import { buildReport, exportWorkbook, importPlanWorkbook } from "../src/report/index.js";
import { progressReport, reportText } from "../src/report/render.js";
import { PlanStore } from "../src/store/plan-store.js";

describe("the 专报's header names", () => {
  let app: App;
  beforeAll(async () => {
    const env = { LOG_LEVEL: "silent", DUBAN_TODAY: "2025-04-20", DUBAN_ADMINS: "api:admin", DUBAN_ORG_NAME: "平江县民生实事", DUBAN_OFFICE_NAME: "县民生实事办公室" };
    app = await createApp(loadConfig(env), { dataDir: "memory://" });
  }, 120_000);
  afterAll(() => app?.close());

  it("come from DUBAN_ORG_NAME and DUBAN_OFFICE_NAME, in the CLI's report and the bot's", async () => {
    const text = String(await buildReport(app.reports, { format: "text" }));
    expect(text.split("\n").slice(0, 4)).toEqual(["平江县民生实事 工作专报", "第3期", "县民生实事办公室", "2025年4月20日"]);
    const said = (await app.bot.handle({ memberId: "api:admin", channel: "api", text: "工作专报" })).split("\n");
    const title = said.indexOf("平江县民生实事 工作专报");
    expect(said.slice(title, title + 3)).toEqual(["平江县民生实事 工作专报", "第3期", "县民生实事办公室"]);
  });

  it("an admin's deadline outside the plan's year is refused; one inside is taken", async () => {
    const deadline = async () => (await app.plans.catalog()).indicators.find((i) => i.code === "xiangyanghua-sessions")!.schedule?.deadline;
    const said = (text: string) => app.bot.handle({ memberId: "api:admin", channel: "api", text });
    expect(await said("设置期限 向阳花 2024-05-31")).toBe("完成期限 2024-05-31 不在 2025 年内，请写 2025 年内的日期，例如 2025-05-31");
    expect(await said("设置期限 向阳花 2026年6月30日")).toContain("不在 2025 年内");
    expect(await deadline()).toBe("2025-05-31");
    expect(await said("设置期限 向阳花 6月30日")).toContain("已把");
    expect(await deadline()).toBe("2025-06-30");
  });

  it("default to today's names", () => {
    const c = loadConfig({});
    expect([c.DUBAN_ORG_NAME, c.DUBAN_OFFICE_NAME]).toEqual(["汨罗市民生补短提质攻坚", "市民生补短提质攻坚工作专班"]);
    expect(loadConfig({ DUBAN_ORG_NAME: " " }).DUBAN_ORG_NAME).toBe("汨罗市民生补短提质攻坚");
  });
});

describe("deadlineYearError", () => {
  it("refuses a date in another year, with an example inside the plan's year", () => {
    expect(deadlineYearError("2025-05-31", 2025)).toBeUndefined();
    expect(deadlineYearError("2025-12-31", 2026)).toBe("完成期限 2025-12-31 不在 2026 年内，请写 2026 年内的日期，例如 2026-12-31");
    expect(deadlineYearError("2024-02-29", 2025)).toContain("例如 2025-12-31"); // no 2025-02-29
  });
});

const MONTHLY = [0.05, 0.1, 0.2, 0.3, 0.35, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 1];

describe("a plan exported to Excel and imported as the next year's", () => {
  let app: App;
  let plan2026: PlanStore;
  const meta = { org: "汨罗市民生补短提质攻坚", office: "市民生补短提质攻坚工作专班", issue: "第3期", date: "2025-04-20" };
  /** The 计划 sheet as exported, with every 年度 (and, unless `keepDeadlines`, 完成期限) moved to 2026. */
  async function nextYear(keepDeadlines = false, edit?: (cell: (column: string) => ExcelJS.Cell) => void): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportWorkbook(app.reports)) as never);
    const sheet = wb.getWorksheet("计划")!;
    const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
    const [year, deadline] = [header.indexOf("年度"), header.indexOf("完成期限")];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      row.getCell(year).value = 2026;
      const d = row.getCell(deadline).value;
      if (!keepDeadlines && typeof d === "string" && d) row.getCell(deadline).value = d.replace(/^2025/, "2026");
      edit?.((column) => row.getCell(header.indexOf(column)));
    });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  beforeAll(async () => {
    app = await createApp(loadConfig({ LOG_LEVEL: "silent", DUBAN_TODAY: "2025-04-20" }), { dataDir: "memory://" });
    plan2026 = new PlanStore(app.db, 2026, app.clock);
    // an indicator with its own monthly schedule, which the file carries too
    await app.db.prisma.indicator.updateMany({ where: { code: "urban-jobs" }, data: { schedule: { monthly: MONTHLY } } });
  }, 120_000);
  afterAll(() => app?.close());

  it("refuses a deadline outside the plan's year, and a monthly schedule that is not twelve rising %, naming the row", async () => {
    const r = await importPlanWorkbook(app.reports, await nextYear(true), true);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.stringMatching(/^第 \d+ 行：完成期限 2025-05-31 不在 2026 年内/)]);
    const monthly = await importPlanWorkbook(app.reports, await nextYear(false, (cell) => cell("指标代码").value === "urban-jobs" && (cell("分月进度").value = "10、5、20")), true);
    expect(monthly.ok ? [] : monthly.errors).toEqual([expect.stringMatching(/^第 \d+ 行：分月进度应为 12 个逐月不减的百分数/)]);
    expect(await app.db.prisma.plan.count()).toBe(1);
  });

  it("refuses an item wording (事项表述) naming an indicator the item does not hold, naming the item", async () => {
    const r = await importPlanWorkbook(app.reports, await nextYear(false, (cell) => cell("事项").value === "推动创业带动就业" && (cell("事项表述").value = "{skills-training}，{urban-jobs}")), true);
    expect(r.ok ? [] : r.errors).toEqual([expect.stringMatching(/^事项 \(4\)推动创业带动就业的表述里有 \{urban-jobs\}，但这个事项下没有指标 urban-jobs/u)]);
    expect(await app.db.prisma.plan.count()).toBe(1);
  });

  it("keeps every heading level, wording, unit, decimals, bound and deadline", async () => {
    expect(await importPlanWorkbook(app.reports, await nextYear(), true)).toMatchObject({ ok: true, applied: true, indicators: 73 });
    const [before, after] = [await app.plans.catalog(), await plan2026.catalog()];
    // the item's wording (事项表述) and an indicator's wording under a second item (专报表述 on its row) too
    const shape = (c: Catalog) => c.sections.map((s) => [s.level, s.label, s.title, s.indicatorCodes, s.wording ?? null, s.phrases ?? {}]);
    expect(shape(after)).toEqual(shape(before));
    expect(after.sections.find((s) => s.title === "开展创业培训")!.phrases).toEqual({ "startup-training": "开展创业技能培训 {v}" });
    const definition = (i: CatalogIndicator) => ({
      code: i.code, name: i.name, kind: i.kind, unit: i.unit, target: i.target, comparator: i.comparator, decimals: i.decimals,
      phrase: i.phrase, owner: i.owner, aliases: i.aliases, deadline: i.schedule?.deadline?.replace(/^2025/, "2026"), monthly: i.schedule?.monthly,
    });
    expect(after.indicators.map(definition)).toEqual(before.indicators.map(definition));
    // the wording is the plan's own, not a default chosen by code at render time
    expect(before.indicators.filter((i) => !i.phrase).map((i) => i.code)).toEqual([]);
    expect(after.indicators.find((i) => i.code === "urban-jobs")!.schedule).toEqual({ monthly: MONTHLY });
  });

  it("words a fresh year's indicators without figures as having no progress yet, not 暂无数据", async () => {
    const text = reportText(progressReport(await plan2026.catalog(), meta));
    expect(text).not.toContain("暂无数据");
    expect(text).toContain("(一)省级十大重点民生实事\n1. 促进教育高质量发展\n(1)更新义务教育学校设备。暂无进展。");
    expect(text).toContain("1. 城镇调查失业率。暂无进展。");
  });

  it("renders the same progress section as the year it came from, given the same figures", async () => {
    const figures = await app.db.prisma.indicator.findMany({ where: { plan: { year: 2025 } } });
    for (const f of figures) {
      await app.db.prisma.indicator.updateMany({
        where: { plan: { year: 2026 }, code: f.code },
        data: { value: f.value, statusText: f.statusText, printedPct: f.printedPct },
      });
    }
    const [before, after] = [await app.plans.catalog(), await plan2026.catalog()];
    expect(reportText(progressReport(after, meta))).toBe(reportText(progressReport(before, meta)));
  });
});
