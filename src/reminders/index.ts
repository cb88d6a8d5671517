// Builds the reminder runner for an app and its channels (the service and the CLI share it).
import type { App } from "../app.js";
import type { Channels } from "../channels/mount.js";
import type { Log } from "../channels/log.js";
import { ReminderRunner } from "./runner.js";
import { channelSink, reminderChannels } from "./sinks.js";

export function createReminderRunner(app: App, channels: Channels, log: Log): ReminderRunner {
  return new ReminderRunner({
    store: app.reminders,
    plans: app.plans,
    members: app.members,
    deliver: channelSink(reminderChannels(app.config, channels, log), log),
    admins: app.config.DUBAN_ADMINS,
    robotUnits: [...channels.robots.keys()],
    basis: app.config.DUBAN_SCHEDULE_BASIS,
    log,
  });
}
