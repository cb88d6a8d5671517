// 本月进度摘要: what changed since last month's end, for the leaders.
import { addDays } from "../../domain/schedule.js";
import type { IntentOf } from "../../nlu/intent.js";
import type { Handler } from "../context.js";

export const summary: Handler<IntentOf<"summary">> = async ({ deps, catalog, progress }) => {
  if (!deps.documents) return "进度摘要暂不可用，请联系管理员。";
  const lastMonthEnd = addDays(`${progress.date.slice(0, 7)}-01`, -1);
  return deps.documents.monthSummary(catalog, await deps.plans.catalogAsOf(lastMonthEnd), progress, lastMonthEnd);
};
