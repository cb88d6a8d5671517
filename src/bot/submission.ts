// From report lines to planned changes: resolve each indicator, check permission, convert the
// number to the indicator's unit, and flag what looks wrong so it waits for 确认.
import type { Catalog, CatalogIndicator } from "../catalog/catalog.js";
import { addExact, formatNumber, formatPct, splitUnit, toIndicatorUnit } from "../domain/numbers.js";
import { acceptsNumbers } from "../domain/indicator.js";
import { progressTextProblem } from "../domain/progress-text.js";
import type { LineProblem, SubmissionLine } from "../nlu/intent.js";
import type { MemberInfo } from "../store/member-store.js";
import type { DraftChange } from "./pending.js";
import { can } from "./permissions.js";
import { warningsFor } from "../domain/plausibility.js";

export type { DraftChange };
import { quantity } from "../domain/presentation.js";

export type Draft = { ok: true; changes: DraftChange[] } | { ok: false; message: string };

/** Why the member may not change this indicator, or undefined when they may. */
export function canChange(member: MemberInfo, indicator: CatalogIndicator): string | undefined {
  if (can(member, "submit", indicator)) return undefined;
  if (!can(member, "submit")) return `您是只读用户，只能查询，不能填报。如需填报，请联系管理员为您绑定单位。`;
  return `“${indicator.name}”由${indicator.owner}负责，您是${member.unitName ?? "未绑定单位"}的填报员，只能填报本单位的指标。`;
}

export function problemMessage(p: LineProblem, catalog: Catalog): string {
  const ind = p.ref?.codes.length === 1 ? catalog.indicators.find((i) => i.code === p.ref!.codes[0]) : undefined;
  const example = ind ? `${ind.name} ${exampleValue(ind)}` : "城镇新增就业 2400 人";
  if (p.kind === "unknown-indicator") return `“${p.raw}”：没有找到对应的指标，请写指标名称和数字，例如：${example}`;
  if (p.kind === "no-number") return `“${p.raw}”：没有找到数字，请写成：${example}`;
  // a report is a figure the unit vouches for: ask for it rather than pick one
  if (p.kind === "approximate") return `“${p.raw}”是约数，请发送准确数字，例如：${example}`;
  if (p.kind === "range") return `“${p.raw}”是一个范围，请发送准确数字，例如：${example}`;
  if (p.kind === "ambiguous-number") return `“${p.raw}”中的数字写法不明确，请用阿拉伯数字发送准确数字，例如：${example}`;
  const word = p.word ? `“${p.word}”` : "这个数量";
  return `“${p.raw}”：${word}不是一个数字，请写成：${example}`;
}

/**
 * The figure shown in "请写成：…": the current value, or XX. Never the target or the schedule's
 * figure: a user who copies the example must not report a number nobody counted.
 */
function exampleValue(i: CatalogIndicator): string {
  const v = i.value === null ? "XX" : formatNumber(i.unit === "%" ? Math.min(i.value, 100) : i.value);
  return i.unit === "%" ? `${v}%` : `${v} ${i.unit}`;
}

// Measure words that say what was counted; a unit that is none of these (完成, 左右) says nothing.
const MEASURES = [
  "人次", "场次", "元/月", "元/人", "μg/m3", "µg/m3", "μg/m³", "立方米", "平方米", "公斤", "千克", "公里", "千米", "个百分点",
  "人", "名", "位", "个", "台", "套", "家", "场", "次", "条", "栋", "幢", "户", "元", "亩", "方", "座", "所", "辆", "件", "项", "处",
  "张", "本", "册", "部", "只", "头", "吨", "斤", "克", "米", "天", "小时", "笔", "批", "间", "块", "床", "棵", "株", "箱", "份",
];
// what else people write for the indicator's measure (2500名 for 人, 44个 for 家)
const SAME_MEASURE: Record<string, string[]> = {
  人: ["名", "位"], 人次: ["次"], 场次: ["场", "次"], 场: ["场次", "次"], 个: ["处", "座", "所", "家"], 家: ["个", "所"],
  户: ["家"], 台: ["个", "套"], 条: ["个"], 栋: ["幢", "个"], "元/月": ["元"], 方: ["立方米"], "μg/m³": ["μg/m3", "µg/m3"],
};

/** The measure word a quantity was written in, when it clearly is one, and whether it fits the indicator. */
function unitMismatch(q: NonNullable<SubmissionLine["quantity"]>, indicatorUnit: string): string | undefined {
  if (q.percent || !q.unit) return undefined;
  const measure = MEASURES.find((m) => q.unit.startsWith(m));
  if (!measure) return undefined;
  const { base } = splitUnit(indicatorUnit);
  if (measure === base || measure === indicatorUnit || SAME_MEASURE[base]?.includes(measure)) return undefined;
  return `${q.magnitude}${measure}`;
}

