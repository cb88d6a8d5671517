// 不对，应该是590 / 应为590人: a figure corrected. While a change waits for 确认 it replaces the
// held figure (checked again); otherwise it corrects the member's own last report when it is
// recent; else the bot asks which indicator is meant.
import { indicatorByCode } from "../../catalog/catalog.js";
import { addExact, toIndicatorUnit } from "../../domain/numbers.js";
import { warningsFor } from "../../domain/plausibility.js";
import { quantity } from "../../domain/presentation.js";
import type { IntentOf, SubmissionLine } from "../../nlu/intent.js";
import type { Handler, TurnContext } from "../context.js";
import { Pending, type DraftChange, type HeldChange } from "../pending.js";
import { changeLine, draftChanges } from "../submission.js";
import * as render from "../render.js";
import { applyPlanned, hold, indicatorsOf } from "./common.js";

function quantityText(q: IntentOf<"correct">["quantity"]): string {
  return `${q.number}${q.magnitude}${q.percent ? "%" : q.unit}`;
}

/** How long after a report a bare correction still means it. */
const CORRECTION_WINDOW_MS = 30 * 60 * 1000;
const ASK_WHICH = "请问要更正哪个指标？请写成：指标名称 正确数字，例如：城镇新增就业 590 人";

export const correct: Handler<IntentOf<"correct">> = async (ctx, intent) => {
  const { members, now } = ctx.deps;
  const held = await members.peekPending(ctx.member.id, now(), Pending);
  if (held?.payload.kind === "confirm") return correctHeld(ctx, intent, held.payload, held.expiresAt);
  // 2468人 → "which indicator?" → 不对，应该是2486: the figure waiting for its indicator is the one meant
  if (held?.payload.kind === "choose") {
    const { payload } = held;
    const { intent: waiting, line } = payload;
    if (waiting.type === "submission" && line !== undefined && waiting.lines[line]?.quantity) {
      const lines = waiting.lines.map((l, n) => (n === line ? { ...l, quantity: intent.quantity } : l));
      await hold(ctx, { ...payload, intent: { ...waiting, lines } });
      return `已改为 ${quantityText(intent.quantity)}。${render.choiceReply(waiting.lines[line].ref.phrase, indicatorsOf(ctx, payload.codes))}`;
    }
  }
  // a numbered choice left open is answered by no figure: it is dropped
  await members.clearPending(ctx.member.id, now(), Pending);
  return correctLast(ctx, intent);
};

/** The held figure replaced: applied when it now looks right, held again with the reason when not. */
async function correctHeld(ctx: TurnContext, intent: IntentOf<"correct">, held: HeldChange, expiresAt: Date): Promise<string> {
  const figures = held.changes.filter((c) => c.op !== "note");
  const target = figures[0];
  if (figures.length !== 1 || !target) return `待确认的修改有${held.changes.length}项，请写明要更正的指标和数字，例如：城镇新增就业 590 人`;
  const line: SubmissionLine = { raw: ctx.msg.text, ref: { codes: [target.code], phrase: target.code }, op: target.op, quantity: intent.quantity };
  const plan = draftChanges([line], ctx.member, ctx.catalog);
  if (!plan.ok) return plan.message.replace("本条消息未做任何修改。", "原待确认的修改仍保留，可回复「确认」或「取消」。");
  const changes = held.changes.map((c) => (c === target ? plan.changes[0]! : c));
  if (!changes.some((c) => c.warnings.length)) return applyPlanned(ctx, changes, held.source, { memberId: ctx.member.id, expiresAt });
  await hold(ctx, { kind: "confirm", changes, source: held.source });
  return confirmText(ctx, changes);
}

function confirmText(ctx: TurnContext, changes: DraftChange[]): string {
  const lines = changes.map((c) => `- ${changeLine(c, indicatorByCode(ctx.catalog, c.code)!)}${c.warnings.length ? `　⚠️ ${c.warnings.join("，")}` : ""}`);
  return ["已按更正后的数字重新核对，以下修改需要您确认：", ...lines, "请核对后回复「确认」执行，或回复「取消」放弃。"].join("\n");
}

/** The member's own last report, if it was one figure and recent: its figure replaced. */
async function correctLast(ctx: TurnContext, intent: IntentOf<"correct">): Promise<string> {
  const batch = await ctx.deps.plans.lastBatch(ctx.member.id);
  const last = batch.length === 1 ? batch[0] : undefined;
  if (!last || last.kind === "note" || ctx.deps.now().getTime() - last.createdAt.getTime() > CORRECTION_WINDOW_MS) return ASK_WHICH;
  const i = indicatorByCode(ctx.catalog, last.indicator.code);
  if (!i) return ASK_WHICH;
  const before = last.oldValue === null ? null : Number(last.oldValue.toString());
  const reported = last.newValue === null ? null : Number(last.newValue.toString());
  if (i.value !== reported) return `“${i.name}”在您上次填报之后已被修改过，无法直接更正。请写明：${i.name} 正确数字`;
  // checked as a report of that figure would have been (units, permission, percent)
  const line: SubmissionLine = { raw: ctx.msg.text, ref: { codes: [i.code], phrase: i.name }, op: "set", quantity: intent.quantity };
  const plan = draftChanges([line], ctx.member, ctx.catalog);
  if (!plan.ok) return plan.message;
  const amount = toIndicatorUnit(intent.quantity, i.unit);
  // an increment corrected is the amount added that was meant: 又完成30个 → 应该是25
  const newValue = last.kind === "set" || before === null ? amount : addExact(before, amount);
  if (newValue === reported) return `“${i.name}”已经是 ${quantity(newValue, i.unit)}，无需更正。`;
  const change: DraftChange = { ...plan.changes[0]!, op: "set", value: newValue, newValue, warnings: warningsFor({ ...i, value: before }, newValue) };
  if (change.warnings.length) {
    await hold(ctx, { kind: "confirm", changes: [change], source: ctx.msg.text });
    return confirmText(ctx, [change]);
  }
  const applied = await applyPlanned(ctx, [change], ctx.msg.text);
  return `已更正您刚才填报的“${i.name}”（${quantity(reported, i.unit)} → ${quantity(newValue, i.unit)}）。\n${applied}`;
}
