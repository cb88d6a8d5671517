// The lead units side by side, as the dashboard ranks them (domain/ranking.ts): 单位排名 and
// 本月未填报. A unit has reported when any of its indicators was changed by a member this month.
import { monthStart, notReported, standingOf, unitRanking, type UnitStanding } from "../../domain/ranking.js";
import type { IntentOf } from "../../nlu/intent.js";
import { shanghaiInstant } from "../../shanghai.js";
import type { Handler, TurnContext } from "../context.js";
import * as replies from "../list-replies.js";

async function rankingOf(ctx: TurnContext): Promise<UnitStanding[]> {
  const standing = ctx.catalog.indicators.map((i) => standingOf(i, ctx.progress));
  const reports = await ctx.deps.plans.reportDatesByUnit(shanghaiInstant(monthStart(ctx.progress.date)));
  return unitRanking(standing, reports, ctx.progress.date);
}

export const ranking: Handler<IntentOf<"ranking">> = async (ctx, intent) => replies.rankingReply(await rankingOf(ctx), ctx.progress, intent.limit);

export const unreported: Handler<IntentOf<"unreported">> = async (ctx) => {
  const rows = await rankingOf(ctx);
  const missing = notReported(rows);
  return replies.unreportedReply(rows.filter((r) => missing.includes(r.unit)), ctx.progress);
};
