// 撤销: takes back the member's last report, unless someone changed those indicators since.
// (撤销 while a change waits for 确认 cancels that change instead: see steps.ts.)
import { indicatorByCode } from "../../catalog/catalog.js";
import { quantity } from "../../domain/presentation.js";
import type { IntentOf } from "../../nlu/intent.js";
import type { Handler } from "../context.js";
import * as render from "../render.js";
import { changeContext } from "./common.js";

export const undo: Handler<IntentOf<"undo">> = async (ctx) => {
  const { plans, members, config } = ctx.deps;
  const batch = await plans.lastBatch(ctx.member.id);
  if (batch.length === 0) return "没有可以撤销的填报。";
  const result = await plans.undo(batch[0]!.batchId!, changeContext(ctx));
  if (!result.ok) {
    const i = indicatorByCode(ctx.catalog, result.code);
    const by = result.by === null ? "导入或系统" : render.personName(await members.identify(result.by, config), result.by === ctx.member.id);
    return `无法撤销：“${i?.name ?? result.code}”在您这次填报之后已被${by}修改过。如需更正，请直接发送正确的数字。`;
  }
  const lines = result.changes.map((a) => {
    const i = indicatorByCode(ctx.catalog, a.code)!;
    return a.oldValue === a.newValue && a.oldText !== a.newText
      ? `- ${i.name}：进展已恢复为“${a.newText ?? "（无）"}”`
      : `- ${i.name}：${quantity(a.oldValue, i.unit)} → ${quantity(a.newValue, i.unit)}`;
  });
  return ["↩️ 已撤销您上一次的填报：", ...lines].join("\n");
};
