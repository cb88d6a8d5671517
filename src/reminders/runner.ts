// Runs the reminders that are due: plan them, claim each (recipient, kind, period) in the log
// before sending, under a lease renewed while sending, send in a small pool so one slow
// recipient never holds up the batch, record the outcome, retry failures on later ticks of
// the period with backoff, and tell the admins about what could not be delivered.
import { randomUUID } from "node:crypto";
import type { Catalog } from "../catalog/catalog.js";
import type { Log } from "../log.js";
import type { ProgressContext } from "../domain/status.js";
import type { ScheduleBasis } from "../domain/schedule.js";
import type { MemberStore } from "../store/member-store.js";
import type { PlanStore } from "../store/plan-store.js";
import { DEFAULT_RETRY_POLICY, FAILURES_KIND, type Claim, type LogEntry, type Outcome, type ReminderStore, type RetryPolicy } from "../store/reminder-store.js";
import { WorkCalendar, isoWeek } from "./calendar.js";
import { dueReminders, inQuietHours, shanghaiMoment, type Due, type Moment } from "./due.js";
import { failureReport } from "./messages.js";
import { outboxFor, type Audience, type Outgoing, type Outbox } from "./outbox.js";
import { DeliveryError, type Deliver } from "./sinks.js";

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
  /** leases and retries (tests shorten them) */
  retry?: Partial<RetryPolicy>;
}

export interface RunResult {
  moment: Moment;
  due: Due[];
  quiet: boolean;
  sent: Outgoing[];
  logged: Outgoing[];
  /** given up on: attempts used up, or the answer lost twice */
  failed: { outgoing: Outgoing; error: string }[];
  /** failed this time, tried again on a later tick */
  retrying: { outgoing: Outgoing; error: string; ambiguous: boolean }[];
  /** already sent (or being sent) by an earlier run or another instance */
  skipped: Outgoing[];
  notes: string[];
}

/** The tick's time, running on; `tick` is when it started. */
type Clock = (() => Date) & { tick: Date };

/** Failed sends older than this are not reported any more (an upgrade finding old rows). */
const REPORT_WITHIN_MS = 31 * 86_400_000;

export class ReminderRunner {
  /** (kind, period) pairs this process has finished: later ticks of the period skip them */
  private readonly done = new Set<string>();
  /** this runner's name on the claims it holds */
  readonly holder = randomUUID();
  private readonly policy: RetryPolicy;

