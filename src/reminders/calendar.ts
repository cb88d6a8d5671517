// Working days in mainland China: public holidays and make-up working days (调休) from the
// maintained chinese-days package, with the dates an admin added on top (a year the package
// does not know yet, a local holiday). Dates are YYYY-MM-DD in Asia/Shanghai.
import chineseDays from "chinese-days";
import { addDays } from "../domain/schedule.js";

export { addDays };

export class WorkCalendar {
  /** @param overrides date → true (a working day) or false (a day off), winning over the package */
  constructor(private readonly overrides: ReadonlyMap<string, boolean> = new Map()) {}

  isWorkday(date: string): boolean {
    return this.overrides.get(date) ?? chineseDays.isWorkday(date);
  }

  /** The first working day on or after `date`. */
  nextWorkday(date: string): string {
    let d = date;
    for (let i = 0; i < 60 && !this.isWorkday(d); i++) d = addDays(d, 1);
    return d;
  }

  workdaysOfMonth(month: string): string[] {
    const out: string[] = [];
    for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) if (this.isWorkday(d)) out.push(d);
    return out;
  }
}


/** ISO weekday, Monday = 1 … Sunday = 7. */
export function weekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The ISO week a date belongs to, as 2025-W17. */
export function isoWeek(date: string): string {
  const thursday = addDays(date, 4 - weekday(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((Date.UTC(year, Number(thursday.slice(5, 7)) - 1, Number(thursday.slice(8, 10))) - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}
