// Builds the reminder runner from the stores and the channels it sends through.
import type { ChannelSettings, Channels } from "../channels/mount.js";
import type { Log } from "../log.js";
import type { ScheduleBasis } from "../domain/schedule.js";
import type { MemberStore } from "../store/member-store.js";
import type { PlanStore } from "../store/plan-store.js";
import type { ReminderStore } from "../store/reminder-store.js";
import { ReminderRunner } from "./runner.js";
import { channelSink, reminderChannels } from "./sinks.js";

export interface ReminderDeps {
  store: ReminderStore;
  plans: PlanStore;
  members: MemberStore;
  channels: Channels;
  settings: ChannelSettings;
  admins: string[];
  basis: ScheduleBasis;
  log: Log;
}

export function createReminderRunner(d: ReminderDeps): ReminderRunner {
  return new ReminderRunner({
    store: d.store,
    plans: d.plans,
    members: d.members,
    deliver: channelSink(reminderChannels(d.settings, d.channels, d.log), d.log),
    admins: d.admins,
    robotUnits: [...d.channels.robots.keys()],
    basis: d.basis,
    log: d.log,
  });
}
