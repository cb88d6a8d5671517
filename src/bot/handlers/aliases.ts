// 别名建议 / 采纳别名 2 / 忽略别名 2 (admins): the phrasings members picked an indicator for, and
// the offer made when they pick (老年食堂建了12家 → 社区老年助餐点: 老年食堂 suggested).
import { indicatorByCode } from "../../catalog/catalog.js";
import type { Intent, IntentOf } from "../../nlu/intent.js";
import { fold } from "../../nlu/match.js";
import type { Handler, TurnContext } from "../context.js";
import { can } from "../permissions.js";
import { changeContext } from "./common.js";

export const aliases: Handler<IntentOf<"aliases">> = async (ctx, intent) => {
  const store = ctx.deps.aliasSuggestions;
  if (!can(ctx.member, "edit")) return "只有管理员可以查看和处理别名建议。";
  if (!store) return "别名建议未启用。";
  const open = await store.open();
  if (intent.action === "list") {
    if (open.length === 0) return "目前没有待处理的别名建议。";
    const lines = open.map((s, n) => `${n + 1}. “${s.alias}” → ${s.name}`);
    return ["别名建议（成员选择指标时用过的说法）：", ...lines, "回复「采纳别名 序号」添加为别名，或「忽略别名 序号」。"].join("\n");
  }
  const chosen = open[(intent.index ?? 0) - 1];
  if (!chosen) return open.length ? `请回复 1 到 ${open.length} 之间的序号，发送「别名建议」查看列表。` : "目前没有待处理的别名建议。";
  const now = ctx.deps.now();
  if (intent.action === "reject") {
    await store.decide(chosen.id, "rejected", ctx.member.id, now);
    return `已忽略别名建议“${chosen.alias}”（${chosen.name}）。`;
  }
  const i = indicatorByCode(ctx.catalog, chosen.code);
  if (!i) return "该指标已不存在。";
  // decided first, so that two admins approving at once add the alias once
  if (!(await store.decide(chosen.id, "approved", ctx.member.id, now))) return "这条别名建议已被处理过了，发送「别名建议」查看最新列表。";
  if (!i.aliases.includes(chosen.alias)) await ctx.deps.plans.edit(i.id, { field: "alias", alias: chosen.alias }, changeContext(ctx));
  return `已采纳：为“${i.name}”添加别名“${chosen.alias}”。`;
};

/**
 * A member picked `code` from a numbered choice their phrase led to: the phrase is offered as an
 * alias, unless it is a figure, too short or long, or already a name of some indicator.
 */
export async function offerAlias(ctx: TurnContext, intent: Intent, line: number | undefined, code: string): Promise<void> {
  const store = ctx.deps.aliasSuggestions;
  const i = indicatorByCode(ctx.catalog, code);
  const phrase = phraseOf(intent, line)?.trim();
  if (!store || !i || !phrase || /[\d０-９]/u.test(phrase) || [...phrase].length < 2 || [...phrase].length > 30) return;
  const named = ctx.catalog.indicators.some((x) => [x.name, ...x.aliases].some((n) => fold(n) === fold(phrase)));
  if (named) return;
  await store.suggest({ indicatorId: i.id, alias: phrase, memberId: ctx.member.id, source: ctx.msg.text, at: ctx.deps.now() });
}

function phraseOf(intent: Intent, line: number | undefined): string | undefined {
  if (intent.type === "submission") return line === undefined ? undefined : intent.lines[line]?.ref.phrase;
  return "ref" in intent ? intent.ref.phrase : undefined;
}

/** The note on an admin's reply when members' phrasings wait as alias suggestions (said once). */
export async function aliasNote(ctx: TurnContext): Promise<string | undefined> {
  const store = ctx.deps.aliasSuggestions;
  if (!store || ctx.member.role !== "admin" || ctx.intent?.type === "aliases") return undefined;
  const count = await store.takeUnnoted(ctx.deps.now());
  return count > 0 ? `💡 有 ${count} 条新的别名建议，发送「别名建议」查看。` : undefined;
}
