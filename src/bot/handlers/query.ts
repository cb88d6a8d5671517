// 「城镇新增就业进度多少」 and 「城镇新增就业的填报记录」: one indicator, now or over time.
import type { IntentOf } from "../../nlu/intent.js";
import type { Handler } from "../context.js";
import * as render from "../render.js";
import { withIndicator } from "./common.js";

export const query: Handler<IntentOf<"query">> = (ctx, intent) =>
  withIndicator(ctx, intent, intent.ref.codes, async (i) => {
    const [last] = await ctx.deps.plans.history(i.id, 1, true);
    return render.indicatorDetail(i, ctx.progress, last);
  });

export const history: Handler<IntentOf<"history">> = (ctx, intent) =>
  withIndicator(ctx, intent, intent.ref.codes, async (i) => render.historyReply(i, await ctx.deps.plans.history(i.id, 10)));
