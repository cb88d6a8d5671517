// 2468人 / 又完成了30个: a figure with no indicator named. The reporter's own unit's indicators
// that could hold it are offered, numbered, likeliest first; the number picked stores it through
// the usual checks (the choose pending carries the report).
import type { CatalogIndicator } from "../../catalog/catalog.js";
import type { IntentOf, SubmissionLine } from "../../nlu/intent.js";
import type { Handler, TurnContext } from "../context.js";
import { draftChanges } from "../submission.js";
import { askChoice } from "./common.js";

const MAX_OPTIONS = 5;

export const bare: Handler<IntentOf<"bare">> = async (ctx, intent) => {
  const example = `请写明指标名称，例如：城镇新增就业 ${intent.raw.replace(/^[^\d]+/u, "")}`;
  if (ctx.member.role !== "reporter" || ctx.member.unitId === null) return `“${intent.raw}”没有写是哪个指标。${example}`;
  const ranked = candidates(ctx, intent);
  if (ranked.length === 0) return `“${intent.raw}”没有写是哪个指标，本单位也没有按这个单位填报的指标。${example}`;
  const line: SubmissionLine = { raw: intent.raw, ref: { codes: ranked.map((i) => i.code), phrase: intent.raw }, op: intent.op, quantity: intent.quantity };
  await askChoice(ctx, ranked, { type: "submission", lines: [line], problems: [] }, 0);
  const lines = [`“${intent.raw}”是哪个指标的数字？请回复序号：`];
  ranked.forEach((i, n) => lines.push(`${n + 1}. ${i.name}（${i.unit}）`));
  return lines.join("\n");
};

/**
 * The unit's indicators the figure fits, likeliest first: its measure word must fit (2468人 is no
 * 个), then figures that need no 确认, then those whose size is nearest the indicator's own.
 */
function candidates(ctx: TurnContext, intent: IntentOf<"bare">): CatalogIndicator[] {
  const own = ctx.catalog.indicators.filter((i) => i.unitId === ctx.member.unitId);
  const scored = own.flatMap((i) => {
    const line: SubmissionLine = { raw: intent.raw, ref: { codes: [i.code], phrase: i.name }, op: intent.op, quantity: intent.quantity };
    const plan = draftChanges([line], ctx.member, ctx.catalog);
    if (!plan.ok) return [];
    const c = plan.changes[0]!;
    if (c.op === "note" || c.newValue === null) return [];
    const reference = i.target ?? i.value ?? c.newValue;
    const distance = Math.abs(Math.log10(Math.max(c.newValue, 1e-9)) - Math.log10(Math.max(reference, 1e-9)));
    const unitWritten = intent.quantity.unit !== "" && i.unit.endsWith(intent.quantity.unit) ? 0 : 1;
    return [{ i, key: [unitWritten, c.warnings.length, distance] }];
  });
  scored.sort((a, b) => a.key[0]! - b.key[0]! || a.key[1]! - b.key[1]! || a.key[2]! - b.key[2]!);
  return scored.slice(0, MAX_OPTIONS).map((s) => s.i);
}
