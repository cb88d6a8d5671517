// Excel in and out (exceljs). Export: one sheet per section with targets, values, completion
// and schedule %, status, owner and last update, plus a 计划 sheet in the import format.
// Import: next year's plan from a 计划 sheet, checked row by row; any wrong row and nothing is
// written, with every error named by its row.
import type ExcelJS from "exceljs";
import { z } from "zod";
import type { Catalog, CatalogIndicator } from "../catalog/catalog.js";
import { indicatorsUnder } from "../catalog/catalog.js";
import type { PlanFile, PlanIndicator, PlanSection } from "../catalog/types.js";
import { shanghaiDate, shanghaiDateTime } from "../shanghai.js";
import type { FeedEntry } from "../store/plan-store.js";
import { INDICATOR_KINDS, type IndicatorKind } from "../domain/indicator.js";
import { deadlineYearError, parseDate } from "../domain/schedule.js";
import { progressOf, type ProgressContext } from "../domain/status.js";
import { cleanText } from "../domain/text.js";
import { formatNumber } from "../domain/numbers.js";
import { phraseOf } from "./render.js";
import { malformedSlots, planWordingErrors } from "../catalog/wording.js";

/** What every 计划 sheet has (templates exported before the columns below still import). */
const PLAN_COLUMNS = ["年度", "板块", "事项编号", "事项", "指标代码", "指标名称", "类型", "单位", "全年目标", "约束", "牵头单位", "别名", "完成期限"] as const;
/**
 * What the 专报 needs besides: the printed heading labels, the middle level (领域: 1. 促进教育高质量发展),
 * decimals and the report's wording ({v} value with unit, {status} progress, {name} the name).
 * 分月进度: the indicator's own 时序进度, twelve cumulative % of the target at each month end.
 * 专报表述 on a row placing an indicator again (a code met before) is its wording under that item only.
 * 事项表述: how the item joins its indicators, {code}, {code.body}, {code.pct} (src/catalog/wording.ts),
 * the same on every row of the item.
 * Left empty: labels numbered in order, no middle level, decimals from the unit, wording by kind,
 * the schedule by the deadline or m/12, the item's indicators joined with "；".
 */
const REPORT_COLUMNS = ["板块编号", "领域编号", "领域", "小数位", "专报表述", "分月进度", "事项表述"] as const;
/** an indicator's kind as the 计划 sheet writes it */
const INDICATOR_KIND_NAMES: Record<IndicatorKind, string> = { cumulative: "累计", level: "水平", constraint: "约束", figure: "数值", qualitative: "文字" };
const KIND_BY_NAME = new Map(INDICATOR_KINDS.map((k) => [INDICATOR_KIND_NAMES[k], k]));
const KIND_WORDS = [...KIND_BY_NAME.keys()];

const KIND_OF_CHANGE: Record<string, string> = { set: "填报", add: "增量填报", note: "进展", undo: "撤销", import: "导入", "import-history": "专报历史（当前值未变）" };

/** exceljs takes ~0.3 s and ~25 MB to load: loaded at the first export or import, not at start-up. */
const excel = async () => (await import("exceljs")).default;

