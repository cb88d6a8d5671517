// The leaders' summary (本月进度摘要): how many indicators are ahead, behind, met; the five
// largest gaps; and what changed since the end of last month. Pure.
import type { Catalog, CatalogIndicator } from "../catalog/catalog.js";
import { laggardsOf, quantity } from "../bot/render.js";
import { formatNumber, formatPct } from "../domain/numbers.js";
import { scheduleShare } from "../domain/schedule.js";
import { progressOf, type ProgressContext } from "../domain/status.js";

export function monthSummary(now: Catalog, monthStart: Catalog, ctx: ProgressContext, since: string): string {
  const all = now.indicators.map((i) => ({ i, p: progressOf(i, ctx) }));
  const paced = all.filter((x) => x.p.pace !== undefined);
  const count = (pace: string) => paced.filter((x) => x.p.pace === pace).length;
  const constraints = all.filter((x) => x.i.kind === "constraint");
  const lines = [
    `【本月进度摘要】截至 ${ctx.date}，时序进度 ${formatPct(scheduleShare(ctx.date, ctx.planYear, ctx.basis) * 100)}`,
    `有年度目标的 ${paced.length} 项：超前 ${count("ahead")} 项，持平 ${count("on")} 项，落后 ${count("behind")} 项；约束性指标 ${constraints.length} 项：达标 ${constraints.filter((x) => x.p.met === true).length} 项，未达标 ${constraints.filter((x) => x.p.met === false).length} 项。`,
  ];
  const lag = laggardsOf(now.indicators, ctx).slice(0, 5);
  if (lag.length) {
    lines.push("差距最大的指标：");
    lag.forEach(({ indicator: i, progress: p }, n) => lines.push(`${n + 1}. ${i.name} ${formatPct(p.completionPct!)}，落后 ${formatNumber(-p.gapPoints!, 2)} 个百分点（${i.owner}）`));
  }
  const changed = now.indicators
    .map((i) => ({ i, before: monthStart.indicators.find((x) => x.id === i.id) }))
    .filter((x): x is { i: CatalogIndicator; before: CatalogIndicator } => !!x.before && x.before.value !== x.i.value && x.i.kind !== "figure");
  lines.push(changed.length ? `自 ${since} 以来 ${changed.length} 项指标有更新：` : `自 ${since} 以来暂无指标更新。`);
  for (const { i, before } of changed.slice(0, 10)) lines.push(`- ${i.name}：${quantity(before.value, i.unit)} → ${quantity(i.value, i.unit)}`);
  if (changed.length > 10) lines.push(`……等 ${changed.length} 项`);
  return lines.join("\n");
}