  constructor(private readonly deps: RunnerDeps) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...deps.retry };
  }

  /** The moment at an instant of the app's clock; a date asked for is a whole day (23:59). */
  moment(at: Date, date?: string): Moment {
    // a date asked for is a whole day: everything due on it counts, as a dry run of that day expects
    return date ? { date, time: "23:59" } : shanghaiMoment(at);
  }

  /** What would be sent at this moment, without claiming or sending anything. */
  async preview(moment: Moment, skipDone = false): Promise<{ due: Due[]; outbox: Outbox; admins: string[] }> {
    const settings = await this.deps.store.settings();
    const due = dueReminders(moment, settings, new WorkCalendar(await this.deps.store.calendarDays())).filter((d) => !skipDone || !this.done.has(doneKey(d)));
    if (due.length === 0) return { due, outbox: { outgoing: [], notes: [] }, admins: [] };
    const catalog = await this.deps.plans.catalog();
    const audience = await this.audience(catalog);
    return { due, outbox: outboxFor(due, catalog, audience, this.context(catalog, moment)), admins: audience.admins };
  }

  /**
   * Sends what is due and not sent yet, tries again what failed on an earlier tick of the
   * period once its backoff is over, takes over claims whose holder died, and reports to the
   * admins what could not be delivered. Run every minute by the scheduler, and at start-up.
   * `manual` (duban remind --now) is an admin's decision to send now, quiet hours or not.
   */
  async run(moment: Moment, now: Date, manual = false): Promise<RunResult> {
    // a tick may last minutes (many recipients, slow answers): leases run on from `now` by the
    // time that has passed, or a claim made late in the tick would be born expired
    const started = Date.now();
    const settings = await this.deps.store.settings();
    const result: RunResult = { moment, due: [], quiet: false, sent: [], logged: [], failed: [], retrying: [], skipped: [], notes: [] };
    if (!manual && inQuietHours(moment.time, settings)) return { ...result, quiet: true };
    const store = this.deps.store;
    // the moment's periods, and the clock's: `remind --now --date` of another day gives up nothing
    const periods = [...new Set([...currentPeriods(moment), ...currentPeriods(shanghaiMoment(now))])];
    const clock: Clock = Object.assign(() => new Date(now.getTime() + Date.now() - started), { tick: now });
    await store.expire(now, periods);
    const { due, outbox } = await this.preview(moment, true);
    Object.assign(result, { due, notes: outbox.notes });
    const size = this.deps.concurrency ?? 8;
    await pool(outbox.outgoing, size, (o) => this.attempt(o, (at) => store.claim({ ...o, body: o.text }, this.holder, at, this.policy), clock, result));
    const again = await store.due(clock(), periods);
    await pool(again, size, (row) => this.attempt(outgoingOf(row), (at) => store.take(row.id, this.holder, at, this.policy), clock, result));
    await this.reportFailures(clock, result);
    for (const d of due) this.done.add(doneKey(d));
    if (outbox.outgoing.length || again.length) {
      const counts = { sent: result.sent.length, logged: result.logged.length, retrying: result.retrying.length, failed: result.failed.length, skipped: result.skipped.length };
      this.deps.log.info({ due: due.map((d) => `${d.kind}:${d.period}`), retried: again.length, ...counts }, "reminders run");
    }
    return result;
  }

  /** One attempt at a row, if `take` gets it: send under a renewed lease, record the outcome. */
  private async attempt(o: Outgoing, take: (at: Date) => Promise<Claim | null>, clock: Clock, result: RunResult): Promise<void> {
    const claim = await take(clock());
    if (!claim) {
      result.skipped.push(o);
      return;
    }
    const out: Outgoing = { recipient: claim.recipient, kind: claim.kind, period: claim.period, unit: claim.unit, text: claim.body, mentions: claim.mentions };
    const outcome = await this.underLease(claim, clock, () => this.send(out));
    // backoff counts from the tick, so a retry falls on the tick it was meant for
    const state = await this.deps.store.finish(claim, this.holder, outcome, clock.tick, this.policy);
    const where = { recipient: out.recipient, kind: out.kind, period: out.period, attempt: claim.attempts };
    if (outcome.status !== "failed") {
      if (state === "lost") this.deps.log.warn(where, "reminder delivered after its claim was taken over");
      (outcome.status === "sent" ? result.sent : result.logged).push(out);
    } else if (state === "retry") {
      this.deps.log.warn({ ...where, err: outcome.error, ambiguous: outcome.ambiguous }, "reminder not delivered, will try again");
      result.retrying.push({ outgoing: out, error: outcome.error, ambiguous: outcome.ambiguous });
    } else {
      this.deps.log.error({ ...where, err: outcome.error }, "reminder not delivered, given up");
      result.failed.push({ outgoing: out, error: outcome.error });
    }
  }

  private async send(o: Outgoing): Promise<Outcome> {
    try {
      return { status: await this.deps.deliver(o) };
    } catch (e) {
      // an error we cannot place may have come after the message went out
      const ambiguous = e instanceof DeliveryError ? e.ambiguous : true;
      return { status: "failed", error: e instanceof Error ? e.message : String(e), ambiguous };
    }
  }

  /** Renews the claim's lease while `work` runs, so only a dead holder's claim expires. */
  private async underLease<T>(claim: Claim, clock: Clock, work: () => Promise<T>): Promise<T> {
    const renew = async () => {
      const until = new Date(clock().getTime() + this.policy.leaseMs);
      const ours = await this.deps.store.renew(claim.id, this.holder, until).catch(() => true);
      if (!ours) this.deps.log.warn({ recipient: claim.recipient, kind: claim.kind, period: claim.period }, "reminder claim taken over while sending");
    };
    const timer = setInterval(() => void renew(), Math.max(10, Math.floor(this.policy.leaseMs / 3)));
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  /**
   * Once every send of a period is settled and some failed, one report to each admin: a log
   * row like any reminder, so a dead channel does not burn it (it is retried with backoff
   * and goes out once the channel works again), and goes out once.
   */
  private async reportFailures(clock: Clock, result: RunResult): Promise<void> {
    const failures = await this.deps.store.unreportedFailures(new Date(clock().getTime() - REPORT_WITHIN_MS));
    if (failures.size === 0) return;
    const admins = await this.admins();
    for (const [period, rows] of failures) {
      const text = failureReport(rows.map((r) => ({ recipient: r.recipient, kind: r.kind, error: r.lastError ?? "未知错误" })), period);
      for (const admin of admins) {
        const o: Outgoing = { recipient: admin, kind: FAILURES_KIND, period, unit: null, text };
        await this.attempt(o, (at) => this.deps.store.claim({ ...o, body: text }, this.holder, at, this.policy), clock, result);
      }
    }
  }

  private async admins(members?: { id: string; role: string }[]): Promise<string[]> {
    members ??= await this.deps.members.list();
    return [...new Set([...this.deps.admins, ...members.filter((m) => m.role === "admin").map((m) => m.id)])];
  }

  private async audience(catalog: Catalog): Promise<Audience> {
    const members = await this.deps.members.list();
    const reporters = new Map<string, string[]>();
    for (const m of members) {
      if (m.role !== "reporter" || !m.unitName) continue;
      reporters.set(m.unitName, [...(reporters.get(m.unitName) ?? []), m.id]);
    }
    const admins = await this.admins(members);
    const units = new Set(catalog.units.map((u) => u.name));
    return { reporters, admins, robots: new Set(this.deps.robotUnits.filter((u) => units.has(u))), mutes: await this.deps.store.mutes() };
  }

  private context(catalog: Catalog, moment: Moment): ProgressContext {
    return { date: moment.date, planYear: catalog.year, basis: this.deps.basis };
  }
}

/** The week and the month a moment is in: what is still worth sending. */
function currentPeriods(m: Moment): string[] {
  return [isoWeek(m.date), m.date.slice(0, 7)];
}

function outgoingOf(row: LogEntry): Outgoing {
  return { recipient: row.recipient, kind: row.kind, period: row.period, unit: row.unit, text: row.body };
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