export async function exportXlsx(catalog: Catalog, ctx: ProgressContext, feed: FeedEntry[] = []): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  wb.creator = "duban";
  for (const top of catalog.sections.filter((s) => s.level === 0)) {
    const ws = wb.addWorksheet(top.title.slice(0, 31));
    ws.columns = [
      { header: "事项", width: 34 }, { header: "指标", width: 30 }, { header: "单位", width: 8 }, { header: "全年目标", width: 10 },
      { header: "当前值", width: 10 }, { header: "完成率", width: 9 }, { header: "时序进度", width: 9 }, { header: "状态", width: 8 },
      { header: "牵头单位", width: 18 }, { header: "最后更新", width: 12 }, { header: "进展", width: 50 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const i of indicatorsUnder(catalog, top.code)) ws.addRow(sectionRow(i, catalog, ctx));
  }
  recordsSheet(wb, feed.filter((e) => shanghaiDate(e.at) <= ctx.date));
  const plan = wb.addWorksheet("计划");
  plan.addRow([...PLAN_COLUMNS, ...REPORT_COLUMNS]).font = { bold: true };
  for (const row of planRows(catalog)) plan.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 填报记录: every change up to the export date with who made it and the reporter's 备注. */
function recordsSheet(wb: ExcelJS.Workbook, feed: FeedEntry[]): void {
  const ws = wb.addWorksheet("填报记录");
  ws.columns = [
    { header: "时间", width: 17 }, { header: "指标", width: 30 }, { header: "单位", width: 8 }, { header: "类型", width: 9 },
    { header: "原值", width: 10 }, { header: "新值", width: 10 }, { header: "进展", width: 40 }, { header: "备注", width: 30 },
    { header: "填报人", width: 18 }, { header: "渠道", width: 8 }, { header: "已撤销", width: 7 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const e of feed) {
    ws.addRow([
      shanghaiDateTime(e.at), e.indicator, e.unit, KIND_OF_CHANGE[e.kind] ?? e.kind, e.oldValue, e.newValue,
      e.newText !== e.oldText ? e.newText ?? "" : "", e.note ?? "", reporter(e), e.channel, e.undone ? "是" : "",
    ]);
  }
}

/** 张三（wecom:zhangsan）: the name officials know, with the id that traces the record. */
function reporter(e: FeedEntry): string {
  if (!e.memberId) return "";
  return e.memberName ? `${e.memberName}（${e.memberId}）` : e.memberId;
}

function sectionRow(i: CatalogIndicator, catalog: Catalog, ctx: ProgressContext): (string | number | null)[] {
  const p = progressOf(i, ctx);
  const item = catalog.sections.find((s) => s.level >= 1 && s.indicatorCodes.includes(i.code));
  const status = p.met !== undefined ? (p.met ? "达标" : "未达标") : p.pace === "behind" ? "落后" : p.pace === "ahead" ? "超前" : p.pace === "on" ? "持平" : "—";
  return [
    item ? `${item.label}${item.title}` : "", i.name, i.unit, i.target, i.value,
    p.completionPct !== undefined ? p.completionPct / 100 : null, p.schedulePct !== undefined ? p.schedulePct / 100 : null,
    status, i.owner, i.updatedAt ? shanghaiDate(i.updatedAt) : "", i.statusText ?? "",
  ];
}

function planRows(catalog: Catalog): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  for (const item of catalog.sections.filter((s) => s.indicatorCodes.length)) {
    const top = topOf(catalog, item.code);
    const area = item.level === 2 ? catalog.sections.find((s) => s.code === item.parentCode) : undefined;
    for (const code of item.indicatorCodes) {
      const i = catalog.indicators.find((x) => x.code === code)!;
      rows.push([
        catalog.year, top?.title ?? "", item.label, item.title, i.code, i.name, INDICATOR_KIND_NAMES[i.kind] ?? i.kind, i.unit, i.target,
        i.comparator === "lte" ? "≤" : i.comparator === "gte" ? "≥" : "", i.owner, i.aliases.join("、"), i.schedule?.deadline ?? "",
        top?.label ?? "", area?.label ?? "", area?.title ?? "", i.decimals, phraseOf(i, item),
        i.schedule?.monthly?.map((share) => formatNumber(share * 100, 4)).join("、") ?? "", item.wording ?? "",
      ]);
    }
  }
  return rows;
}

function topOf(catalog: Catalog, code: string) {
  let s = catalog.sections.find((x) => x.code === code);
  while (s && s.parentCode) s = catalog.sections.find((x) => x.code === s!.parentCode);
  return s;
}

const PHRASE_SLOTS = ["{v}", "{status}", "{name}"];
const text = z.preprocess((v) => (v === null || v === undefined ? "" : cleanText(String(v)).trim()), z.string());
const PlanRow = z.object({
  年度: z.coerce.number({ error: "年度应为数字" }).int().min(2000, "年度不对").max(2100, "年度不对"),
  板块: text.pipe(z.string().min(1, "板块不能为空")),
  事项编号: text,
  事项: text.pipe(z.string().min(1, "事项不能为空")),
  指标代码: text.pipe(z.string().regex(/^[a-z0-9][a-z0-9-]{1,60}$/, "指标代码只能用小写字母、数字和 -")),
  指标名称: text.pipe(z.string().min(2, "指标名称不能为空")),
  类型: text.pipe(z.string().transform((word, ctx) => KIND_BY_NAME.get(word) ?? (ctx.addIssue({ code: "custom", message: `类型应为 ${KIND_WORDS.join("、")} 之一` }), z.NEVER))),
  单位: text,
  全年目标: z.preprocess((v) => (v === null || v === undefined || v === "" ? null : Number(v)), z.number({ error: "全年目标应为数字" }).positive("全年目标应大于 0").nullable()),
  约束: text.pipe(z.enum(["", "≤", "≥"], { error: "约束应为 ≤、≥ 或留空" })),
  牵头单位: text.pipe(z.string().min(2, "牵头单位不能为空")),
  别名: text,
  完成期限: text.refine((d) => d === "" || parseDate(d) !== undefined, "完成期限应为 YYYY-MM-DD"),
  板块编号: text,
  领域编号: text,
  领域: text,
  小数位: z.preprocess((v) => (v === null || v === undefined || v === "" ? null : Number(v)), z.number({ error: "小数位应为 0 到 4 的整数" }).int("小数位应为 0 到 4 的整数").min(0, "小数位应为 0 到 4 的整数").max(4, "小数位应为 0 到 4 的整数").nullable()),
  分月进度: text.transform((t, ctx) => {
    if (!t) return undefined;
    const pcts = t.split(/[、,，\s]+/).filter(Boolean).map(Number);
    const ok = pcts.length === 12 && pcts.every((p, k) => Number.isFinite(p) && p >= 0 && p <= 100 && (k === 0 || p >= pcts[k - 1]!));
    if (!ok) ctx.addIssue({ code: "custom", message: "分月进度应为 12 个逐月不减的百分数（0 到 100），用顿号分隔，例如 5、10、…、100" });
    return pcts.map((p) => p / 100);
  }),
  专报表述: text.refine((p) => (p.match(/\{[^}]*\}/g) ?? []).every((t) => PHRASE_SLOTS.includes(t)), `专报表述只能用 {v}（数值和单位）、{status}（进展）、{name}（指标名称）`),
  事项表述: text.refine((w) => malformedSlots(w).length === 0, "事项表述只能用 {指标代码}、{指标代码.body}（不带完成率）、{指标代码.pct}（完成率）"),
});
type PlanRow = z.infer<typeof PlanRow>;

