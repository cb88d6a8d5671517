// The cron side: one node-cron task ticking every minute in Asia/Shanghai runs whatever is due
// (the runner decides, from the calendar and the settings an admin may change at any time).
// With several instances, a lease row per tick lets exactly one of them run it; the
// ReminderLog's unique key would stop a duplicate send anyway. Every tick also retries failed
// sends whose backoff is over and takes over claims whose holder died (its lease ran out), so
// whichever instance is alive does it within a minute or two. At start-up the runner catches
// up on what fell due while the service was down, within the same period only.
import { randomUUID } from "node:crypto";
import cron, { type ScheduledTask } from "node-cron";
import type { Log } from "../log.js";
import type { ReminderStore } from "../store/reminder-store.js";
import type { ReminderRunner } from "./runner.js";

export interface Scheduler {
  /** resolves when the start-up catch-up has run */
  caughtUp: Promise<void>;
  stop(): Promise<void>;
}

/** `now`: the app's clock (src/clock.ts), so DUBAN_TODAY fixes the day reminders are run for. */
export function startScheduler(runner: ReminderRunner, store: ReminderStore, log: Log, now: () => Date): Scheduler {
  const holder = randomUUID();
  const tick = async () => {
    const at = now();
    try {
      await runner.run(runner.moment(at), at);
    } catch (e) {
      log.error({ err: String(e) }, "reminder tick failed");
    }
  };
  const task: ScheduledTask = cron.schedule("* * * * *", tick, {
    name: "duban-reminders",
    timezone: "Asia/Shanghai",
    noOverlap: true,
    distributed: true,
    runCoordinator: { shouldRun: (key, ttlMs) => store.lease(key, holder, ttlMs, now()) },
  });
  const caughtUp = tick();
  return {
    caughtUp,
    async stop() {
      await task.destroy();
      await caughtUp;
    },
  };
}
