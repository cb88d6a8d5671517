// 落后指标图: the laggards as a bar chart image.
import { laggardsOf } from "../../domain/presentation.js";
import type { IntentOf } from "../../nlu/intent.js";
import type { Handler } from "../context.js";

export const chart: Handler<IntentOf<"chart">> = async ({ deps, catalog, progress }) => {
  const lag = laggardsOf(catalog.indicators, progress).length;
  if (!lag) return `截至 ${progress.date}，没有落后于时序进度的指标。`;
  const text = `落后指标图（截至 ${progress.date}，${lag} 项落后于时序进度）`;
  if (!deps.documents) return text;
  return { text, image: { name: `落后指标-${progress.date}.png`, png: deps.documents.laggardsChart(catalog, progress) } };
};