export function draftChanges(lines: SubmissionLine[], member: MemberInfo, catalog: Catalog): Draft {
  const changes: DraftChange[] = [];
  const errors: string[] = [];
  for (const line of lines) {
    const indicator = catalog.indicators.find((i) => i.code === line.ref.codes[0]);
    if (!indicator) {
      errors.push(`“${line.raw}”：没有找到对应的指标。`);
      continue;
    }
    const refused = canChange(member, indicator);
    if (refused) {
      errors.push(refused);
      continue;
    }
    const planned = planLine(line, indicator);
    if (typeof planned === "string") errors.push(planned);
    else if (changes.some((c) => c.indicatorId === planned.indicatorId)) errors.push(`“${indicator.name}”在一条消息里出现了两次，请只保留一行。`);
    else changes.push(planned);
  }
  if (errors.length) return { ok: false, message: `${errors.join("\n")}\n本条消息未做任何修改。` };
  return { ok: true, changes };
}

function planLine(line: SubmissionLine, i: CatalogIndicator): DraftChange | string {
  const remark = line.remark?.trim().slice(0, 500) || undefined;
  const base = { indicatorId: i.id, code: i.code, seenOld: i.value, ...(remark ? { remark } : {}) };
  if (line.op === "note") {
    const text = (line.text ?? "").trim();
    if (!text) return `“${line.raw}”：进展内容是空的，请写成：${i.name}：进展情况`;
    return { ...base, op: "note", text: text.slice(0, 1000), seenOldText: i.statusText, newValue: i.value, warnings: [progressTextProblem(text)].filter((w): w is string => !!w) };
  }
  const q = line.quantity!;
  if (!acceptsNumbers(i)) return `“${i.name}”按文字填报进展，请写成：${i.name}：最新进展情况`;
  if (q.percent && i.unit !== "%") return `“${i.name}”按${i.unit}填报数量，不是百分比，请写成：${i.name} ${exampleValue(i)}`;
  if (!q.percent && q.unit && i.unit === "%") return `“${i.name}”按百分比填报，请写成：${i.name} ${exampleValue(i)}`;
  const wrongUnit = unitMismatch(q, i.unit);
  if (wrongUnit) return `“${i.name}”按${i.unit}填报，“${wrongUnit}”不是它的单位，请写成：${i.name} ${exampleValue(i)}`;
  const amount = toIndicatorUnit(q, i.unit);
  if (!Number.isFinite(amount) || amount < 0) return `“${line.raw}”：数字不能为负，请写成：${i.name} ${exampleValue(i)}`;
  if (amount > 1e12) return `“${line.raw}”：数字太大了，请检查后重新填写。`;
  const newValue = line.op === "add" ? addExact(i.value ?? 0, amount) : amount;
  if (line.op === "add" && amount === 0) return `“${line.raw}”：增加量为 0，无需填报。`;
  return { ...base, op: line.op, value: amount, newValue, warnings: warningsFor(i, newValue) };
}

export function changeLine(c: DraftChange, i: CatalogIndicator): string {
  return changeText(c, i) + (c.remark ? `（备注：${c.remark}）` : "");
}

function changeText(c: DraftChange, i: CatalogIndicator): string {
  if (c.op === "note") return c.seenOldText ? `${i.name}：进展 “${c.seenOldText}” → “${c.text}”` : `${i.name}：进展更新为“${c.text}”`;
  if (i.kind === "constraint" && i.target !== null && c.newValue !== null) {
    const met = i.comparator === "lte" ? c.newValue <= i.target : c.newValue >= i.target;
    const bound = `${i.comparator === "lte" ? "≤" : "≥"} ${quantity(i.target, i.unit)}`;
    return `${i.name}：${quantity(c.seenOld, i.unit)} → ${quantity(c.newValue, i.unit)}（要求 ${bound}，${met ? "达标" : "⚠️ 未达标"}）`;
  }
  const pct = i.target && i.kind !== "constraint" && i.kind !== "figure" ? `，完成全年任务的 ${formatPct(((c.newValue ?? 0) / i.target) * 100)}` : "";
  const inc = c.op === "add" ? `（增加 ${quantity(c.value ?? 0, i.unit)}）` : "";
  return `${i.name}：${quantity(c.seenOld, i.unit)} → ${quantity(c.newValue, i.unit)}${inc}${pct}`;
}

// words beyond a name and its figure past which a line is prose (a pasted work summary), not a report line
const PROSE_CHARS = 24;

/**
 * 今年以来，我局高度重视……截至4月底，全市城镇新增就业2600人: a figure found inside prose is shown
 * back for 确认 rather than applied, since the words skipped may say it is not the running total.
 */
export function readFromProse(line: SubmissionLine): boolean {
  // a progress note is prose by nature: it has its own check (progressTextProblem)
  if (line.op === "note" || !line.quantity) return false;
  // the remark (备注：…, （含…）) is set apart by the unit itself: it is not prose around the figure
  let rest = line.raw.replace(line.ref.phrase, "");
  if (line.remark) rest = rest.replace(line.remark, "").replace(/(?:备注|注|说明)\s*[:：]/gu, "");
  rest = rest.replace(/[0-9０-９.,，万亿千百十零一二两三四五六七八九%]+/gu, "");
  return [...rest.replace(/[\s\p{P}]/gu, "")].length > PROSE_CHARS;
}
