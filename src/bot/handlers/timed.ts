// What query and compare share for past days: the day asked resolved against the bot's today,
// the catalogue replayed to the end of it (plans.catalogAsOf, as `report --date` does), and the
// change of one indicator over a stretch.
import { indicatorByCode, type Catalog, type CatalogIndicator } from "../../catalog/catalog.js";
import { dateOf, dayLabel, resolveDay } from "../../domain/as-of.js";
import type { Change, DayRef } from "../../nlu/intent.js";
import { shanghaiDate } from "../../shanghai.js";
import type { Reply, TurnContext } from "../context.js";
import * as asked from "../render-asked.js";

/** The catalogue as of the day asked; `date` is today's when the day is today (no caveat then). */
export async function catalogOn(ctx: TurnContext, asOf: DayRef | undefined): Promise<{ catalog: Catalog; date: string } | { error: string }> {
  const today = ctx.progress.date;
  if (!asOf) return { catalog: ctx.catalog, date: today };
  const day = resolveDay(asOf, today, ctx.progress.planYear);
  if ("error" in day) return day;
  if (day.date === today) return { catalog: ctx.catalog, date: today };
  return { catalog: await ctx.deps.plans.catalogAsOf(day.date), date: day.date };
}

/** One indicator as of a past day, or undefined when the day is today (the plain card). */
export async function asOfAnswer(ctx: TurnContext, i: CatalogIndicator, asOf: DayRef): Promise<string | undefined> {
  const on = await catalogOn(ctx, asOf);
  if ("error" in on) return on.error;
  if (on.date === ctx.progress.date) return undefined;
  const then = indicatorByCode(on.catalog, i.code);
  if (!then?.updatedAt) return asked.noRecordBy(i, on.date, ctx.progress.date, await firstRecordDay(ctx, i));
  return asked.asOfCard(then, { ...ctx.progress, date: on.date }, ctx.progress.date);
}

/** The change from the end of `change.from` to the end of `change.to` (today when absent). */
export async function changeAnswer(ctx: TurnContext, i: CatalogIndicator, change: Change): Promise<string> {
  const today = ctx.progress.date;
  const to = change.to ? resolveDay(change.to, today, ctx.progress.planYear) : { date: today };
  if ("error" in to) return to.error;
  // a stretch may start before the plan year (1月份新增): nothing is on record then, not an error
  const from = dateOf(change.from, today, ctx.progress.planYear);
  if (!from || from > today) {
    const checked = resolveDay(change.from, today, ctx.progress.planYear);
    return "error" in checked ? checked.error : "";
  }
  if (from >= to.date) return `“${change.label}”的起点不早于终点，请说明从哪天到哪天，例如「从3月底到4月15日城镇新增就业增加了多少」。`;
  const [thenCat, nowCat] = await Promise.all([ctx.deps.plans.catalogAsOf(from), to.date === today ? ctx.catalog : ctx.deps.plans.catalogAsOf(to.date)]);
  const before = indicatorByCode(thenCat, i.code);
  const after = indicatorByCode(nowCat, i.code) ?? i;
  const figures = { label: change.label, from, to: to.date, today, before: before?.updatedAt ? before.value : null, after: after.value };
  if (figures.before !== null) return asked.changeReply(i, figures);
  const first = (await ctx.deps.plans.chartPoints(i.id)).find((p) => shanghaiDate(p.at) > from && shanghaiDate(p.at) <= to.date);
  return asked.changeReply(i, { ...figures, ...(first ? { firstAfter: { date: shanghaiDate(first.at), value: first.value } } : {}) });
}

/** The earliest figure on record (the chart's first point: undone ones left out), what an official asking about an earlier day most likely wants next. */
async function firstRecordDay(ctx: TurnContext, i: CatalogIndicator): Promise<{ date: string; value: number | null } | undefined> {
  const [first] = await ctx.deps.plans.chartPoints(i.id);
  return first ? { date: shanghaiDate(first.at), value: first.value } : undefined;
}

/** A view of many indicators (落后指标, 总体进度, a unit, …) answered as it stood at the end of a past day. */
export async function viewAsOf(ctx: TurnContext, asOf: DayRef, answer: (ctx: TurnContext) => Promise<string | Reply>): Promise<string | Reply> {
  const on = await catalogOn(ctx, asOf);
  if ("error" in on) return on.error;
  if (on.date === ctx.progress.date) return answer(ctx);
  // the same handler on the catalogue replayed to that day, its schedule measured on that day
  const reply = await answer({ ...ctx, catalog: on.catalog, progress: { ...ctx.progress, date: on.date } });
  const head = `截至${dayLabel(on.date, ctx.progress.date)}（按当日记录）：\n`;
  return typeof reply === "string" ? head + reply : { ...reply, text: head + reply.text };
}
