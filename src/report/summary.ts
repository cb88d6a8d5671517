// The leaders' summary (本月进度摘要): how many indicators are ahead, behind, met; the five
// largest gaps; and what changed since the end of last month. Pure.
import type { Catalog, CatalogIndicator } from "../catalog/catalog.js";
import { largestGaps, quantity } from "../domain/presentation.js";
import { formatPct } from "../domain/numbers.js";
import { scheduleShare } from "../domain/schedule.js";
import { tally, type ProgressContext } from "../domain/status.js";

export function monthSummary(now: Catalog, monthStart: Catalog, ctx: ProgressContext, since: string): string {
  const t = tally(now.indicators, ctx);
  const lines = [
    `【本月进度摘要】截至 ${ctx.date}，时序进度 ${formatPct(scheduleShare(ctx.date, ctx.planYear, ctx.basis) * 100)}`,
    `有年度目标的 ${t.paced} 项：超前 ${t.ahead} 项，持平 ${t.on} 项，落后 ${t.behind} 项；约束性指标 ${t.constraints} 项：达标 ${t.met} 项，未达标 ${t.unmet} 项。`,
  ];
  const worst = largestGaps(now, ctx);
  if (worst.length) lines.push("差距最大的指标：", ...worst);
  const changed = now.indicators
    .map((i) => ({ i, before: monthStart.indicators.find((x) => x.id === i.id) }))
    .filter((x): x is { i: CatalogIndicator; before: CatalogIndicator } => !!x.before && x.before.value !== x.i.value && x.i.kind !== "figure");
  lines.push(changed.length ? `自 ${since} 以来 ${changed.length} 项指标有更新：` : `自 ${since} 以来暂无指标更新。`);
  for (const { i, before } of changed.slice(0, 10)) lines.push(`- ${i.name}：${quantity(before.value, i.unit)} → ${quantity(i.value, i.unit)}`);
  if (changed.length > 10) lines.push(`……等 ${changed.length} 项`);
  return lines.join("\n");
}
