// Runs the reminders that are due: plan them, claim each (recipient, kind, period) in the log
// before sending, send in a small pool so one slow recipient never holds up the batch, record
// the outcome, and tell the admins about what could not be delivered.
import type { Catalog } from "../catalog/catalog.js";
import type { Log } from "../channels/log.js";
import type { ProgressContext } from "../domain/status.js";
import type { ScheduleBasis } from "../domain/schedule.js";
import type { MemberStore } from "../store/member-store.js";
import type { PlanStore } from "../store/plan-store.js";
import type { ReminderStore } from "../store/reminder-store.js";
import { WorkCalendar } from "./calendar.js";
import { dueReminders, inQuietHours, shanghaiMoment, type Due, type Moment } from "./due.js";
import { failureReport } from "./messages.js";
import { planReminders, type Audience, type Outgoing, type ReminderPlan } from "./plan.js";
import type { Deliver } from "./sinks.js";

export interface RunnerDeps {
  store: ReminderStore;
  plans: PlanStore;
  members: MemberStore;
  deliver: Deliver;
  admins: string[];
  robotUnits: string[];
  basis: ScheduleBasis;
  log: Log;
  concurrency?: number;
}

export interface RunResult {
  moment: Moment;
  due: Due[];
  quiet: boolean;
  sent: Outgoing[];
  logged: Outgoing[];
  failed: { outgoing: Outgoing; error: string }[];
  /** already sent (or being sent) by an earlier run or another instance */
  skipped: Outgoing[];
  notes: string[];
}

export class ReminderRunner {
  /** (kind, period) pairs this process has finished: later ticks of the period skip them */
  private readonly done = new Set<string>();

  constructor(private readonly deps: RunnerDeps) {}

  /** The moment at an instant of the app's clock; a date asked for is a whole day (23:59). */
  moment(at: Date, date?: string): Moment {
    // a date asked for is a whole day: everything due on it counts, as a dry run of that day expects
    return date ? { date, time: "23:59" } : shanghaiMoment(at);
  }

  /** What would be sent at this moment, without claiming or sending anything. */
  async preview(moment: Moment, skipDone = false): Promise<{ due: Due[]; plan: ReminderPlan; admins: string[] }> {
    const settings = await this.deps.store.settings();
    const due = dueReminders(moment, settings, new WorkCalendar(await this.deps.store.calendarDays())).filter((d) => !skipDone || !this.done.has(doneKey(d)));
    if (due.length === 0) return { due, plan: { outgoing: [], notes: [] }, admins: [] };
    const catalog = await this.deps.plans.catalog();
    const audience = await this.audience(catalog);
    return { due, plan: planReminders(due, catalog, audience, this.context(catalog, moment)), admins: audience.admins };
  }

  /**
   * Sends what is due and not sent yet; run every minute by the scheduler, and at start-up.
   * `manual` (duban remind --now) is an admin's decision to send now, quiet hours or not.
   */
  async run(moment: Moment, now: Date, manual = false): Promise<RunResult> {
    const settings = await this.deps.store.settings();
    const result: RunResult = { moment, due: [], quiet: false, sent: [], logged: [], failed: [], skipped: [], notes: [] };
    if (!manual && inQuietHours(moment.time, settings)) return { ...result, quiet: true };
    const { due, plan, admins } = await this.preview(moment, true);
    Object.assign(result, { due, notes: plan.notes });
    await pool(plan.outgoing, this.deps.concurrency ?? 8, (o) => this.sendOnce(o, now, result));
    if (result.failed.length) await this.reportFailures(result, admins, now);
    for (const d of due) this.done.add(doneKey(d));
    if (plan.outgoing.length) this.deps.log.info({ due: due.map((d) => `${d.kind}:${d.period}`), sent: result.sent.length, logged: result.logged.length, failed: result.failed.length, skipped: result.skipped.length }, "reminders run");
    return result;
  }

  private async sendOnce(o: Outgoing, now: Date, result: RunResult): Promise<void> {
    const key = { recipient: o.recipient, kind: o.kind, period: o.period };
    if (!(await this.deps.store.claim(key, o.unit, o.text, now))) {
      result.skipped.push(o);
      return;
    }
    try {
      const how = await this.deps.deliver(o);
      await this.deps.store.finish(key, { status: how, attempts: 1 }, now);
      (how === "sent" ? result.sent : result.logged).push(o);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      await this.deps.store.finish(key, { status: "failed", attempts: 1, error }, now);
      this.deps.log.error({ recipient: o.recipient, kind: o.kind, period: o.period, err: error }, "reminder not delivered after retries");
      result.failed.push({ outgoing: o, error });
    }
  }

  /** One report per period to each admin; a failure to report is only logged. */
  private async reportFailures(result: RunResult, admins: string[], now: Date): Promise<void> {
    const byPeriod = new Map<string, RunResult["failed"]>();
    for (const f of result.failed) byPeriod.set(f.outgoing.period, [...(byPeriod.get(f.outgoing.period) ?? []), f]);
    for (const [period, failed] of byPeriod) {
      const text = failureReport(failed.map((f) => ({ recipient: f.outgoing.recipient, kind: f.outgoing.kind, error: f.error })), period);
      const failedAdmins = new Set(failed.map((f) => f.outgoing.recipient));
      for (const admin of admins.filter((a) => !failedAdmins.has(a))) {
        const o: Outgoing = { recipient: admin, kind: "failures", period, unit: null, text };
        await this.sendOnce(o, now, { ...result, failed: [] });
      }
    }
  }

  private async audience(catalog: Catalog): Promise<Audience> {
    const members = await this.deps.members.list();
    const reporters = new Map<string, string[]>();
    for (const m of members) {
      if (m.role !== "reporter" || !m.unitName) continue;
      reporters.set(m.unitName, [...(reporters.get(m.unitName) ?? []), m.id]);
    }
    const admins = [...new Set([...this.deps.admins, ...members.filter((m) => m.role === "admin").map((m) => m.id)])];
    const units = new Set(catalog.units.map((u) => u.name));
    return { reporters, admins, robots: new Set(this.deps.robotUnits.filter((u) => units.has(u))), mutes: await this.deps.store.mutes() };
  }

  private context(catalog: Catalog, moment: Moment): ProgressContext {
    return { date: moment.date, planYear: catalog.year, basis: this.deps.basis };
  }
}

function doneKey(d: Due): string {
  return `${d.kind}:${d.period}`;
}

/** Runs `fn` over items with at most `size` at a time. */
async function pool<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}
