// The report as the CLI, the API and the bot ask for it: the data as of a date, rendered.
import { randomUUID } from "node:crypto";
import type { App } from "../app.js";
import { plan2025 } from "../catalog/plan2025.js";
import { seedPlan } from "../catalog/seed.js";
import { startOfShanghaiDay } from "../shanghai.js";
import { reportDocx } from "./docx.js";
import { importReport, type ImportResult } from "./import.js";
import { exportXlsx, importPlanXlsx, type PlanImport } from "./xlsx.js";
import { DEFAULT_META, progressReport, reportMarkdown, reportText } from "./render.js";

export type ReportFormat = "text" | "md" | "docx";

export interface ReportRequest {
  /** as of the end of this day; today when absent */
  date?: string;
  format: ReportFormat;
  issue?: string;
}

export async function buildReport(app: App, req: ReportRequest): Promise<string | Buffer> {
  const date = req.date ?? app.clock.today();
  const catalog = req.date ? await app.plans.catalogAsOf(req.date) : await app.plans.catalog();
  const issue = req.issue ?? `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月`;
  const report = progressReport(catalog, { ...DEFAULT_META, issue, date });
  if (req.format === "docx") return reportDocx(report);
  return req.format === "md" ? reportMarkdown(report) : reportText(report);
}

export interface ReportImport extends ImportResult {
  /** figures that differ from what the plan holds now */
  changes: ImportResult["figures"];
  applied: boolean;
}

/** Figures read from a report's text; written (dated by the report) only with `apply`. */
export async function importReportText(app: App, text: string, apply: boolean, source: string): Promise<ReportImport> {
  const result = importReport(text, await app.plans.catalog());
  const changes = result.figures.filter((f) => f.value !== f.oldValue || f.printedPct !== f.oldPrintedPct);
  if (apply && changes.length) {
    const date = result.date ?? app.clock.today();
    await app.plans.importFigures(changes, { memberId: null, channel: "import", source, batchId: randomUUID(), at: startOfShanghaiDay(date) });
  }
  return { ...result, changes, applied: apply && changes.length > 0 };
}

export async function exportWorkbook(app: App, date?: string): Promise<Buffer> {
  const catalog = date ? await app.plans.catalogAsOf(date) : await app.plans.catalog();
  return exportXlsx(catalog, { date: date ?? app.clock.today(), planYear: catalog.year, basis: app.config.DUBAN_SCHEDULE_BASIS });
}

/** Next year's plan from Excel; seeded only with `apply`, and only when every row is right. */
export async function importPlanWorkbook(app: App, data: Buffer, apply: boolean): Promise<PlanImport & { applied?: boolean; exists?: boolean }> {
  const units = [...plan2025.units.map((u) => u.name), ...(await app.db.prisma.unit.findMany()).map((u) => u.name)];
  const parsed = await importPlanXlsx(data, units);
  if (!parsed.ok || !apply) return parsed;
  const written = await seedPlan(app.db.prisma, parsed.plan);
  return { ...parsed, applied: written, exists: !written };
}
