// The report as the CLI, the API and the bot ask for it: the data as of a date, rendered.
import { randomUUID } from "node:crypto";
import type { Seeder } from "../store/seed.js";
import type { ScheduleBasis } from "../domain/schedule.js";
import type { PlanStore } from "../store/plan-store.js";
import { warningsFor } from "../domain/plausibility.js";
import { formatNumber } from "../domain/numbers.js";
import { shanghaiDate, startOfShanghaiDay } from "../shanghai.js";
import type { Catalog } from "../catalog/catalog.js";
import { numberWritten } from "../domain/numbers.js";
import { IssueNumberTaken, IssueOutOfOrder, type BulletinStore, type IssueContent } from "../store/bulletin-store.js";
import { reportDocx, wholeDocx } from "./docx.js";
import { wholeMarkdown, wholeReport, wholeText, type WholeReport } from "./whole.js";
import { importReport, type ImportedFigure, type ImportResult } from "./import.js";
import { exportXlsx, importPlanXlsx, type PlanImport } from "./xlsx.js";
import { progressReport, reportMarkdown, reportText, type ReportNames } from "./render.js";

/** What the 专报, the Excel export and the imports need; each function takes its part. */
export interface ReportDeps {
  plans: Pick<PlanStore, "catalog" | "catalogAsOf" | "newestUpdates" | "importFigures" | "feed">;
  /** a new year's plan: the units known so far and the plan writer */
  seeder: Seeder;
  /** today in Asia/Shanghai, YYYY-MM-DD */
  today: () => string;
  /** the 专报's 要闻, 亮点, counts and issues */
  bulletins: Pick<BulletinStore, "makeIssue">;
  now: () => Date;
  /** the 专报's header (DUBAN_ORG_NAME, DUBAN_OFFICE_NAME) */
  names: ReportNames;
  basis: ScheduleBasis;
}

export type ReportFormat = "text" | "md" | "docx";

export interface ReportRequest {
  /** as of the end of this day; today when absent */
  date?: string;
  format: ReportFormat;
  /** 第3期 (or 3): the issue's number; the month's own, or the next, when absent */
  issue?: string;
  /** progress: the 【工作进度】 section alone, as before the whole 专报 */
  section?: "whole" | "progress";
}

/** A request the report cannot be made from, said in one sentence for the member. */
export class ReportRequestError extends Error {}

/** 第3期, 3, 第三期 → 3; undefined when it names no issue number. */
export function issueNumber(text: string): number | undefined {
  const m = /^\s*(?:\d{4}年)?第?\s*(\d{1,3}|[一二三四五六七八九十百]+)\s*期?\s*$/u.exec(text);
  if (!m) return undefined;
  const n = numberWritten(m[1]!);
  return n && n >= 1 ? n : undefined;
}

export async function buildReport(deps: Pick<ReportDeps, "plans" | "today" | "names" | "bulletins" | "now">, req: ReportRequest): Promise<string | Buffer> {
  return (await reportWithGaps(deps, req)).out;
}

/** The report asked for, and what the whole 专报 still lacks (none for the progress section alone). */
export async function reportWithGaps(deps: Pick<ReportDeps, "plans" | "today" | "names" | "bulletins" | "now">, req: ReportRequest): Promise<{ out: string | Buffer; missing: string[] }> {
  const date = req.date ?? deps.today();
  const catalog = req.date ? await deps.plans.catalogAsOf(req.date) : await deps.plans.catalog();
  if (req.section === "progress") {
    const issue = req.issue ?? `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月`;
    const report = progressReport(catalog, { ...deps.names, issue, date });
    const out = req.format === "docx" ? await reportDocx(report) : req.format === "md" ? reportMarkdown(report) : reportText(report);
    return { out, missing: [] };
  }
  const { report, missing } = await issueReport(deps, catalog, date, req.issue);
  const out = req.format === "docx" ? await wholeDocx(report) : req.format === "md" ? wholeMarkdown(report) : wholeText(report);
  return { out, missing };
}

/**
 * The whole 专报 of `date`'s month: its issue made (or made again), numbered `issue` or the
 * month's own or the next; and what it still lacks, for whoever asked for it.
 */
