// 「哪些指标落后了」, for everything or for one unit or section.
import { indicatorsUnder, type Catalog } from "../../catalog/catalog.js";
import type { IntentOf } from "../../nlu/intent.js";
import type { Handler } from "../context.js";
import * as render from "../render.js";

type Scope = { unit?: string; section?: string };

export const laggards: Handler<IntentOf<"laggards">> = async (ctx, intent) =>
  render.laggardsReply(narrowed(ctx.catalog, intent), ctx.progress, scopeName(ctx.catalog, intent), intent.limit);

/** The catalogue limited to one unit's or one section's indicators, when the question names one. */
export function narrowed(catalog: Catalog, scope: Scope): Catalog {
  if (scope.unit) {
    const unit = catalog.units.find((u) => u.name === scope.unit);
    return { ...catalog, indicators: catalog.indicators.filter((i) => i.unitId === unit?.id) };
  }
  if (scope.section) return { ...catalog, indicators: indicatorsUnder(catalog, scope.section) };
  return catalog;
}

/** 市人社局 / (三)保障重点群体就业, or "" for the whole plan. */
export function scopeName(catalog: Catalog, scope: Scope): string {
  if (scope.unit) return scope.unit;
  const s = catalog.sections.find((x) => x.code === scope.section);
  return s ? `${s.label}${s.title}` : "";
}
