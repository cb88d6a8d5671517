// The reply texts of questions beyond one card: as of a past day, the change over a stretch, one
// fact (全年目标, 牵头单位), two indicators compared, and a follow-up with nothing to follow. Pure.
import type { CatalogIndicator } from "../catalog/catalog.js";
import { dayLabel } from "../domain/as-of.js";
import { formatNumber, formatPct, roundTo } from "../domain/numbers.js";
import { quantity } from "../domain/presentation.js";
import { progressOf, type Progress, type ProgressContext } from "../domain/status.js";
import { indicatorDetail } from "./render.js";

/** The card as it stood at the end of `date`, headed with that date. */
export function asOfCard(i: CatalogIndicator, ctx: ProgressContext, today: string): string {
  // the card's 当前 is the figure of that day here
  return `截至${dayLabel(ctx.date, today)}（按当日记录）：\n${indicatorDetail(i, ctx).replace(/^当前：/mu, "当日：")}`;
}

/** Nothing on record by the day asked; `first`: the day of the earliest record, when there is one. */
export function noRecordBy(i: CatalogIndicator, date: string, today: string, first?: { date: string; value: number | null }): string {
  const figure = first?.value === null || first?.value === undefined ? "" : `：${quantity(first.value, i.unit)}`;
  const earliest = first ? `（最早的记录在${dayLabel(first.date, today)}${figure}）` : "";
  return `【${i.name}】截至${dayLabel(date, today)}还没有任何记录${earliest}。发送「${i.name}进度」可查看最新数据。`;
}

/** 全年目标是多少 / 牵头单位是谁: that fact alone, with the owner beside the target. */
export function aspectReply(i: CatalogIndicator, aspect: "target" | "owner"): string {
  if (aspect === "owner") return `【${i.name}】牵头单位：${i.owner}`;
  if (i.kind === "constraint") return `【${i.name}】要求：${i.comparator === "lte" ? "≤" : "≥"} ${quantity(i.target, i.unit)}（约束性指标，牵头单位：${i.owner}）`;
  if (i.target === null) return `【${i.name}】本项没有数字化的年度目标，以${i.kind === "qualitative" ? "文字进展" : "实际数据"}反映（牵头单位：${i.owner}）。`;
  return `【${i.name}】全年目标：${quantity(i.target, i.unit)}（牵头单位：${i.owner}）`;
}

export interface ChangeFigures {
  label: string;
  from: string;
  to: string;
  today: string;
  /** the figure at the end of `from`; null: nothing on record by then */
  before: number | null;
  after: number | null;
  /** with nothing on record by `from`: the first figure recorded after it, and its day */
  firstAfter?: { date: string; value: number };
}

/** 本月新增了多少: both figures with their days and the difference. */
export function changeReply(i: CatalogIndicator, c: ChangeFigures): string {
  const [from, to] = [dayLabel(c.from, c.today), dayLabel(c.to, c.today)];
  const head = `【${i.name}】`;
  if (i.kind === "qualitative" && c.after === null) return `${head}以文字填报进展，没有可以相减的数字。发送「${i.name}进展」查看最新进展。`;
  if (c.after === null) return `${head}截至${to}还没有数字记录，无法计算${c.label}的变化。`;
  if (c.before !== null) return `${head}${c.label}（${from} → ${to}）${moved(c.after - c.before, i)}：${from} ${quantity(c.before, i.unit)}，${to} ${quantity(c.after, i.unit)}。`;
  if (c.firstAfter) {
    const first = dayLabel(c.firstAfter.date, c.today);
    return `${head}${from}以前没有记录；最早的记录是${first}的 ${quantity(c.firstAfter.value, i.unit)}，${to}为 ${quantity(c.after, i.unit)}，其间${moved(c.after - c.firstAfter.value, i)}。`;
  }
  return `${head}${from}以前没有记录，无法计算${c.label}的变化；${to}为 ${quantity(c.after, i.unit)}。`;
}

function moved(delta: number, i: CatalogIndicator): string {
  const d = roundTo(delta, i.decimals + 2);
  if (d === 0) return "没有变化";
  const size = i.unit === "%" ? `${formatNumber(Math.abs(d))} 个百分点` : quantity(Math.abs(d), i.unit);
  return `${d > 0 ? "增加" : "减少"} ${size}`;
}

/** 哪个快: each one's completion and pace, then which is further ahead of its 时序进度. */
export function compareReply(list: CatalogIndicator[], ctx: ProgressContext, today: string): string {
  const rows = list.map((i) => ({ i, p: progressOf(i, ctx) }));
  const lines = [`截至${dayLabel(ctx.date, today)}的进度对比：`];
  for (const { i, p } of rows) lines.push(`- ${i.name}：${standing(i, p)}`);
  lines.push(verdict(rows));
  return lines.join("\n");
}

function standing(i: CatalogIndicator, p: Progress): string {
  if (p.completionPct === undefined) {
    if (i.kind === "constraint") return `${quantity(i.value, i.unit)}（约束性指标，${p.met === undefined ? "暂无数据" : p.met ? "达标" : "未达标"}）`;
    return i.value === null && i.kind !== "qualitative" ? "暂无数据" : `${quantity(i.value, i.unit)}（无年度目标完成率）`;
  }
  const done = `${formatNumber(i.value ?? 0)}/${quantity(i.target, i.unit)}，完成 ${formatPct(p.completionPct)}`;
  if (p.gapPoints === undefined || p.schedulePct === undefined) return done;
  const pace = p.pace === "ahead" ? `超前时序进度 ${formatNumber(p.gapPoints, 2)} 个百分点` : p.pace === "on" ? "与时序进度持平" : `落后时序进度 ${formatNumber(-p.gapPoints, 2)} 个百分点`;
  return `${done}（时序 ${formatPct(p.schedulePct)}，${pace}）`;
}

/** Further ahead of the schedule wins; without a schedule, the higher completion. */
function verdict(rows: { i: CatalogIndicator; p: Progress }[]): string {
  const scored = rows.filter((r) => r.p.completionPct !== undefined);
  const left = rows.filter((r) => r.p.completionPct === undefined).map((r) => r.i.name);
  const outside = left.length ? `${left.join("、")}没有可比较的完成率。` : "";
  if (scored.length < 2) return `${outside}无法比较进度快慢。`.replace(/^。/u, "");
  const paced = scored.every((r) => r.p.gapPoints !== undefined);
  const score = (r: { p: Progress }) => (paced ? r.p.gapPoints! : r.p.completionPct!);
  const sorted = [...scored].sort((a, b) => score(b) - score(a));
  const [best, next] = [sorted[0]!, sorted[1]!];
  const by = roundTo(score(best) - score(next), 2);
  const measure = paced ? "相对时序进度" : "完成率";
  if (by === 0) return `${outside}${scored.map((r) => r.i.name).join("和")}${measure}相同。`;
  return `${outside}${best.i.name}进度更快：${measure}比${next.i.name}高 ${formatNumber(by, 2)} 个百分点。`;
}

/** Two or more cards, one after another: a question that names several indicators without comparing them. */
export function cards(list: CatalogIndicator[], ctx: ProgressContext, today: string, asOf: boolean): string {
  const body = list.map((i) => (asOf ? indicatorDetail(i, ctx).replace(/^当前：/mu, "当日：") : indicatorDetail(i, ctx))).join("\n\n");
  return asOf ? `截至${dayLabel(ctx.date, today)}（按当日记录）：\n${body}` : body;
}

/** A follow-up sent with no previous question to follow: what to ask instead. */
export function followupWithoutContext(example: string): string {
  return `请说明是哪个指标，例如「${example}」。`;
}