export async function issueReport(deps: Pick<ReportDeps, "names" | "bulletins" | "now">, catalog: Catalog, date: string, issue?: string): Promise<{ report: WholeReport; missing: string[] }> {
  const number = issue === undefined ? undefined : issueNumber(issue);
  if (issue !== undefined && number === undefined) throw new ReportRequestError(`期号“${issue}”看不懂，请写成“第3期”。`);
  let content: IssueContent;
  try {
    content = await deps.bulletins.makeIssue(date, deps.now(), number);
  } catch (e) {
    if (e instanceof IssueNumberTaken || e instanceof IssueOutOfOrder) throw new ReportRequestError(e.message);
    throw e;
  }
  const chosen = content.highlights.find((h) => h.chosen) ?? content.highlights[content.highlights.length - 1];
  const report = wholeReport(catalog, { ...deps.names, issue: `第${content.issue.number}期`, date }, {
    news: content.news,
    tallies: content.tallies,
    settings: content.settings,
    highlight: chosen ?? null,
  });
  return { report, missing: missingParts(content) };
}

/** What the issue lacks: no 要闻, counts not reported this month, no 亮点 or none chosen of several. */
export function missingParts(c: IssueContent): string[] {
  const missing: string[] = [];
  if (!c.news.length) missing.push("还没有要闻（单位发送“要闻：4月1日，……”）");
  for (const [kind, word, example] of [["materials", "资料上传数", "资料上传：政策文件 66 条，……"], ["news", "新闻报道数", "新闻报道：汨罗级媒体 50 篇，……"]] as const) {
    if (!c.talliedThisMonth.includes(kind)) missing.push(`本月还没有报送${word}（发送“${example}”）${Object.keys(c.tallies[kind]).length ? "，专报暂用上次的数" : ""}`);
  }
  if (!c.highlights.length) missing.push("还没有亮点（单位发送“亮点：标题”换行正文，或发送文件名含“亮点”的文件）");
  else if (c.highlights.length > 1 && !c.highlights.some((h) => h.chosen)) missing.push(`有 ${c.highlights.length} 篇亮点未选用，暂用最新一篇（发送“本期亮点”查看，“选用亮点 序号”选择）`);
  return missing;
}

/** What an import does with one figure it read. */
export type FigureAction =
  /** changes the current value (or the printed %) */
  | "set"
  /** the plan holds this figure already */
  | "same"
  /** the indicator was updated after the report's date: kept in its history only */
  | "history"
  /** looks wrong (smaller than before, past the target, doubled): written only with force */
  | "held"
  /** printed in another unit than the indicator's: never written */
  | "refused";

export interface FigureOutcome extends ImportedFigure {
  action: FigureAction;
  /** held: the checks chat reports get; refused: the unit problem */
  reasons: string[];
  /** history: the newer figure that stands, and its Shanghai date */
  newer?: { date: string; value: number | null };
}

export interface ReportImport extends ImportResult {
  /** the date the figures stand as of: the report's, or today when it prints none */
  asOf: string;
  /** every figure read, with what the import does with it */
  outcomes: FigureOutcome[];
  /** the figures written (or to be written): set and history only */
  changes: FigureOutcome[];
  applied: boolean;
}

/**
 * Figures read from a report's text, each checked as a chat report is: a figure older than the
 * indicator's latest update goes into history only, a suspicious one is held unless `force`,
 * one in another unit is refused. Written (dated by the report) only with `apply`.
 */
export async function importReportText(deps: Pick<ReportDeps, "plans" | "today">, text: string, apply: boolean, source: string, force = false): Promise<ReportImport> {
  const { plans } = deps;
  const catalog = await plans.catalog();
  const result = importReport(text, catalog, deps.today());
  const asOf = result.date ?? deps.today();
  const at = startOfShanghaiDay(asOf);
  const newest = await plans.newestUpdates(result.figures.map((f) => f.indicatorId));
  const outcomes = result.figures.map((f): FigureOutcome => {
    const indicator = catalog.indicators.find((i) => i.id === f.indicatorId)!;
    if (f.unitProblem) return { ...f, action: "refused", reasons: [f.unitProblem] };
    if (f.value === f.oldValue && f.printedPct === f.oldPrintedPct) return { ...f, action: "same", reasons: [] };
    const latest = newest.get(f.indicatorId);
    if (latest && latest.at > at) return { ...f, action: "history", reasons: [], newer: { date: shanghaiDate(latest.at), value: latest.value } };
    const reasons = f.value === f.oldValue ? [] : warningsFor(indicator, f.value);
    return { ...f, action: reasons.length && !force ? "held" : "set", reasons };
  });
  const changes = outcomes.filter((o) => o.action === "set" || o.action === "history");
  if (apply && changes.length) {
    const written = await plans.importFigures(changes, { memberId: null, channel: "import", source, batchId: randomUUID(), at });
    // a chat report that came in since the dry run wins: the store put that figure in history
    for (const w of written.filter((x) => !x.current)) {
      const o = changes.find((c) => c.code === w.code)!;
      if (o.action === "set") Object.assign(o, { action: "history", newer: await newerOf(plans, o.indicatorId) });
    }
  }
  return { ...result, asOf, outcomes, changes, applied: apply && changes.length > 0 };
}

