// 这周有哪些单位更新了数据: the plan's changes since a day, one line per indicator.
import { resolveSince } from "../../domain/day-refs.js";
import type { IntentOf } from "../../nlu/intent.js";
import { shanghaiDate, shanghaiInstant } from "../../shanghai.js";
import { IMPORT_HISTORY, type FeedEntry } from "../../store/plan-store.js";
import type { Handler } from "../context.js";
import * as replies from "../list-replies.js";

export const updates: Handler<IntentOf<"updates">> = async (ctx, intent) => {
  const today = ctx.progress.date;
  const range = resolveSince(intent.since, today);
  if (!range || range.from > today) return "这一天还没到，请写成「4月15日以来谁更新了数据」或「最近三天谁报了」。";
  const feed = await ctx.deps.plans.feed(undefined, shanghaiInstant(range.from));
  // a change taken back with 撤销 and the undo itself cancel out; a history-only import changed nothing
  const kept = feed.filter((e) => !e.undone && e.kind !== "undo" && e.kind !== IMPORT_HISTORY && shanghaiDate(e.at) <= range.to && (!intent.unit || e.owner === intent.unit));
  return replies.updatesReply(merged(kept), range, today, intent.unit);
};

/** One line per indicator, newest first: its first old figure → its last new one. */
function merged(feed: FeedEntry[]): replies.UpdatedIndicator[] {
  const groups = new Map<string, FeedEntry[]>();
  for (const e of feed) groups.set(e.indicator, [...(groups.get(e.indicator) ?? []), e]);
  return [...groups.values()].map((entries) => {
    const newest = entries[0]!;
    const oldest = entries[entries.length - 1]!;
    // several increments read as one change from the first figure to the last
    const kind = newest.kind === "add" && entries.length > 1 ? "set" : newest.kind;
    return {
      owner: newest.owner,
      indicator: newest.indicator,
      unit: newest.unit,
      change: { ...newest, kind, oldValue: oldest.oldValue, oldText: oldest.oldText },
      times: entries.length,
      day: shanghaiDate(newest.at),
      person: newest.person,
    };
  });
}
