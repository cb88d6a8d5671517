// The reply texts of the list questions: what is done, what has no figure, what is due by a day,
// the units' ranking, who has not reported, and what changed since a day. Pure: everything shown
// comes from the arguments; figures as the cards write them (domain/presentation.ts), days as 4月20日.
import type { CatalogIndicator } from "../catalog/catalog.js";
import { monthDay, type DayRange } from "../domain/day-refs.js";
import { formatNumber, formatPct } from "../domain/numbers.js";
import { changeSummary, quantity, truncate, type ChangeFacts } from "../domain/presentation.js";
import type { UnitStanding } from "../domain/ranking.js";
import { progressOf, type ProgressContext } from "../domain/status.js";

/** A chat message stays readable: longer lists end with how many more there are. */
const MAX_LINES = 30;

function numbered<T>(items: T[], line: (item: T) => string): string[] {
  const shown = items.slice(0, MAX_LINES).map((x, n) => `${n + 1}. ${line(x)}`);
  if (items.length > MAX_LINES) shown.push(`……等共 ${items.length} 项，发送「看板」查看全部。`);
  return shown;
}

/** 市人社局 / (三)保障重点群体就业 → "(三)保障重点群体就业中，"; the whole plan → "". */
function within(scope: string): string {
  return scope ? `${scope}中，` : "";
}

/** 9623/9200 人，完成 104.60%: an indicator's figure against its target. */
function figureText(i: CatalogIndicator, ctx: ProgressContext): string {
  const p = progressOf(i, ctx);
  if (i.value === null) return "暂无数据";
  if (p.completionPct === undefined) return quantity(i.value, i.unit);
  return `${formatNumber(i.value)}/${quantity(i.target, i.unit)}，完成 ${formatPct(p.completionPct)}`;
}

/** 哪些指标已经完成全年任务了; none yet: the ones closest to it. */
export function doneReply(done: CatalogIndicator[], closest: CatalogIndicator[], ctx: ProgressContext, scope = ""): string {
  const day = monthDay(ctx.date);
  if (done.length === 0) {
    const lines = [`截至 ${day}，${within(scope)}还没有完成全年任务的指标。`];
    if (closest.length) lines.push("完成率最高的：", ...numbered(closest, (i) => `${i.name}：${figureText(i, ctx)}（${i.owner}）`));
    return lines.join("\n");
  }
  return [`截至 ${day}，${within(scope)}已完成全年任务的指标共 ${done.length} 项：`, ...numbered(done, (i) => `${i.name}：${figureText(i, ctx)}（${i.owner}）`)].join("\n");
}

/** 哪些指标还没有数据: no figure (a text item: no progress text either); text items told in words are counted apart. */
export function noDataReply(missing: CatalogIndicator[], textOnly: number, ctx: ProgressContext, scope = ""): string {
  const day = monthDay(ctx.date);
  const words = textOnly ? `另有 ${textOnly} 项文字进展类指标以文字报告进展。` : "";
  if (missing.length === 0) return `截至 ${day}，${within(scope)}所有指标都已有数据。${words}`;
  const lines = [`截至 ${day}，${within(scope)}还没有数据的指标共 ${missing.length} 项：`, ...numbered(missing, (i) => `${i.name}（${i.owner}）`)];
  if (words) lines.push(words);
  return lines.join("\n");
}

/** 5月底前要完成的有哪些: each with its deadline and whether it is done. */
export function dueReply(due: { indicator: CatalogIndicator; deadline: string }[], by: string, ctx: ProgressContext, scope = ""): string {
  if (due.length === 0) return `${within(scope)}没有 ${monthDay(by)}前到期的指标（未另定期限的指标按年底 12月31日计）。`;
  const state = (i: CatalogIndicator) => {
    const p = progressOf(i, ctx);
    if (p.completionPct === undefined) return i.value === null ? "暂无数据" : quantity(i.value, i.unit);
    return `${figureText(i, ctx)}，${p.completionPct >= 100 ? "✅ 已完成" : "未完成"}`;
  };
  return [
    `${within(scope)}${monthDay(by)}前到期的指标共 ${due.length} 项（截至 ${monthDay(ctx.date)}）：`,
    ...numbered(due, ({ indicator: i, deadline }) => `${i.name}：期限 ${monthDay(deadline)}，${state(i)}（${i.owner}）`),
  ].join("\n");
}

