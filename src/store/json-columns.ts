// What the store reads from JSON (and free-text enum) columns, checked with zod instead of cast.
// Two rules, by what a wrong value would do:
// - a value that decides what is due, how a figure is judged or who may do what (an indicator's
//   schedule, kind or comparator, a member's role) is refused with an error naming the row: a
//   guessed deadline would change every 时序进度 verdict, a guessed role a permission, and the
//   store has no logger to warn with;
// - a value with a safe default (a reminder setting, a robot's @-mentions, an audit detail)
//   falls back to it field by field, so one broken entry never costs an admin the rest.
import { z } from "zod";
import { INDICATOR_KINDS, type Comparator, type IndicatorKind } from "../domain/indicator.js";
import type { ReminderSettings } from "../domain/reminder-settings.js";
import type { IndicatorSchedule } from "../domain/schedule.js";
// Role is still defined in nlu; it moves to domain/roles.ts (another part of issue 11)
import { Role } from "../domain/roles.js";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

const IndicatorSchedule = z.object({
  deadline: isoDate.optional(),
  monthly: z.array(z.number()).length(12).optional(),
}) satisfies z.ZodType<IndicatorSchedule>;

/** An indicator's schedule: null for the plan default; a broken one throws, naming the indicator. */
export function readSchedule(value: unknown, indicatorCode: string): IndicatorSchedule | null {
  if (value === null) return null;
  const parsed = IndicatorSchedule.safeParse(value);
  if (!parsed.success) throw new Error(`指标 ${indicatorCode} 的完成期限数据无效（${JSON.stringify(value)}）：${z.prettifyError(parsed.error)}`);
  return stripUndefined(parsed.data);
}

/** A member's role; a stored role that is none of the three throws, naming the member. */
export function readRole(value: string, memberId: string): Role {
  const parsed = Role.safeParse(value);
  if (!parsed.success) throw new Error(`成员 ${memberId} 的角色“${value}”无效：应为 admin、reporter 或 viewer`);
  return parsed.data;
}

const Kind = z.enum(INDICATOR_KINDS);
const Comparator = z.enum(["lte", "gte"]) satisfies z.ZodType<Comparator>;

/** An indicator's kind, which decides how its figure is judged; an unknown one throws, naming it. */
export function readKind(value: string, indicatorCode: string): IndicatorKind {
  const parsed = Kind.safeParse(value);
  if (!parsed.success) throw new Error(`指标 ${indicatorCode} 的类型“${value}”无效：应为 ${INDICATOR_KINDS.join("、")} 之一`);
  return parsed.data;
}

/** A constraint's direction (at most / at least its target), or none; an unknown one throws, naming the indicator. */
export function readComparator(value: string | null, indicatorCode: string): Comparator | null {
  if (value === null) return null;
  const parsed = Comparator.safeParse(value);
  if (!parsed.success) throw new Error(`指标 ${indicatorCode} 的比较方式“${value}”无效：应为 lte 或 gte`);
  return parsed.data;
}

// each field on its own: an invalid one reads as absent (the default), the rest stay
const StoredSettings = z.object({
  enabled: z.boolean().optional().catch(undefined),
  digestWeekday: z.number().int().min(1).max(7).optional().catch(undefined),
  digestTime: hhmm.optional().catch(undefined),
  fillDay: z.number().int().min(1).max(31).optional().catch(undefined),
  fillTime: hhmm.optional().catch(undefined),
  finalTime: hhmm.optional().catch(undefined),
  escalateTime: hhmm.optional().catch(undefined),
  quietStart: hhmm.optional().catch(undefined),
  quietEnd: hhmm.optional().catch(undefined),
}) satisfies z.ZodType<Partial<ReminderSettings>>;

/** The reminder settings an admin stored: the valid fields only; anything not an object is none. */
export function readSettings(value: unknown): Partial<ReminderSettings> {
  const parsed = StoredSettings.safeParse(value);
  return parsed.success ? stripUndefined(parsed.data) : {};
}

const Mentions = z.array(z.string());

/** The WeCom ids a group robot @-mentions; anything but a list of ids is none. */
export function readMentions(value: unknown): string[] {
  const parsed = Mentions.safeParse(value);
  return parsed.success ? parsed.data : [];
}

const Detail = z.record(z.string(), z.unknown());

/** An audit event's detail: an object, or nothing. */
export function readDetail(value: unknown): Record<string, unknown> | undefined {
  const parsed = Detail.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** zod keeps a key it read as undefined; a spread over defaults must not see it. */
function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(o)) if (value !== undefined) Object.assign(out, { [key]: value });
  return out;
}
