// Reminder bookkeeping: the once-only log, admin settings and calendar days, unit mutes, and
// the lease rows that let one instance of many run a cron tick.
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import { DEFAULT_SETTINGS, type ReminderSettings } from "../reminders/due.js";

export interface ReminderKey {
  recipient: string;
  kind: string;
  period: string;
}

export interface LogEntry extends ReminderKey {
  unit: string | null;
  body: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

/** A claim left pending this long was made by a process that died before it could send. */
const STALE_CLAIM_MS = 10 * 60_000;
const SETTINGS_KEY = "reminders";

export class ReminderStore {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Inserts the log row before sending; true when this caller may send. A second instance,
   * a restart or a rerun finds the row and does not send again, unless the first claim was
   * left pending by a process that died (then it is taken over, once).
   */
  async claim(key: ReminderKey, unit: string | null, body: string, now: Date): Promise<boolean> {
    const inserted = await this.prisma.$queryRaw<{ id: number }[]>`
      INSERT INTO "ReminderLog" ("recipient", "kind", "period", "unit", "body", "claimedAt", "createdAt")
      VALUES (${key.recipient}, ${key.kind}, ${key.period}, ${unit}, ${body}, ${now}, ${now})
      ON CONFLICT ("recipient", "kind", "period") DO NOTHING RETURNING "id"`;
    if (inserted.length) return true;
    const taken = await this.prisma.reminderLog.updateMany({
      where: { ...key, status: "pending", claimedAt: { lt: new Date(now.getTime() - STALE_CLAIM_MS) } },
      data: { claimedAt: now, body },
    });
    return taken.count === 1;
  }

  async finish(key: ReminderKey, result: { status: "sent" | "failed" | "logged"; attempts: number; error?: string }, now: Date): Promise<void> {
    await this.prisma.reminderLog.update({
      where: { recipient_kind_period: key },
      data: { status: result.status, attempts: result.attempts, lastError: result.error ?? null, sentAt: result.status === "failed" ? null : now },
    });
  }

  async entries(where: { period?: string; kind?: string } = {}): Promise<LogEntry[]> {
    return this.prisma.reminderLog.findMany({ where, orderBy: { id: "asc" } });
  }

  async settings(): Promise<ReminderSettings> {
    const row = await this.prisma.setting.findUnique({ where: { key: SETTINGS_KEY } });
    return { ...DEFAULT_SETTINGS, ...this.defaults, ...((row?.value as Partial<ReminderSettings> | null) ?? {}) };
  }

  /** Environment defaults, below what an admin set by message. */
  defaults: Partial<ReminderSettings> = {};

  async updateSettings(change: Partial<ReminderSettings>): Promise<ReminderSettings> {
    const row = await this.prisma.setting.findUnique({ where: { key: SETTINGS_KEY } });
    const value = { ...((row?.value as Partial<ReminderSettings> | null) ?? {}), ...change } as Prisma.InputJsonValue;
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