function standingText(r: UnitStanding): string {
  const gap = r.largestGap ? `，差距最大：${r.largestGap.name}（落后 ${formatNumber(r.largestGap.points, 2)} 个百分点）` : "";
  return `${r.unit}：牵头 ${r.indicators} 项，落后 ${r.behind} 项${gap}；本月${r.reportedThisMonth ? "已" : "未"}填报`;
}

/** 各单位进度排名 / 哪个单位最落后: the most behind first (domain/ranking.ts's order). */
export function rankingReply(ranking: UnitStanding[], ctx: ProgressContext, limit?: number): string {
  const day = monthDay(ctx.date);
  // the N most behind are among the units with something behind, never one with nothing behind
  const behind = ranking.filter((r) => r.behind > 0);
  if (limit && behind.length === 0) return `截至 ${day}，各牵头单位都没有落后于时序进度的指标。`;
  const shown = limit ? behind.slice(0, limit) : ranking;
  const head =
    limit === 1
      ? `截至 ${day}，最落后的单位是：`
      : limit
        ? `截至 ${day}，有指标落后的单位共 ${behind.length} 个，最落后的 ${shown.length} 个：`
        : `截至 ${day}，各牵头单位进度排名（落后指标多的在前）：`;
  return [head, ...shown.map((r, n) => `${n + 1}. ${standingText(r)}`)].join("\n");
}

/** 哪些单位还没填报: lead units none of whose members reported since the 1st. */
export function unreportedReply(missing: UnitStanding[], ctx: ProgressContext): string {
  const since = `本月（${monthDay(`${ctx.date.slice(0, 7)}-01`)}以来）`;
  if (missing.length === 0) return `${since}各牵头单位都已填报。`;
  return [`${since}还没有填报的单位共 ${missing.length} 个：`, ...missing.map((r, n) => `${n + 1}. ${r.unit}（牵头 ${r.indicators} 项指标）`)].join("\n");
}

/** One indicator's changes in the stretch, merged: first old → last new. */
export interface UpdatedIndicator {
  owner: string;
  indicator: string;
  unit: string;
  /** the change as one (the newest's kind and new figure, the oldest's old figure) */
  change: ChangeFacts;
  times: number;
  /** the newest change's day and who made it */
  day: string;
  person: string;
}

/** 本周（4月14日以来） / 昨天（4月19日） / 4月7日至4月13日: the stretch in words. */
export function rangeText(range: DayRange, today: string): string {
  if (range.from === range.to) return range.from === today ? `今天（${monthDay(today)}）` : monthDay(range.from);
  return range.to === today ? `${monthDay(range.from)}以来` : `${monthDay(range.from)}至${monthDay(range.to)}`;
}

/** 这周有哪些单位更新了数据: unit, indicator, old → new. */
export function updatesReply(updated: UpdatedIndicator[], range: DayRange, today: string, unit?: string): string {
  const when = rangeText(range, today);
  if (unit && updated.length === 0) return `${when}${unit}还没有更新数据。`;
  if (updated.length === 0) return `${when}还没有单位更新数据。`;
  const units = new Set(updated.map((u) => u.owner)).size;
  if (unit) return [`${when}${unit}更新了 ${updated.length} 项指标：`, ...numbered(updated, (u) => updateLine(u, false))].join("\n");
  return [`${when}有 ${units} 个单位更新了 ${updated.length} 项指标：`, ...numbered(updated, (u) => updateLine(u, true))].join("\n");
}

/** 市人社局 城镇新增就业：2230 人 → 2400 人（4月20日，张三）; the unit left out when the question named it. */
function updateLine(u: UpdatedIndicator, withOwner: boolean): string {
  const times = u.times > 1 ? `，共 ${u.times} 次` : "";
  return `${withOwner ? `${u.owner} ` : ""}${u.indicator}：${truncate(changeSummary(u.change, u.unit), 60)}（${monthDay(u.day)}，${u.person}${times}）`;
}
