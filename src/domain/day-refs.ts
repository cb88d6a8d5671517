// Days named the way officials say them (5月底, 6月30日, 本月, 这周, 最近三天), kept as what was
// said and turned into dates only against a given today: the parser has no clock, the bot
// resolves with its own date. Pure; dates are "YYYY-MM-DD" in Asia/Shanghai.
import { addDays, isoDay, monthEnd, parseDate, weekStart } from "./schedule.js";

/** A last day something is due by: 6月30日, 5月底, 本月, 下个月, 年底, 本周, 今天 (已到期). */
export type ByDay =
  | { kind: "date"; month: number; day: number }
  | { kind: "month-end"; month: number }
  | { kind: "this-month" }
  | { kind: "next-month" }
  | { kind: "this-week" }
  | { kind: "year-end" }
  | { kind: "today" };

/** A stretch of days up to now: 今天, 昨天, 这周, 上周, 本月, 上月, 最近N天, 4月15日以来, 3月份. */
export type SinceDay =
  | { kind: "today" }
  | { kind: "yesterday" }
  | { kind: "this-week" }
  | { kind: "last-week" }
  | { kind: "this-month" }
  | { kind: "last-month" }
  | { kind: "days"; days: number }
  | { kind: "month"; month: number }
  | { kind: "date"; month: number; day: number };

/** Both ends included. */
export interface DayRange {
  from: string;
  to: string;
}

/** A day in today's year, or undefined when there is no such day (2月30日). */
function dayIn(year: number, month: number, day: number): string | undefined {
  const iso = isoDay(year, month, day);
  return parseDate(iso) ? iso : undefined;
}

/** The last day `by` names, in today's year; undefined for a day that does not exist. */
export function resolveBy(by: ByDay, today: string): string | undefined {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (by.kind) {
    case "date":
      return dayIn(year, by.month, by.day);
    case "month-end":
      return by.month >= 1 && by.month <= 12 ? monthEnd(year, by.month) : undefined;
    case "this-month":
      return monthEnd(year, month);
    case "next-month":
      return month === 12 ? monthEnd(year + 1, 1) : monthEnd(year, month + 1);
    case "this-week":
      return addDays(weekStart(today), 6);
    case "year-end":
      return `${year}-12-31`;
    case "today":
      return today;
  }
}

/** The days `since` names, up to today; undefined for a day that does not exist. */
export function resolveSince(since: SinceDay, today: string): DayRange | undefined {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (since.kind) {
    case "today":
      return { from: today, to: today };
    case "yesterday":
      return { from: addDays(today, -1), to: addDays(today, -1) };
    case "this-week":
      return { from: weekStart(today), to: today };
    case "last-week": {
      const monday = addDays(weekStart(today), -7);
      return { from: monday, to: addDays(monday, 6) };
    }
    case "this-month":
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case "last-month": {
      const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
      return { from: isoDay(y, m, 1), to: monthEnd(y, m) };
    }
    case "days":
      // 最近三天: today and the two days before it
      return { from: addDays(today, -(Math.max(1, since.days) - 1)), to: today };
    case "date": {
      const from = dayIn(year, since.month, since.day);
      return from ? { from, to: today } : undefined;
    }
    case "month": {
      // 3月份谁报了: that month, up to today when it is this month
      const end = monthEnd(year, since.month);
      return { from: isoDay(year, since.month, 1), to: end < today ? end : today };
    }
  }
}

/** "2025-04-20" → "4月20日", as replies write a day. */
export function monthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}
