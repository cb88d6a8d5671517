// What to send to whom for the reminders that are due: per unit to its group robot or its
// reporters, and summaries to admins. Pure: the catalogue, the audience and the date are given.
import type { Catalog, CatalogIndicator } from "../catalog/catalog.js";
import { laggardsOf } from "../domain/presentation.js";
import type { ProgressContext } from "../domain/status.js";
import { startOfShanghaiDay } from "../shanghai.js";
import type { Due } from "./due.js";
import { adminDigest, escalation, fillReminder, unitDigest, type UnitLag } from "./messages.js";

export interface Outgoing {
  recipient: string;
  kind: string;
  period: string;
  unit: string | null;
  text: string;
  /** WeCom UserIds to @-mention when the recipient is a group robot */
  mentions?: string[];
}

export interface Audience {
  /** member ids of each unit's reporters */
  reporters: Map<string, string[]>;
  admins: string[];
  /** units whose group has a robot configured */
  robots: Set<string>;
  /** unit → muted through this date */
  mutes: Map<string, string>;
}

export interface Outbox {
  outgoing: Outgoing[];
  /** what was left out and why, for the dry run and the admins */
  notes: string[];
}

export function outboxFor(due: Due[], catalog: Catalog, audience: Audience, ctx: ProgressContext): Outbox {
  const plan: Outbox = { outgoing: [], notes: [] };
  for (const d of due) {
    if (d.kind === "digest") planDigest(plan, d.period, catalog, audience, ctx);
    else if (d.kind === "escalation") planEscalation(plan, d.period, catalog, audience);
    else planFill(plan, d.period, d.kind === "fill-final", catalog, audience, ctx);
  }
  return plan;
}

function byUnit(catalog: Catalog): Map<string, CatalogIndicator[]> {
  const out = new Map<string, CatalogIndicator[]>();
  for (const u of catalog.units) out.set(u.name, catalog.indicators.filter((i) => i.unitId === u.id));
  return out;
}

/** One message per unit: into its group through the robot, or to each of its reporters. */
function toUnit(plan: Outbox, unit: string, kind: string, period: string, text: string, audience: Audience, today: string) {
  const until = audience.mutes.get(unit);
  if (until && until >= today) {
    plan.notes.push(`${unit} 已暂停提醒至 ${until}，本次未发送。`);
    return;
  }
  const reporters = audience.reporters.get(unit) ?? [];
  if (audience.robots.has(unit)) {
    const mentions = reporters.filter((m) => m.startsWith("wecom:")).map((m) => m.slice("wecom:".length));
    plan.outgoing.push({ recipient: `robot:${unit}`, kind, period, unit, text, mentions });
    return;
  }
  if (reporters.length === 0) {
    plan.notes.push(`${unit} 没有绑定填报员，也没有配置群机器人，提醒无法送达。`);
    return;
  }
  for (const r of reporters) plan.outgoing.push({ recipient: r, kind, period, unit, text });
}

function toAdmins(plan: Outbox, kind: string, period: string, text: string, audience: Audience) {
  for (const a of audience.admins) plan.outgoing.push({ recipient: a, kind, period, unit: null, text });
}

function planDigest(plan: Outbox, period: string, catalog: Catalog, audience: Audience, ctx: ProgressContext) {
  const behind: UnitLag[] = [];
  for (const [unit, indicators] of byUnit(catalog)) {
    const lag = laggardsOf(indicators, ctx);
    if (lag.length === 0) continue; // units with nothing behind get nothing
    behind.push({ unit, lag });
    toUnit(plan, unit, "digest", period, unitDigest(unit, lag, ctx), audience, ctx.date);
  }
  const notes = [...plan.notes];
  toAdmins(plan, "digest-admin", period, adminDigest(behind, ctx, notes), audience);
}

/** Indicators a unit has not updated since the month began (figures go with their main item). */
function missingThisMonth(indicators: CatalogIndicator[], month: string): CatalogIndicator[] {
  const start = startOfShanghaiDay(`${month}-01`);
  return indicators.filter((i) => i.kind !== "figure" && (!i.updatedAt || i.updatedAt < start));
}

function planFill(plan: Outbox, month: string, final: boolean, catalog: Catalog, audience: Audience, ctx: ProgressContext) {
  for (const [unit, indicators] of byUnit(catalog)) {
    const missing = missingThisMonth(indicators, month);
    if (missing.length === 0) continue;
    toUnit(plan, unit, final ? "fill-final" : "fill", month, fillReminder(unit, missing, month, final), audience, ctx.date);
  }
}

function planEscalation(plan: Outbox, month: string, catalog: Catalog, audience: Audience) {
  const missing = [...byUnit(catalog)]
    .map(([unit, indicators]) => ({ unit, count: missingThisMonth(indicators, month).length }))
    .filter((x) => x.count > 0)
    .sort((a, b) => b.count - a.count);
  toAdmins(plan, "escalation", month, escalation(missing, month), audience);
}
