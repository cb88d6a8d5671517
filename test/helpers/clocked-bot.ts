// The app's bot rebuilt over the app's own stores with a clock the test moves, so anything that
// depends on the time (a 确认 expiring, the date a change is recorded with) is deterministic.
import { botConfig, type App } from "../../src/app.js";
import { createBot, type Bot } from "../../src/bot/bot.js";
import { shanghaiDate } from "../../src/shanghai.js";
import { TurnReader } from "../../src/store/turn-reader.js";

export interface Clock {
  /** the instant the bot sees as now */
  at: Date;
  /** moves the clock on by `ms` */
  advance(ms: number): void;
}

export function clockAt(iso: string): Clock {
  const clock: Clock = {
    at: new Date(iso),
    advance(ms) {
      clock.at = new Date(clock.at.getTime() + ms);
    },
  };
  return clock;
}

/** The bot as src/app.ts composes it, from the same config, but reading `clock` for now and today. */
export function clockedBot(app: App, clock: Clock): Bot {
  const { config } = app;
  return createBot({
    turnReader: new TurnReader(app.db.sql, app.plans),
    plans: app.plans,
    members: app.members,
    reminders: app.reminders,
    config: botConfig(config),
    today: () => shanghaiDate(clock.at),
    now: () => clock.at,
  });
}
