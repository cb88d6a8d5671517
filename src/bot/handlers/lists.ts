// Many indicators at once: 总体进度, a unit's, one's own unit's, a section's.
import { indicatorsUnder } from "../../catalog/catalog.js";
import type { IntentOf } from "../../nlu/intent.js";
import type { Handler } from "../context.js";
import * as render from "../render.js";

export const overview: Handler<IntentOf<"overview">> = async (ctx) => render.overviewReply(ctx.catalog, ctx.progress);

export const unit: Handler<IntentOf<"unit">> = async (ctx, intent) => {
  const u = ctx.catalog.units.find((x) => x.name === intent.unit);
  if (!u) return `没有找到单位“${intent.unit}”。`;
  return render.listReply(`${u.name}牵头的指标`, ctx.catalog.indicators.filter((i) => i.unitId === u.id), ctx.progress);
};

export const mine: Handler<IntentOf<"mine">> = async ({ member, catalog, progress }) => {
  if (!member.unitId) return "您还没有绑定单位，请发送具体指标名称查询，例如「城镇新增就业进度多少」。";
  return render.listReply(`${member.unitName}牵头的指标`, catalog.indicators.filter((i) => i.unitId === member.unitId), progress);
};

export const section: Handler<IntentOf<"section">> = async (ctx, intent) => {
  const s = ctx.catalog.sections.find((x) => x.code === intent.section);
  if (!s) return "没有找到这个板块。";
  return render.listReply(`${s.label}${s.title}`, indicatorsUnder(ctx.catalog, s.code), ctx.progress);
};
