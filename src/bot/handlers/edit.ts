// 设置牵头单位 / 设置期限 / 添加别名 (admins): the catalogue edited by message.
import type { CatalogIndicator } from "../../catalog/catalog.js";
import { deadlineYearError, parseChineseDate } from "../../domain/schedule.js";
import type { IntentOf } from "../../nlu/intent.js";
import type { Handler, TurnContext } from "../context.js";
import { can } from "../permissions.js";
import { changeContext, withIndicator } from "./common.js";

export const edit: Handler<IntentOf<"edit">> = async (ctx, intent) => {
  if (!can(ctx.member, "edit")) return "只有管理员可以修改指标的牵头单位、期限和别名。";
  return withIndicator(ctx, intent, intent.ref.codes, (i) => editIndicator(ctx, i, intent));
};

async function editIndicator(ctx: TurnContext, i: CatalogIndicator, intent: IntentOf<"edit">): Promise<string> {
  const { plans, members } = ctx.deps;
  const change = changeContext(ctx);
  if (intent.field === "owner") {
    const unit = await members.findUnit(intent.value);
    if (!unit) return `没有找到单位“${intent.value}”。可用单位：${ctx.catalog.units.map((u) => u.name).join("、")}`;
    await plans.edit(i.id, { field: "owner", unitId: unit.id }, change);
    return `已把“${i.name}”的牵头单位由${i.owner}改为${unit.name}。`;
  }
  if (intent.field === "deadline") {
    const date = parseChineseDate(intent.value, ctx.catalog.year);
    if (!date) return `“${intent.value}”不是日期，请写成：设置期限 ${i.name} 5月31日`;
    const outside = deadlineYearError(date, ctx.catalog.year);
    if (outside) return outside;
    await plans.edit(i.id, { field: "deadline", date }, change);
    return `已把“${i.name}”的完成期限设为 ${date}，时序进度按该期限计算。`;
  }
  if (intent.field === "unalias") {
    if (!i.aliases.includes(intent.value)) return `“${i.name}”没有别名“${intent.value}”。现有别名：${i.aliases.join("、") || "（无）"}`;
    await plans.edit(i.id, { field: "unalias", alias: intent.value }, change);
    return `已删除“${i.name}”的别名“${intent.value}”。`;
  }
  if (intent.value.length < 2 || intent.value.length > 30) return "别名应为 2 到 30 个字。";
  await plans.edit(i.id, { field: "alias", alias: intent.value }, change);
  return `已为“${i.name}”添加别名“${intent.value}”。`;
}
