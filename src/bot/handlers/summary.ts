// 本月进度摘要: what changed since last month's end, for the leaders.
import type { IntentOf } from "../../nlu/intent.js";
import { addDays } from "../../reminders/calendar.js";
import { monthSummary } from "../../report/summary.js";
import type { Handler } from "../context.js";

export const summary: Handler<IntentOf<"summary">> = async ({ deps, catalog, progress }) => {
  const lastMonthEnd = addDays(`${progress.date.slice(0, 7)}-01`, -1);
  return monthSummary(catalog, await deps.plans.catalogAsOf(lastMonthEnd), progress, lastMonthEnd);
};
