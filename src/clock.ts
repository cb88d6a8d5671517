// The one source of "now" for everything the programme records or decides by date: Update and
// reply stamps, 今天 for 时序进度, pending 确认 expiry, reminder moments, the LLM's daily budget.
// Made once in the composition root (src/app.ts) and passed down; nothing else reads the wall
// clock for these. Transport timing stays on the real clock on purpose: WeCom signature
// freshness, token lifetimes, retry back-off and rate limits are about the real world's time.
import { endOfShanghaiDay, shanghaiDate, shanghaiInstant } from "./shanghai.js";

export interface Clock {
  now(): Date;
  /** the Asia/Shanghai date of now(), YYYY-MM-DD */
  today(): string;
}

/** The real time. */
export const systemClock: Clock = {
  now: () => new Date(),
  today: () => shanghaiDate(new Date()),
};

/** When a day fixed by DUBAN_TODAY starts: office hours, outside the default quiet hours. */
export const FIXED_DAY_START = "09:00";

/**
 * A whole process living one day (DUBAN_TODAY): now() starts at 09:00 Asia/Shanghai of that day
 * and advances with real elapsed time, so stamps read like a working day and follow the order
 * things happened in; each reading is at least 1 ms after the one before, so two reports in a
 * row get increasing stamps, and a pending 确认 expires after its minutes as it would for real.
 * It never leaves the day: after 23:59:59.999 (15 hours of running) it stays there, so today()
 * and the date of every stamp always agree. `after`: the latest stamp already stored, so a
 * second process on the same fixed day (each CLI command is one) resumes after it rather than
 * at 09:00 again, and the order of stamps stays the order of events.
 */
export function fixedDayClock(date: string, elapsedMs: () => number = () => performance.now(), after?: Date): Clock {
  const nine = shanghaiInstant(date, FIXED_DAY_START).getTime();
  const end = endOfShanghaiDay(date).getTime();
  // stamps of another day (a run on the real clock) say nothing about this one
  const start = after && after.getTime() >= nine && after.getTime() < end ? after.getTime() + 1 : nine;
  const origin = elapsedMs();
  let last = -Infinity;
  return {
    now() {
      last = Math.min(end, Math.max(start + (elapsedMs() - origin), last + 1));
      return new Date(last);
    },
    today: () => date,
  };
}

/** The clock the environment asks for: DUBAN_TODAY fixes the day, otherwise the real time. */
export function clockFrom(config: { DUBAN_TODAY?: string }, after?: Date): Clock {
  return config.DUBAN_TODAY ? fixedDayClock(config.DUBAN_TODAY, undefined, after) : systemClock;
}
