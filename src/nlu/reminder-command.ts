// The admin's reminder commands: the schedule, the switch, a unit's mute and the calendar.
import type { Intent } from "./intent.js";

/** 提醒设置 [周报 周二 10:00 | 月报 26日 09:30 | 第二次提醒 09:00 | 催报 17:00 | 免打扰 22:00-08:00 | 开启 | 关闭],
 * 暂停提醒 市人社局 到 5月10日, 恢复提醒 市人社局, 设置节假日 2027-01-01, 设置工作日 2027-02-07 */
export function parseReminderCommand(t: string): Intent | undefined {
  if (/^提醒设置$/u.test(t)) return { type: "reminders", action: "show" };
  const onOff = /^提醒设置\s*(开启|打开|关闭|停用)$/u.exec(t);
  if (onOff) return { type: "reminders", action: "set", field: "开关", value: onOff[1]! };
  const set = /^提醒设置\s*(周报|月报|第二次提醒|催报|免打扰)\s*(.+)$/u.exec(t);
  if (set) return { type: "reminders", action: "set", field: set[1]!, value: set[2]!.trim() };
  const mute = /^暂停提醒\s*(\S*?)\s*(?:到|至)\s*(\S+)$/u.exec(t);
  if (mute) return { type: "reminders", action: "mute", ...(mute[1] ? { unit: mute[1] } : {}), value: mute[2]! };
  const unmute = /^恢复提醒\s*(\S*)$/u.exec(t);
  if (unmute) return { type: "reminders", action: "unmute", ...(unmute[1] ? { unit: unmute[1] } : {}) };
  const day = /^设置(节假日|休息日|放假|工作日|调休上班|上班)\s*(\S+)$/u.exec(t);
  if (day) return { type: "reminders", action: "day", field: /工作日|上班/u.test(day[1]!) ? "workday" : "holiday", value: day[2]! };
  return undefined;
}
