// Reminder bookkeeping: the once-only log with its leases and retries, admin settings and
// calendar days, unit mutes, and the lease rows that let one instance of many run a cron tick.
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import { DEFAULT_SETTINGS, type ReminderSettings } from "../domain/reminder-settings.js";
import { readMentions, readSettings } from "./json-columns.js";

export interface ReminderKey {
  recipient: string;
  kind: string;
  period: string;
}

export interface LogEntry extends ReminderKey {
  id: number;
  unit: string | null;
  body: string;
  status: string;
  attempts: number;
  lastError: string | null;
  holder: string | null;
  leaseUntil: Date | null;
  nextAttemptAt: Date | null;
  unsure: number;
}

/** A row this caller holds and may send now. */
export interface Claim extends ReminderKey {
  id: number;
  unit: string | null;
  body: string;
  mentions: string[];
  attempts: number;
  unsure: number;
}

export interface ClaimRequest extends ReminderKey {
  unit: string | null;
  body: string;
  mentions?: string[];
}

/** How claims are held and failed sends tried again. */
export interface RetryPolicy {
  /** a holder that stops renewing loses its claim this long after its last renewal */
  leaseMs: number;
  /** pause before the n-th retry: min(baseMs·2^(n-1), capMs) */
  baseMs: number;
  capMs: number;
  /** attempts in all, the first included */
  maxAttempts: number;
  /** attempts for the admins' failure report, which outlives its period */
  reportMaxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { leaseMs: 60_000, baseMs: 60_000, capMs: 30 * 60_000, maxAttempts: 20, reportMaxAttempts: 200 };

/** Of two attempts whose outcome is unknown either may have been delivered: never a third. */
export const MAX_UNSURE = 2;
export const FAILURES_KIND = "failures";

export type Outcome = { status: "sent" | "logged" } | { status: "failed"; error: string; ambiguous: boolean };

const SETTINGS_KEY = "reminders";
/** failed once, waiting for a later tick: definitely not delivered (retry) or maybe (uncertain) */
const WAITING = ["retry", "uncertain"];

export class ReminderStore {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Inserts the log row before sending and holds it under a lease; a second instance, a
   * restart or a rerun finds the row and does not send again, unless it may take it over
   * (see `take`). Null when someone else has it or it is done.
   */
  async claim(req: ClaimRequest, holder: string, now: Date, policy: RetryPolicy): Promise<Claim | null> {
    const lease = new Date(now.getTime() + policy.leaseMs);
    const mentions = JSON.stringify(req.mentions ?? []);
    // the attempt counts as unsure from the start: if this process dies mid-send, nobody knows
    const inserted = await this.prisma.$queryRaw<{ id: number }[]>`
      INSERT INTO "ReminderLog" ("recipient", "kind", "period", "unit", "body", "mentions", "status", "holder", "leaseUntil", "attempts", "unsure", "claimedAt", "createdAt")
      VALUES (${req.recipient}, ${req.kind}, ${req.period}, ${req.unit}, ${req.body}, ${mentions}::jsonb, 'pending', ${holder}, ${lease}, 1, 1, ${now}, ${now})
      ON CONFLICT ("recipient", "kind", "period") DO NOTHING RETURNING "id"`;
    if (inserted.length) return { ...req, id: inserted[0]!.id, mentions: req.mentions ?? [], attempts: 1, unsure: 1 };
    const row = await this.prisma.reminderLog.findUnique({ where: { recipient_kind_period: { recipient: req.recipient, kind: req.kind, period: req.period } } });
    return row ? this.take(row.id, holder, now, policy) : null;
  }

  /**
   * Takes a row for one more attempt: one waiting for its retry time, or one whose holder
   * stopped renewing its lease (died). One conditional UPDATE, so of several instances one wins.
   */
  async take(id: number, holder: string, now: Date, policy: RetryPolicy): Promise<Claim | null> {
    const rows = await this.prisma.$queryRaw<(Omit<Claim, "mentions"> & { mentions: unknown })[]>`
      UPDATE "ReminderLog" SET "status" = 'pending', "holder" = ${holder}, "leaseUntil" = ${new Date(now.getTime() + policy.leaseMs)},
        "claimedAt" = ${now}, "attempts" = "attempts" + 1, "unsure" = "unsure" + 1
      WHERE "id" = ${id} AND "unsure" < ${MAX_UNSURE}
        AND (("status" IN ('retry', 'uncertain') AND "nextAttemptAt" <= ${now}) OR ("status" = 'pending' AND "leaseUntil" < ${now}))
      RETURNING "id", "recipient", "kind", "period", "unit", "body", "mentions", "attempts", "unsure"`;
    const row = rows[0];
    return row ? { ...row, mentions: readMentions(row.mentions) } : null;
  }

  /** The holder, still at work, extends its lease. False when the row is no longer its own. */
  async renew(id: number, holder: string, until: Date): Promise<boolean> {
    const r = await this.prisma.reminderLog.updateMany({ where: { id, holder, status: "pending" }, data: { leaseUntil: until } });
    return r.count === 1;
  }

