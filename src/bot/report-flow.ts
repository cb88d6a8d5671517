// From report lines to planned changes: resolve each indicator, check permission, convert the
// number to the indicator's unit, and flag what looks wrong so it waits for 确认.
import type { Catalog, CatalogIndicator } from "../catalog/catalog.js";
import { formatNumber, formatPct, roundTo, toIndicatorUnit } from "../domain/numbers.js";
import { acceptsNumbers } from "../domain/indicator.js";
import type { LineProblem, ReportLine } from "../nlu/intent.js";
import type { MemberInfo } from "../store/member-store.js";
import { quantity } from "./render.js";

/** A change ready to apply, with what the member was shown. */
export interface PlannedChange {
  indicatorId: number;
  code: string;
  op: "set" | "add" | "note";
  value?: number;
  text?: string;
  /** the value the member saw as current; the store records the true old value at apply time */
  seenOld: number | null;
  newValue: number | null;
  warnings: string[];
}

export type Plan = { ok: true; changes: PlannedChange[] } | { ok: false; message: string };

export function canChange(member: MemberInfo, indicator: CatalogIndicator): string | undefined {
  if (member.role === "admin") return undefined;
  if (member.role !== "reporter") return `您是只读用户，只能查询，不能填报。如需填报，请联系管理员为您绑定单位。`;
  if (member.unitId !== indicator.unitId) {
    return `“${indicator.name}”由${indicator.owner}负责，您是${member.unitName ?? "未绑定单位"}的填报员，只能填报本单位的指标。`;
  }
  return undefined;
}

export function problemMessage(p: LineProblem, catalog: Catalog): string {
  const ind = p.ref?.codes.length === 1 ? catalog.indicators.find((i) => i.code === p.ref!.codes[0]) : undefined;
  const example = ind ? `${ind.name} ${exampleValue(ind)}` : "城镇新增就业 2400 人";
  if (p.kind === "unknown-indicator") return `“${p.raw}”：没有找到对应的指标，请写指标名称和数字，例如：${example}`;
  if (p.kind === "no-number") return `“${p.raw}”：没有找到数字，请写成：${example}`;
  const word = p.word ? `“${p.word}”` : "这个数量";
  return `“${p.raw}”：${word}不是一个数字，请写成：${example}`;
}

function exampleValue(i: CatalogIndicator): string {
  const v = i.target ?? i.value ?? 100;
  return i.unit === "%" ? `${formatNumber(Math.min(v, 100))}%` : `${formatNumber(v)} ${i.unit}`;
}

export function planChanges(lines: ReportLine[], member: MemberInfo, catalog: Catalog): Plan {
  const changes: PlannedChange[] = [];
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

function planLine(line: ReportLine, i: CatalogIndicator): PlannedChange | string {
  const base = { indicatorId: i.id, code: i.code, seenOld: i.value };
  if (line.op === "note") {
    const text = (line.text ?? "").trim();
    if (!text) return `“${line.raw}”：进展内容是空的，请写成：${i.name}：进展情况`;
    return { ...base, op: "note", text: text.slice(0, 1000), newValue: i.value, warnings: [] };
  }
  const q = line.quantity!;
  if (!acceptsNumbers(i)) return `“${i.name}”按文字填报进展，请写成：${i.name}：最新进展情况`;
  if (q.percent && i.unit !== "%") return `“${i.name}”按${i.unit}填报数量，不是百分比，请写成：${i.name} ${exampleValue(i)}`;
  if (!q.percent && q.unit && i.unit === "%") return `“${i.name}”按百分比填报，请写成：${i.name} ${exampleValue(i)}`;
  const amount = toIndicatorUnit(q, i.unit);
  if (!Number.isFinite(amount) || amount < 0) return `“${line.raw}”：数字不能为负，请写成：${i.name} ${exampleValue(i)}`;
  if (amount > 1e12) return `“${line.raw}”：数字太大了，请检查后重新填写。`;
  const newValue = line.op === "add" ? roundTo((i.value ?? 0) + amount, 6) : amount;
  if (line.op === "add" && amount === 0) return `“${line.raw}”：增加量为 0，无需填报。`;
  return { ...base, op: line.op, value: amount, newValue, warnings: warningsFor(i, newValue) };
}

/** What makes a figure suspicious enough to wait for 确认. */
export function warningsFor(i: CatalogIndicator, next: number): string[] {
  const old = i.value;
  const counts = i.kind === "cumulative" || i.kind === "figure" || (i.kind === "qualitative" && i.target !== null);
  const out: string[] = [];
  if (counts && old !== null && next < old) out.push("累计数比原来少了");
  if (i.kind === "cumulative" && i.target !== null && next > i.target && (old === null || old <= i.target)) out.push("超过了全年目标");
  if (counts && old !== null && old > 0 && next > old * 2) out.push("比原来多出一倍以上");
  if (i.unit === "%" && next > 100 && i.kind !== "constraint") out.push("超过了 100%");
  return out;
}

export function changeLine(c: PlannedChange, i: CatalogIndicator): string {
  if (c.op === "note") return `${i.name}：进展更新为“${c.text}”`;
  if (i.kind === "constraint" && i.target !== null && c.newValue !== null) {
    const met = i.comparator === "lte" ? c.newValue <= i.target : c.newValue >= i.target;
    const bound = `${i.comparator === "lte" ? "≤" : "≥"} ${quantity(i.target, i.unit)}`;
    return `${i.name}：${quantity(c.seenOld, i.unit)} → ${quantity(c.newValue, i.unit)}（要求 ${bound}，${met ? "达标" : "⚠️ 未达标"}）`;
  }
  const pct = i.target && i.kind !== "constraint" && i.kind !== "figure" ? `，完成全年任务的 ${formatPct(((c.newValue ?? 0) / i.target) * 100)}` : "";
  const inc = c.op === "add" ? `（增加 ${quantity(c.value ?? 0, i.unit)}）` : "";
  return `${i.name}：${quantity(c.seenOld, i.unit)} → ${quantity(c.newValue, i.unit)}${inc}${pct}`;
}
