// Indicators picked by where they stand: 已完成全年任务, 还没有数据, 某日前到期.
import type { CatalogIndicator } from "../../catalog/catalog.js";
import { resolveBy } from "../../domain/day-refs.js";
import { doneIndicators, standingOf } from "../../domain/ranking.js";
import type { IntentOf } from "../../nlu/intent.js";
import type { Handler } from "../context.js";
import * as replies from "../list-replies.js";
import { narrowed, scopeName } from "./laggards.js";

/** When nothing is done yet, the ones nearest to it are shown instead. */
const CLOSEST = 3;

export const done: Handler<IntentOf<"done">> = async (ctx, intent) => {
  const standing = narrowed(ctx.catalog, intent).indicators.map((i) => standingOf(i, ctx.progress));
  const byCompletion = (a: { completionPct: number | null }, b: { completionPct: number | null }) => (b.completionPct ?? 0) - (a.completionPct ?? 0);
  const finished = doneIndicators(standing).sort(byCompletion);
  // the same kinds doneIndicators counts: a target to reach, not a bound or a bare figure
  const closest = standing
    .filter((i) => i.kind !== "constraint" && i.kind !== "figure" && i.target !== null && i.completionPct !== null)
    .sort(byCompletion)
    .slice(0, CLOSEST);
  return replies.doneReply(finished, finished.length ? [] : closest, ctx.progress, scopeName(ctx.catalog, intent));
};

export const nodata: Handler<IntentOf<"nodata">> = async (ctx, intent) => {
  const list = narrowed(ctx.catalog, intent).indicators.filter((i) => i.value === null);
  // an item told in words (数字惠民工程：已完成测试) has been reported; a figure's words stand in for none
  const told = (i: CatalogIndicator) => i.kind === "qualitative" && !!i.statusText;
  const missing = list.filter((i) => !told(i));
  return replies.noDataReply(missing, list.length - missing.length, ctx.progress, scopeName(ctx.catalog, intent));
};

export const due: Handler<IntentOf<"due">> = async (ctx, intent) => {
  const by = resolveBy(intent.by, ctx.progress.date);
  if (!by) return "没有这一天，请写成「6月30日前到期的指标」或「5月底前要完成的有哪些」。";
  const yearEnd = `${ctx.catalog.year}-12-31`;
  const dueOf = (i: CatalogIndicator) => i.schedule?.deadline ?? yearEnd;
  const list = narrowed(ctx.catalog, intent)
    .indicators.filter((i) => i.kind !== "figure" && i.kind !== "constraint" && dueOf(i) <= by)
    .map((indicator) => ({ indicator, deadline: dueOf(indicator) }))
    .sort((a, b) => a.deadline.localeCompare(b.deadline));
  return replies.dueReply(list, by, ctx.progress, scopeName(ctx.catalog, intent));
};