  /**
   * Records an attempt's outcome. A definite rejection (WeCom answered with an error) delivered
   * nothing and waits for a retry with backoff; an ambiguous one (no answer) may have been
   * delivered, so it stays counted in `unsure`, which allows one more attempt at most.
   * "lost": the row was no longer ours (our lease ran out and another instance took it).
   */
  async finish(claim: Claim, holder: string, outcome: Outcome, now: Date, policy: RetryPolicy): Promise<"done" | "retry" | "failed" | "lost"> {
    const mine = { id: claim.id, holder, status: "pending" };
    if (outcome.status !== "failed") {
      const r = await this.prisma.reminderLog.updateMany({ where: mine, data: { status: outcome.status, sentAt: now, lastError: null, leaseUntil: null, nextAttemptAt: null } });
      return r.count ? "done" : "lost";
    }
    const unsure = outcome.ambiguous ? claim.unsure : claim.unsure - 1;
    const max = claim.kind === FAILURES_KIND ? policy.reportMaxAttempts : policy.maxAttempts;
    const over = claim.attempts >= max || unsure >= MAX_UNSURE;
    const wait = Math.min(policy.baseMs * 2 ** (claim.attempts - 1), policy.capMs);
    const r = await this.prisma.reminderLog.updateMany({
      where: mine,
      data: {
        status: over ? "failed" : unsure > 0 ? "uncertain" : "retry",
        unsure,
        lastError: outcome.error,
        leaseUntil: null,
        nextAttemptAt: over ? null : new Date(now.getTime() + wait),
      },
    });
    return !r.count ? "lost" : over ? "failed" : "retry";
  }

  /** Rows to try again now: retries that are due and claims whose holder died. */
  async due(now: Date, periods: string[]): Promise<LogEntry[]> {
    return this.prisma.reminderLog.findMany({
      where: {
        unsure: { lt: MAX_UNSURE },
        AND: [
          { OR: [{ period: { in: periods } }, { kind: FAILURES_KIND }] },
          { OR: [{ status: { in: WAITING }, nextAttemptAt: { lte: now } }, { status: "pending", leaseUntil: { lt: now } }] },
        ],
      },
      orderBy: { id: "asc" },
    });
  }

  /**
   * Gives up on what can no longer go out: rows of a period that is over (an old reminder is
   * never sent), and claims of a dead holder that used up the unsure attempts.
   */
  async expire(now: Date, periods: string[]): Promise<number> {
    const r = await this.prisma.reminderLog.updateMany({
      where: {
        AND: [
          { OR: [{ status: { in: WAITING } }, { status: "pending", leaseUntil: { lt: now } }] },
          { OR: [{ period: { notIn: periods }, kind: { not: FAILURES_KIND } }, { unsure: { gte: MAX_UNSURE } }] },
        ],
      },
      data: { status: "failed", leaseUntil: null, nextAttemptAt: null },
    });
    return r.count;
  }

  /**
   * The failed rows to report, by period: periods whose sends are all settled with some
   * failed, and no failure report made yet.
   */
  async unreportedFailures(since: Date): Promise<Map<string, LogEntry[]>> {
    const failed = await this.prisma.$queryRaw<LogEntry[]>`
      SELECT r.* FROM "ReminderLog" r
      WHERE r."status" = 'failed' AND r."kind" <> ${FAILURES_KIND} AND r."claimedAt" >= ${since}
        AND NOT EXISTS (SELECT 1 FROM "ReminderLog" o WHERE o."period" = r."period"
          AND (o."kind" = ${FAILURES_KIND} OR o."status" IN ('pending', 'retry', 'uncertain')))
      ORDER BY r."id"`;
    const out = new Map<string, LogEntry[]>();
    for (const f of failed) out.set(f.period, [...(out.get(f.period) ?? []), f]);
    return out;
  }

  async entries(where: { period?: string; kind?: string } = {}): Promise<LogEntry[]> {
    return this.prisma.reminderLog.findMany({ where, orderBy: { id: "asc" } });
  }

  async settings(): Promise<ReminderSettings> {
    const row = await this.prisma.setting.findUnique({ where: { key: SETTINGS_KEY } });
    return { ...DEFAULT_SETTINGS, ...this.defaults, ...readSettings(row?.value ?? null) };
  }

  /** Environment defaults, below what an admin set by message. */
  defaults: Partial<ReminderSettings> = {};

  async updateSettings(change: Partial<ReminderSettings>): Promise<ReminderSettings> {
    const row = await this.prisma.setting.findUnique({ where: { key: SETTINGS_KEY } });
    const value: Prisma.InputJsonValue = { ...readSettings(row?.value ?? null), ...change };
    await this.prisma.setting.upsert({ where: { key: SETTINGS_KEY }, create: { key: SETTINGS_KEY, value }, update: { value } });
    return this.settings();
  }

  async calendarDays(): Promise<Map<string, boolean>> {
    const rows = await this.prisma.calendarDay.findMany();
    return new Map(rows.map((r) => [r.date, r.workday]));
  }

  async setCalendarDay(date: string, workday: boolean, note?: string): Promise<void> {
    await this.prisma.calendarDay.upsert({ where: { date }, create: { date, workday, note }, update: { workday, note } });
  }

  async mute(unitId: number, until: string | null): Promise<void> {
    await this.prisma.unit.update({ where: { id: unitId }, data: { mutedUntil: until } });
  }

  async mutes(): Promise<Map<string, string>> {
    const rows = await this.prisma.unit.findMany({ where: { mutedUntil: { not: null } } });
    return new Map(rows.map((u) => [u.name, u.mutedUntil!]));
  }

  /** node-cron's run coordinator: the first instance to insert the tick's row runs it. */
  async lease(key: string, holder: string, ttlMs: number, now: Date): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<{ holder: string }[]>`
      INSERT INTO "SchedulerLease" ("key", "holder", "expiresAt") VALUES (${key}, ${holder}, ${new Date(now.getTime() + ttlMs)})
      ON CONFLICT ("key") DO NOTHING RETURNING "holder"`;
    // ticks come every minute: keep a day of them
    await this.prisma.schedulerLease.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 86_400_000) } } });
    return rows.length === 1;
  }
}
