// The answers to what the bot asked: 确认 a held change, 取消 it, or pick a numbered option.
import type { Intent, IntentOf } from "../../nlu/intent.js";
import { NothingHeld } from "../../store/plan-store.js";
import type { Handler, TurnContext } from "../context.js";
import { recordTally } from "./bulletin.js";
import { Pending } from "../pending.js";
import { can } from "../permissions.js";
import { offerAlias } from "./aliases.js";
import { applyPlanned, hold, indicatorsOf, NOTHING_HELD } from "./common.js";

export const confirm: Handler<IntentOf<"confirm">> = async (ctx) => {
  const { members, now } = ctx.deps;
  const held = await members.peekPending(ctx.member.id, now(), Pending);
  const pending = held?.payload;
  if (pending?.kind === "tally") return confirmTally(ctx, pending);
  if (!held || pending?.kind !== "confirm") return NOTHING_HELD;
  // permissions are checked again: the member's role may have changed since
  for (const c of pending.changes) {
    const [i] = indicatorsOf(ctx, [c.code]);
    const refusal = !i ? "指标已不存在，操作已取消。" : !can(ctx.member, "submit", i) ? "您已无权修改该指标，操作已取消。" : undefined;
    if (refusal) {
      await members.clearPending(ctx.member.id, now(), Pending);
      return refusal;
    }
  }
  try {
    return await applyPlanned(ctx, pending.changes, pending.source, { memberId: ctx.member.id, expiresAt: held.expiresAt });
  } catch (e) {
    if (e instanceof NothingHeld) return NOTHING_HELD;
    throw e;
  }
};

/** Counts smaller than before, recorded now that the member confirmed them. */
async function confirmTally(ctx: TurnContext, held: Extract<Pending, { kind: "tally" }>): Promise<string> {
  const store = ctx.deps.bulletins;
  const taken = await ctx.deps.members.takePending(ctx.member.id, ctx.deps.now(), Pending);
  if (!store || taken?.kind !== "tally") return NOTHING_HELD;
  if (!can(ctx.member, "contribute")) return "您已无权报送专报内容，操作已取消。";
  return recordTally(ctx, store, held.tally, held.entries, held.source);
}

export const cancel: Handler<IntentOf<"cancel">> = async (ctx) => {
  const had = await ctx.deps.members.takePending(ctx.member.id, ctx.deps.now(), Pending);
  return had ? "已取消，没有做任何修改。" : NOTHING_HELD;
};

/** the most options a numbered choice offers (IndicatorRef.codes) */
const MAX_OPTIONS = 8;

export const choose: Handler<IntentOf<"choose">> = async (ctx, intent) => {
  const pending = await ctx.deps.members.takePending(ctx.member.id, ctx.deps.now(), Pending);
  if (pending?.kind !== "choose") {
    // a reporter's 12 with nothing to choose from is a figure sent alone: ask which indicator;
    // 1 to 8 may answer a choice that expired, so they are told there is none
    if (intent.index > MAX_OPTIONS && can(ctx.member, "submit")) return ctx.dispatch({ type: "bare", raw: String(intent.index), op: "set", quantity: { number: intent.index, magnitude: "", unit: "", percent: false } });
    return "当前没有需要选择的选项。请直接发送指标名称，例如「城镇新增就业进度多少」。";
  }
  const code = pending.codes[intent.index - 1];
  if (!code) {
    await hold(ctx, pending);
    return `请回复 1 到 ${pending.codes.length} 之间的序号。`;
  }
  await offerAlias(ctx, pending.intent, pending.line, code);
  return ctx.dispatch(withChosen(pending.intent, code, pending.line));
};

/** The same intent with the ambiguous indicator replaced by the one chosen. */
function withChosen(intent: Intent, code: string, line?: number): Intent {
  if (intent.type === "submission" && line !== undefined) {
    const lines = intent.lines.map((l, n) => (n === line ? { ...l, ref: { ...l.ref, codes: [code] } } : l));
    return { ...intent, lines };
  }
  if ("ref" in intent) return { ...intent, ref: { ...intent.ref, codes: [code] } };
  return intent;
}
