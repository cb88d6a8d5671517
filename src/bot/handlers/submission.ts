// 「城镇新增就业 2400 人」: figures and progress texts a unit reports. Applied at once when they
// look right; held for 确认 when something looks wrong or the model read them.
import { indicatorByCode } from "../../catalog/catalog.js";
import type { IntentOf } from "../../nlu/intent.js";
import type { Handler, Reply } from "../context.js";
import type { DraftChange } from "../pending.js";
import { can } from "../permissions.js";
import * as render from "../render.js";
import { changeLine, draftChanges, problemMessage, readFromProse } from "../submission.js";
import { applyPlanned, askChoice, hold, indicatorsOf } from "./common.js";

export const submission: Handler<IntentOf<"submission">> = async (ctx, intent) => {
  if (!intent.questions?.length) return report(ctx, intent);
  // the report's clauses are stored (or refused) as ever; the question clauses are answered after
  const answers: string[] = [];
  if (intent.lines.length || intent.problems.length) answers.push(await replyText(report(ctx, { ...intent, questions: [] })));
  for (const ref of intent.questions) answers.push(await replyText(ctx.dispatch({ type: "query", ref })));
  return answers.join("\n\n");
};

async function replyText(reply: Promise<string | Reply>): Promise<string> {
  const r = await reply;
  return typeof r === "string" ? r : r.text;
}

const report: Handler<IntentOf<"submission">> = async (ctx, intent) => {
  const { member, catalog, deps } = ctx;
  if (intent.problems.length) return `${intent.problems.map((p) => problemMessage(p, catalog)).join("\n")}\n本条消息未做任何修改。`;
  const ambiguous = intent.lines.findIndex((l) => l.ref.codes.length > 1);
  if (ambiguous >= 0) {
    const line = intent.lines[ambiguous]!;
    const options = indicatorsOf(ctx, line.ref.codes);
    await askChoice(ctx, options, intent, ambiguous);
    return render.choiceReply(line.ref.phrase, options);
  }
  if (!can(member, "submit")) return `您是只读用户，只能查询，不能填报。如需填报，请把您的编号 ${member.id} 发给${deps.config.adminContact}，由管理员发送「绑定 ${member.id} 您的单位」。`;
  const plan = draftChanges(intent.lines, member, catalog);
  if (!plan.ok) return plan.message;
  const same = plan.changes.filter((c) => c.op !== "note" && c.newValue === c.seenOld);
  if (same.length === plan.changes.length) return `${same.map((c) => indicatorByCode(catalog, c.code)!.name).join("、")}与当前数值相同，无需更新。`;
  // a figure the model read is always shown back first: the rules vouch for their own only
  if (intent.viaModel) for (const c of plan.changes) c.warnings.push("由智能理解得出，请核对");
  for (const line of intent.lines.filter(readFromProse)) {
    plan.changes.find((c) => c.code === line.ref.codes[0])?.warnings.push("从一段文字中读出，请核对");
  }
  // 老人 6: a name only guessed from a likeness or a generic word is shown back, never stored at once
  for (const line of intent.lines.filter((l) => l.ref.guess)) {
    plan.changes.find((c) => c.code === line.ref.codes[0])?.warnings.push(`按“${line.ref.phrase}”推测为该指标，请核对`);
  }
  if (!plan.changes.some((c) => c.warnings.length)) return applyPlanned(ctx, plan.changes, ctx.msg.text);
  await hold(ctx, { kind: "confirm", changes: plan.changes, source: ctx.msg.text });
  const describe = (c: DraftChange) => changeLine(c, indicatorByCode(catalog, c.code)!);
  const lines = plan.changes.map((c) => `- ${describe(c)}${c.warnings.length ? `　⚠️ ${c.warnings.join("，")}` : ""}`);
  return ["以下修改需要您确认：", ...lines, "请核对后回复「确认」执行，或回复「取消」放弃。"].join("\n");
};