const IMPORT_MARKS: Record<FigureAction, string> = { set: "* ", same: "  ", history: "~ ", held: "! ", refused: "× " };

/** The import figure by figure: what it sets, keeps in history only, holds or refuses. */
export function describeImport(r: ReportImport, apply: boolean): string {
  const lines = [`识别出 ${r.figures.length} 个数字（专报日期 ${r.date ?? `未写明，按今天 ${r.asOf}`}）：`];
  const done = apply && r.applied;
  for (const f of r.outcomes) {
    const q = (v: number | null) => (v === null ? "暂无" : `${formatNumber(v)} ${f.unit}`);
    const pct = f.printedPct ? `，完成全年任务的 ${f.printedPct}%` : "";
    const head = `${IMPORT_MARKS[f.action]}${f.name}：`;
    if (f.action === "same") lines.push(`${head}${q(f.value)}${pct}（不变）`);
    else if (f.action === "set") lines.push(`${head}${q(f.oldValue)} → ${q(f.value)}${pct}${f.target !== null ? `（全年目标 ${formatNumber(f.target)}）` : ""}，${done ? "已写入" : "将写入"}${f.reasons.length ? `（已确认：${f.reasons.join("、")}）` : ""}`);
    else if (f.action === "history") lines.push(`${head}${q(f.value)}${pct}，${done ? "已记入" : "只记入"}历史：${f.newer ? `${f.newer.date} ` : "之后"}已有更新的数字 ${q(f.newer?.value ?? null)}，当前值不变`);
    else if (f.action === "held") lines.push(`${head}${q(f.oldValue)} → ${q(f.value)}，暂缓：${f.reasons.join("、")}。核对无误后加 --force 写入`);
    else lines.push(`${head}未写入：${f.reasons.join("；")}`);
  }
  if (r.missing.length) lines.push(`未在专报中找到：${r.missing.join("、")}`);
  const count = (a: FigureAction) => r.outcomes.filter((o) => o.action === a).length;
  const tally = [`${done ? "已写入" : "将写入"} ${count("set")} 项`, `${done ? "已记入" : "只记入"}历史 ${count("history")} 项`, `暂缓 ${count("held")} 项`, `单位不符未写入 ${count("refused")} 项`];
  lines.push(`${tally.join("，")}。${done ? "" : apply ? "没有需要写入的变化。" : r.changes.length ? "加 --apply 执行。" : "没有需要写入的变化。"}`);
  return lines.join("\n");
}

async function newerOf(plans: ReportDeps["plans"], indicatorId: number): Promise<FigureOutcome["newer"]> {
  const latest = (await plans.newestUpdates([indicatorId])).get(indicatorId);
  return latest && { date: shanghaiDate(latest.at), value: latest.value };
}

export async function exportWorkbook(deps: Pick<ReportDeps, "plans" | "today" | "basis">, date?: string): Promise<Buffer> {
  const catalog = date ? await deps.plans.catalogAsOf(date) : await deps.plans.catalog();
  return exportXlsx(catalog, { date: date ?? deps.today(), planYear: catalog.year, basis: deps.basis }, await deps.plans.feed());
}

/** Next year's plan from Excel; seeded only with `apply`, and only when every row is right. */
export async function importPlanWorkbook({ seeder }: Pick<ReportDeps, "seeder">, data: Buffer, apply: boolean): Promise<PlanImport & { applied?: boolean; exists?: boolean }> {
  // the units every plan seeded so far brought (a new year's plan names them as the old did)
  const parsed = await importPlanXlsx(data, await seeder.unitNames());
  if (!parsed.ok || !apply) return parsed;
  const written = await seeder.seed(parsed.plan);
  return { ...parsed, applied: written, exists: !written };
}
