// The day a question is asked about (3月底, 上个月, 上周, 昨天, 4月15日), as a YYYY-MM-DD date.
// Pure: today is a parameter (the bot's today, DUBAN_TODAY in the eval), never the clock.
import { addDays, isoDay as iso, monthEnd, parseDate, weekStart } from "./schedule.js";

/**
 * A day as written: a date (year optional: the plan year), a month's end (month without day),
 * or a distance back from today (0 today, 1 day: yesterday, 1 week: last Sunday, 1 month: last
 * month's last day). `day: 0` is the day before the 1st: the previous month's end.
 */
export interface DayWords {
  phrase: string;
  year?: number;
  lastYear?: boolean;
  month?: number;
  day?: number;
  back?: { unit: "day" | "week" | "month"; n: number };
}

export type ResolvedDay = { date: string } | { error: string };

/** The date `words` names, or a one-sentence error saying what to ask instead. */
export function resolveDay(words: DayWords, today: string, planYear: number): ResolvedDay {
  const date = dateOf(words, today, planYear);
  if (!date) return { error: `“${words.phrase}”不是有效日期，请写成「3月31日」「3月底」「上个月」这样的日期。` };
  if (date > today) return { error: `${dayLabel(date, today)}还没有到（今天是${dayLabel(today, today)}），请问今天或之前的日期，例如「3月底城镇新增就业是多少」。` };
  if (Number(date.slice(0, 4)) < planYear) return { error: `${dayLabel(date, today)}早于${planYear}年计划开始，请问${planYear}年1月1日以后的日期。` };
  return { date };
}

/** The date without checks: undefined only for a day that does not exist (2月30日). */
export function dateOf(words: DayWords, today: string, planYear: number): string | undefined {
  if (words.back) return backFrom(today, words.back.unit, words.back.n);
  if (words.month === undefined) return today;
  if (words.month < 1 || words.month > 12) return undefined;
  const year = words.year ?? (words.lastYear ? Number(today.slice(0, 4)) - 1 : planYear);
  // 4月的情况 asked in April: the month so far, not its end still to come
  if (words.day === undefined && !/[底末]/u.test(words.phrase) && iso(year, words.month, 1).slice(0, 7) === today.slice(0, 7)) return today;
  if (words.day === undefined) return monthEnd(year, words.month);
  if (words.day === 0) return addDays(iso(year, words.month, 1), -1);
  const date = iso(year, words.month, words.day);
  return parseDate(date) ? date : undefined;
}

/** 3月31日, or 2024年12月31日 in another year than today's. */
export function dayLabel(date: string, today: string): string {
  const [y, m, d] = [date.slice(0, 4), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  return `${y === today.slice(0, 4) ? "" : `${y}年`}${m}月${d}日`;
}

function backFrom(today: string, unit: "day" | "week" | "month", n: number): string {
  if (n === 0) return today;
  if (unit === "day") return addDays(today, -n);
  if (unit === "week") {
    // weeks run Monday to Sunday: one week back is the Sunday before this week's Monday
    return addDays(weekStart(today), -1 - 7 * (n - 1));
  }
  const months = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - n;
  return monthEnd(Math.floor(months / 12), (months % 12) + 1);
}
