// The report as the CLI, the API and the bot ask for it: the data as of a date, rendered.
import type { App } from "../app.js";
import { todayIn } from "../config.js";
import { reportDocx } from "./docx.js";
import { DEFAULT_META, progressReport, reportMarkdown, reportText } from "./render.js";

export type ReportFormat = "text" | "md" | "docx";

export interface ReportRequest {
  /** as of the end of this day; today when absent */
  date?: string;
  format: ReportFormat;
  issue?: string;
}

export async function buildReport(app: App, req: ReportRequest): Promise<string | Buffer> {
  const date = req.date ?? todayIn(app.config);
  const catalog = req.date ? await app.plans.catalogAsOf(req.date) : await app.plans.catalog();
  const issue = req.issue ?? `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月`;
  const report = progressReport(catalog, { ...DEFAULT_META, issue, date });
  if (req.format === "docx") return reportDocx(report);
  return req.format === "md" ? reportMarkdown(report) : reportText(report);
}
