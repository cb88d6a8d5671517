// 「城镇新增就业进度多少」 and 「城镇新增就业的填报记录」: one indicator, now or over time; as of a
// past day (3月底…), its change over a stretch (本月新增了多少) or one fact (全年目标是多少).
import type { IntentOf } from "../../nlu/intent.js";
import type { Handler } from "../context.js";
import * as render from "../render.js";
import { aspectReply } from "../render-asked.js";
import { withIndicator } from "./common.js";
import { asOfAnswer, changeAnswer } from "./timed.js";

export const query: Handler<IntentOf<"query">> = (ctx, intent) =>
  withIndicator(ctx, intent, intent.ref.codes, async (i) => {
    if (intent.change) return changeAnswer(ctx, i, intent.change);
    if (intent.aspect) return aspectReply(i, intent.aspect);
    const past = intent.asOf && (await asOfAnswer(ctx, i, intent.asOf));
    if (past) return past;
    const last = await ctx.deps.plans.lastChange(i);
    return render.indicatorDetail(i, ctx.progress, last);
  });

export const history: Handler<IntentOf<"history">> = (ctx, intent) =>
  withIndicator(ctx, intent, intent.ref.codes, async (i) => render.historyReply(i, await ctx.deps.plans.history(i.id, 10)));
