// The reminder schedule an admin sets by message over the environment's defaults. Pure data:
// the store keeps it, the reminders decide with it, the bot shows and changes it.

export interface ReminderSettings {
  enabled: boolean;
  /** weekly laggard digest: ISO weekday (1 = Monday) and time */
  digestWeekday: number;
  digestTime: string;
  /** monthly fill-in reminder: day of month and time */
  fillDay: number;
  fillTime: string;
  /** the firmer reminder, two working days before month end */
  finalTime: string;
  /** escalation to admins on the last working day */
  escalateTime: string;
  /** no pushes between these times (a quiet night); what falls due waits for the morning */
  quietStart: string;
  quietEnd: string;
}

export const DEFAULT_SETTINGS: ReminderSettings = {
  enabled: true,
  digestWeekday: 1,
  digestTime: "09:00",
  fillDay: 25,
  fillTime: "09:00",
  finalTime: "09:00",
  escalateTime: "17:00",
  quietStart: "22:00",
  quietEnd: "08:00",
};
