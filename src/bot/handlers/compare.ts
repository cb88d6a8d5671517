// 「城镇新增就业和失业人员再就业哪个快」: completion and pace of each, and which is further ahead;
// 「城镇新增就业和就业困难人员就业」: both cards. As of a past day when one is asked.
import { indicatorByCode, type CatalogIndicator } from "../../catalog/catalog.js";
import type { IntentOf } from "../../nlu/intent.js";
import type { Handler } from "../context.js";
import { aspectReply, cards, compareReply } from "../render-asked.js";
import { unknownReply } from "./common.js";
import { catalogOn } from "./timed.js";

export const compare: Handler<IntentOf<"compare">> = async (ctx, intent) => {
  const on = await catalogOn(ctx, intent.asOf);
  if ("error" in on) return on.error;
  const list = intent.refs.map((r) => indicatorByCode(on.catalog, r.codes[0]!)).filter((i): i is CatalogIndicator => !!i);
  if (list.length < 2) return unknownReply(ctx.msg.text);
  if (intent.aspect) return list.map((i) => aspectReply(i, intent.aspect!)).join("\n");
  const progress = { ...ctx.progress, date: on.date };
  const past = on.date !== ctx.progress.date;
  return intent.which ? compareReply(list, progress, ctx.progress.date) : cards(list, progress, ctx.progress.date, past);
};
