// 「上个月呢」「牵头单位是谁」 with no previous question to lean on (bot/steps.ts, recall, fills
// those that have one): say which question to send instead.
import type { IntentOf } from "../../nlu/intent.js";
import type { Handler } from "../context.js";
import { followupWithoutContext } from "../render-asked.js";

export const followup: Handler<IntentOf<"followup">> = async (ctx, intent) => {
  const name = ctx.catalog.indicators.find((i) => i.code === "urban-jobs")?.name ?? ctx.catalog.indicators[0]?.name ?? "城镇新增就业";
  const example = intent.aspect === "target" ? `${name}全年目标是多少`
    : intent.aspect === "owner" ? `${name}牵头单位是谁`
    : intent.change ? `${name}${intent.change.label}新增了多少`
    : intent.asOf ? `${intent.asOf.phrase}${name}是多少`
    : `${name}完成率多少`;
  return followupWithoutContext(example);
};
