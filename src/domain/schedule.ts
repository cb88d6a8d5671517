// 时序进度: the share of the annual target an indicator should have reached on a date.
// The 专班 asks every indicator to "每月达到时序进度": in month m, m/12 of the year's target.
// Dates are plain "YYYY-MM-DD" strings in Asia/Shanghai; the caller decides what today is.

export type ScheduleBasis = "monthly" | "daily";

/** Per-indicator plan: finish by a deadline (向阳花: 2025-05-31), or cumulative monthly shares. */
export interface IndicatorSchedule {
  deadline?: string;
  /** twelve cumulative shares of the target, 0..1, one per month end */
  monthly?: number[];
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function parseDate(iso: string): CalendarDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

function dayOfYear(d: CalendarDate): number {
  return (Date.UTC(d.year, d.month - 1, d.day) - Date.UTC(d.year, 0, 1)) / 86_400_000 + 1;
}

function daysInYear(year: number): number {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 366 : 365;
}

/** Expected share (0..1) of the annual target for a plan year on a date. */
export function scheduleShare(
  date: string,
  planYear: number,
  basis: ScheduleBasis = "monthly",
  plan?: IndicatorSchedule | null,
): number {
  const d = parseDate(date);
  if (!d) throw new RangeError(`not a date: ${date}`);
  if (d.year < planYear) return 0;
  if (d.year > planYear) return 1;
  if (plan?.monthly?.length === 12) return clamp(plan.monthly[d.month - 1]!);
  const deadline = plan?.deadline ? parseDate(plan.deadline) : undefined;
  if (deadline && deadline.year === planYear) {
    if (basis === "monthly") return clamp(d.month / deadline.month);
    return clamp(dayOfYear(d) / dayOfYear(deadline));
  }
  if (basis === "monthly") return d.month / 12;
  return dayOfYear(d) / daysInYear(d.year);
}

function clamp(share: number): number {
  return Math.min(1, Math.max(0, share));
}

/** 2025-05-31, 2025年5月31日, 5月31日 or 5月31号 (in `year`) as YYYY-MM-DD. */
export function parseChineseDate(text: string, year: number): string | undefined {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text) ?? /^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]?(?:前)?$/.exec(text);
  if (!iso) return undefined;
  const pad = (n: string) => n.padStart(2, "0");
  const date = `${iso[1] ?? year}-${pad(iso[2]!)}-${pad(iso[3]!)}`;
  return parseDate(date) ? date : undefined;
}

/**
 * What is wrong with a date typed as YYYY-MM-DD (on the command line, in the environment, in an
 * API query), in one sentence that says what to type; undefined when it is a real date.
 */
export function dateError(text: string, example = "2025-04-20"): string | undefined {
  if (parseDate(text)) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const form = `请写成 YYYY-MM-DD，例如 ${example}`;
  if (!m) return `“${text}”不是 YYYY-MM-DD 格式的日期，${form}`;
  const [year, month] = [Number(m[1]), Number(m[2])];
  if (month < 1 || month > 12) return `“${text}”不是有效日期：月份应在 01 到 12 之间，${form}`;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `“${text}”不是有效日期：${year} 年 ${month} 月只有 ${last} 天，${form}`;
}

/**
 * Why a deadline cannot stand in a plan year's plan: it falls in another year, where the 时序进度
 * would be 0 or 100% all year. Undefined for a deadline inside the year (or not a date at all:
 * that is the caller's other check).
 */
export function deadlineYearError(date: string, planYear: number): string | undefined {
  const d = parseDate(date);
  if (!d || d.year === planYear) return undefined;
  const same = `${planYear}-${date.slice(5)}`;
  return `完成期限 ${date} 不在 ${planYear} 年内，请写 ${planYear} 年内的日期，例如 ${parseDate(same) ? same : `${planYear}-12-31`}`;
}

/**
 * The 时序进度 line of a year: the figure expected at each month end (m/12 of the target on the
 * monthly basis, or as the indicator's own plan says), from 0 on January 1, for a chart.
 */
export function scheduleLine(year: number, target: number, basis: ScheduleBasis = "monthly", plan?: IndicatorSchedule | null): { date: string; value: number }[] {
  const points = [{ date: `${year}-01-01`, value: 0 }];
  for (let month = 1; month <= 12; month++) {
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const date = `${year}-${String(month).padStart(2, "0")}-${String(last).padStart(2, "0")}`;
    points.push({ date, value: target * scheduleShare(date, year, basis, plan) });
  }
  return points;
}

/** The day `days` after (or before) a YYYY-MM-DD day. */
/** 2025, 4, 1 → "2025-04-01" (no check that the day exists: parseDate does that). */
export function isoDay(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The last day of a month. */
export function monthEnd(year: number, month: number): string {
  return isoDay(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
}

/** Monday of the week `date` falls in (the programme's weeks start on Monday). */
export function weekStart(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

export function addDays(date: string, days: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