/** rows: the sheet's rows; indicators: distinct ones (one may stand under two items) */
export type PlanImport = { ok: true; plan: PlanFile; rows: number; indicators: number } | { ok: false; errors: string[] };

/** Reads next year's plan from the 计划 sheet; every wrong row is reported, none is taken. */
export async function importPlanXlsx(data: Buffer, knownUnits: string[]): Promise<PlanImport> {
  const wb = new (await excel()).Workbook();
  try {
    // exceljs types its Buffer apart from Node's; at run time it is Node's
    // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion
    await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, errors: ["文件不是有效的 Excel（.xlsx）文件。"] };
  }
  const ws = wb.getWorksheet("计划");
  if (!ws) return { ok: false, errors: ["找不到名为“计划”的工作表，请用 duban export xlsx 导出的模板填写。"] };
  const header = rowValues(ws.getRow(1)).slice(1).map((v) => String(v ?? "").trim());
  const missingCols = PLAN_COLUMNS.filter((c) => !header.includes(c));
  if (missingCols.length) return { ok: false, errors: [`“计划”表缺少列：${missingCols.join("、")}`] };
  const errors: string[] = [];
  const rows: PlanRow[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = rowValues(row);
    const record = Object.fromEntries(header.map((h, k) => [h, cellValue(values[k + 1])]));
    if (Object.values(record).every((v) => v === null || v === "")) return;
    const parsed = PlanRow.safeParse(record);
    if (!parsed.success) {
      errors.push(`第 ${n} 行：${parsed.error.issues.map((i) => i.message).join("；")}`);
      return;
    }
    const r = parsed.data;
    const kind = r.类型;
    if (kind === "constraint" && (!r.约束 || r.全年目标 === null)) errors.push(`第 ${n} 行：约束类指标要写约束（≤ 或 ≥）和全年目标`);
    const late = r.完成期限 ? deadlineYearError(r.完成期限, r.年度) : undefined;
    if (late) errors.push(`第 ${n} 行：${late}`);

    if (!knownUnits.includes(r.牵头单位) && !/^(市|国网|县|区)/.test(r.牵头单位)) errors.push(`第 ${n} 行：牵头单位“${r.牵头单位}”不认识，请写全称，例如 市人社局`);
    rows.push(r);
  });
  const years = new Set(rows.map((r) => r.年度));
  if (years.size > 1) errors.push(`一个文件只能是一个年度的计划，现在有：${[...years].join("、")}`);
  // one indicator may stand under two items (职业技能培训): the same code, the same definition
  const first = new Map<string, PlanRow>();
  for (const r of rows) {
    const seen = first.get(r.指标代码);
    if (!seen) first.set(r.指标代码, r);
    else if (definition(seen) !== definition(r)) errors.push(`指标代码 ${r.指标代码} 出现两次但内容不同（同一指标放在两个事项下时，名称、单位、目标、牵头单位都要一样）`);
  }
  if (!rows.length && !errors.length) errors.push("“计划”表没有数据行。");
  if (errors.length) return { ok: false, errors };
  const plan = toPlan(rows);
  const wording = [...itemWordingConflicts(rows), ...planWordingErrors(plan)];
  if (wording.length) return { ok: false, errors: wording };
  return { ok: true, plan, rows: rows.length, indicators: first.size };
}

