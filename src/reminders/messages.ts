// Reminder texts. Pure: the catalogue, the date and who is behind come in as arguments.
import type { CatalogIndicator } from "../catalog/catalog.js";
import { quantity, type Laggard as LaggardOf } from "../domain/presentation.js";
import { ceilTo, formatNumber, formatPct } from "../domain/numbers.js";
import type { ProgressContext } from "../domain/status.js";

type Laggard = LaggardOf<CatalogIndicator>;

/**
 * How to reply with a figure: the indicator and a placeholder. Never the target or the on-pace
 * figure: a reply is a figure the unit vouches for, and a number offered here gets sent back as is.
 */
export function reportExample(i: CatalogIndicator): string {
  return `${i.name} XX ${i.unit}（XX 为最新数字）`;
}

function lagLine(n: number, { indicator: i, progress: p }: Laggard): string {
  const short = p.shortfall ? `，还差 ${quantity(ceilTo(p.shortfall, i.decimals), i.unit)}` : "";
  return `${n}. ${i.name}：${formatNumber(i.value ?? 0)}/${quantity(i.target, i.unit)}，完成 ${formatPct(p.completionPct!)}，时序进度 ${formatPct(p.schedulePct!)}${short}`;
}

export function unitDigest(unit: string, lag: Laggard[], ctx: ProgressContext): string {
  return [
    `【督办提醒】${unit}：截至 ${ctx.date}，以下 ${lag.length} 项指标落后于时序进度：`,
    ...lag.map((l, n) => lagLine(n + 1, l)),
    `请抓紧推进并及时更新进度，直接回复：${reportExample(lag[0]!.indicator)}`,
  ].join("\n");
}

export interface UnitLag {
  unit: string;
  lag: Laggard[];
}

const ADMIN_DIGEST_UNITS = 20;

/** All units behind, the most behind first (number of indicators, then the largest gap). */
export function adminDigest(units: UnitLag[], ctx: ProgressContext, notes: string[]): string {
  const ranked = [...units].sort((a, b) => b.lag.length - a.lag.length || a.lag[0]!.progress.gapPoints! - b.lag[0]!.progress.gapPoints!);
  const lines = [`【督办周报】截至 ${ctx.date}，${ranked.length} 个单位有指标落后于时序进度：`];
  // a summary, not a list of everything: it must stay one or two chat messages
  ranked.slice(0, ADMIN_DIGEST_UNITS).forEach((u, n) => {
    const worst = u.lag[0]!;
    lines.push(`${n + 1}. ${u.unit}：${u.lag.length} 项，差距最大的是${worst.indicator.name}（落后 ${formatNumber(-worst.progress.gapPoints!, 2)} 个百分点）`);
  });
  if (ranked.length > ADMIN_DIGEST_UNITS) lines.push(`……另有 ${ranked.length - ADMIN_DIGEST_UNITS} 个单位，发送「哪些指标落后了」查看全部。`);
  if (ranked.length === 0) lines.splice(0, 1, `【督办周报】截至 ${ctx.date}，没有落后于时序进度的指标。`);
  if (notes.length) lines.push("", ...notes.slice(0, 10), ...(notes.length > 10 ? [`……等 ${notes.length} 条说明`] : []));
  return lines.join("\n");
}

export function fillReminder(unit: string, missing: CatalogIndicator[], month: string, final: boolean): string {
  const [y, m] = month.split("-");
  const head = final
    ? `【第二次提醒】${unit}：距${Number(m)}月底仅剩两个工作日，本月仍有 ${missing.length} 项指标未更新，请务必在月底前填报：`
    : `【填报提醒】${unit}：${y}年${Number(m)}月尚有 ${missing.length} 项指标未更新进度：`;
  const list = missing.slice(0, 20).map((i, n) => `${n + 1}. ${i.name}`);
  if (missing.length > 20) list.push(`……等 ${missing.length} 项`);
  return [head, ...list, `直接回复即可填报，例如：${reportExample(missing[0]!)}`].join("\n");
}

export function escalation(missing: { unit: string; count: number }[], month: string): string {
  const m = Number(month.slice(5, 7));
  if (missing.length === 0) return `【督办】${m}月各单位均已填报本月进度。`;
  return [
    `【督办】截至${m}月最后一个工作日，以下 ${missing.length} 个单位本月仍未填报：`,
    ...missing.map((x, n) => `${n + 1}. ${x.unit}（${x.count} 项未更新）`),
  ].join("\n");
}

export function failureReport(failed: { recipient: string; kind: string; error: string }[], period: string): string {
  return [
    `【督办】${period} 有 ${failed.length} 条提醒发送失败（已重试）：`,
    ...failed.map((f, n) => `${n + 1}. ${f.recipient}（${f.kind}）：${f.error}`),
    "请检查渠道配置或接收人账号。",
  ].join("\n");
}
