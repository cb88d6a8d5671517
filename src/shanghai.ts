// Time as the programme lives it: Asia/Shanghai, whatever the server's TZ. Every period,
// reminder and "today" goes through here, both ways: an instant to a Shanghai date and time,
// and a Shanghai date (and time) to an instant. Nothing else adds "+08:00" by hand.
import { parseDate } from "./domain/schedule.js";

const FORMAT = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
});

/** China has kept UTC+8 all year since 1991: a fixed offset is exact for every date we meet. */
const OFFSET = "+08:00";

/** "2025-04-21 09:00" */
export function shanghaiDateTime(d: Date): string {
  return FORMAT.format(d);
}

/** "2025-04-21" */
export function shanghaiDate(d: Date): string {
  return shanghaiDateTime(d).slice(0, 10);
}

/** The instant a Shanghai wall-clock date and time ("2025-04-20", "09:00") names. */
export function shanghaiInstant(date: string, time = "00:00"): Date {
  // Date would roll 2025-02-30 over to March 2: refuse it instead
  if (!parseDate(date)) throw new RangeError(`not a date: ${date}`);
  const at = new Date(`${date}T${time.length === 5 ? `${time}:00` : time}${OFFSET}`);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not a date and time: ${date} ${time}`);
  return at;
}

/** 00:00 of a Shanghai date. */
export function startOfShanghaiDay(date: string): Date {
  return shanghaiInstant(date);
}

/** The last millisecond of a Shanghai date (23:59:59.999). */
export function endOfShanghaiDay(date: string): Date {
  return shanghaiInstant(date, "23:59:59.999");
}