/** Items whose rows give two different 事项表述 (one item, one wording). */
function itemWordingConflicts(rows: PlanRow[]): string[] {
  const seen = new Map<string, string>();
  const errors: string[] = [];
  for (const r of rows) {
    if (!r.事项表述) continue;
    const key = `${r.板块}/${r.领域}/${r.事项}`;
    const before = seen.get(key);
    if (before === undefined) seen.set(key, r.事项表述);
    else if (before !== r.事项表述) errors.push(`事项 ${r.事项编号}${r.事项} 的各行事项表述不一样，请每行写同一个（或只在一行写）`);
  }
  return [...new Set(errors)];
}

/** What must agree where one indicator stands under two items; its 专报表述 may differ (its wording under that item). */
function definition(r: PlanRow): string {
  return JSON.stringify([r.指标名称, r.类型, r.单位, r.全年目标, r.约束, r.牵头单位, r.别名, r.完成期限, r.小数位, r.分月进度]);
}

/** The heading `title` under `parent`, added (numbered in order unless `label` says) when new. */
function child(parent: PlanSection, title: string, label: string, children: PlanSection[] | undefined): PlanSection {
  const siblings = parent.children!;
  const found = siblings.find((s) => s.title === title && Boolean(s.children) === Boolean(children));
  if (found) return found;
  const made: PlanSection = { code: `${parent.code}-${siblings.length + 1}`, label: label || `${siblings.length + 1}.`, title, ...(children ? { children } : { indicators: [] }) };
  siblings.push(made);
  return made;
}

/** a cell of mixed formatting: its runs of text */
const RichText = z.object({ richText: z.array(z.object({ text: z.string() })) });

/** a row's cells by column number (exceljs gives an array, or an object for sparse rows) */
function rowValues(row: ExcelJS.Row): unknown[] {
  const v: unknown = row.values;
  return Array.isArray(v) ? v : [];
}

function cellValue(v: unknown): unknown {
  if (v && typeof v === "object" && "result" in v) return v.result; // a formula
  const rich = RichText.safeParse(v);
  if (rich.success) return rich.data.richText.map((t) => t.text).join("");
  return v ?? null;
}

function toPlan(rows: PlanRow[]): PlanFile {
  const year = rows[0]!.年度;
  const sections: PlanSection[] = [];
  const units = new Set<string>();
  /** each indicator declared so far, with the 专报表述 of its first row */
  const declaredPhrase = new Map<string, string>();
  for (const r of rows) {
    units.add(r.牵头单位);
    let top = sections.find((s) => s.title === r.板块);
    if (!top) sections.push((top = { code: `S${sections.length + 1}`, label: r.板块编号 || `(${"一二三四五六七八九十"[sections.length] ?? sections.length + 1})`, title: r.板块, children: [] }));
    const parent = r.领域 ? child(top, r.领域, r.领域编号, []) : top;
    const item = child(parent, r.事项, r.事项编号, undefined);
    if (r.事项表述) item.wording = r.事项表述;
    const own = declaredPhrase.get(r.指标代码);
    if (own !== undefined) {
      // placed again under this item, worded its own way there when the row says so
      item.indicators!.push(r.专报表述 && r.专报表述 !== own ? { code: r.指标代码, phrase: r.专报表述 } : r.指标代码);
      continue;
    }
    declaredPhrase.set(r.指标代码, r.专报表述);
    const kind = r.类型;
    const indicator: PlanIndicator = {
      code: r.指标代码, name: r.指标名称, kind, unit: r.单位, owner: r.牵头单位,
      aliases: r.别名 ? r.别名.split(/[、,，]/).map((a) => a.trim()).filter(Boolean) : [],
      ...(r.全年目标 !== null ? { target: r.全年目标 } : {}),
      ...(r.约束 ? { comparator: r.约束 === "≤" ? ("lte" as const) : ("gte" as const) } : {}),
      ...(r.完成期限 || r.分月进度 ? { schedule: { ...(r.完成期限 ? { deadline: r.完成期限 } : {}), ...(r.分月进度 ? { monthly: r.分月进度 } : {}) } } : {}),
      decimals: r.小数位 ?? (/^万|^亿/.test(r.单位) ? 2 : 0),
      ...(r.专报表述 ? { phrase: r.专报表述 } : {}),
    };
    item.indicators!.push(indicator);
  }
  return {
    year, title: `${year}年重点民生实事`, asOf: `${year}-01-01`, source: "年度计划导入",
    units: [...units].map((name) => ({ name, aliases: [] })), sections,
  };
}
