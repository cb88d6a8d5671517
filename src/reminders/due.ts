// Which reminders are due at a moment, as pure date arithmetic over the working-day calendar.
// A reminder whose day falls on a holiday moves to the next working day; one that would move
// out of its period (a holiday week) is not sent for that period. Only the current period is
// ever due: a service that was down catches up within the period, never for an old one.
import { shanghaiDateTime } from "../shanghai.js";
import { addDays, isoWeek, weekday, type WorkCalendar } from "./calendar.js";
import type { ReminderSettings } from "../domain/reminder-settings.js";

// the settings are data the store keeps: they live in domain; re-exported for this module's callers
export { DEFAULT_SETTINGS, type ReminderSettings } from "../domain/reminder-settings.js";

export type ReminderKind = "digest" | "fill" | "fill-final" | "escalation";

export interface Due {
  kind: ReminderKind;
  /** 2025-W17 or 2025-04 */
  period: string;
  /** the working day it was due on */
  dueOn: string;
}

export interface Moment {
  date: string;
  /** HH:MM in Asia/Shanghai */
  time: string;
}

export function dueReminders(now: Moment, s: ReminderSettings, cal: WorkCalendar): Due[] {
  if (!s.enabled) return [];
  const reached = (day: string | undefined, time: string) => day !== undefined && (now.date > day || (now.date === day && now.time >= time));
  const out: Due[] = [];

  const week = isoWeek(now.date);
  const digestDay = cal.nextWorkday(addDays(now.date, s.digestWeekday - weekday(now.date)));
  if (isoWeek(digestDay) === week && reached(digestDay, s.digestTime)) out.push({ kind: "digest", period: week, dueOn: digestDay });

  const month = now.date.slice(0, 7);
  const workdays = cal.workdaysOfMonth(month);
  const lastDay = workdays.at(-1);
  const finalDay = workdays.at(-2);
  const fillDay = cal.nextWorkday(`${month}-${String(Math.min(s.fillDay, daysIn(month))).padStart(2, "0")}`);
  if (reached(lastDay, s.escalateTime)) out.push({ kind: "escalation", period: month, dueOn: lastDay! });
  if (reached(finalDay, s.finalTime)) out.push({ kind: "fill-final", period: month, dueOn: finalDay! });
  // the first reminder only while the firmer one is not due yet: no two on one catch-up
  else if (fillDay.startsWith(month) && reached(fillDay, s.fillTime)) out.push({ kind: "fill", period: month, dueOn: fillDay });
  return out;
}

export function inQuietHours(time: string, s: Pick<ReminderSettings, "quietStart" | "quietEnd">): boolean {
  if (s.quietStart === s.quietEnd) return false;
  return s.quietStart < s.quietEnd ? time >= s.quietStart && time < s.quietEnd : time >= s.quietStart || time < s.quietEnd;
}

function daysIn(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
}

/** The moment in Asia/Shanghai, whatever the server's TZ. */
export function shanghaiMoment(at: Date): Moment {
  const [date, time] = shanghaiDateTime(at).split(" ");
  return { date: date!, time: time! };
}
