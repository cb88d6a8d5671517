// The admin's side of reminders by message: show and change the schedule, mute a unit until
// a date, mark a day as holiday or make-up working day.
import type { Catalog } from "../catalog/catalog.js";
import { parseChineseDate } from "../domain/schedule.js";
import type { IntentOf } from "../nlu/intent.js";
import type { ReminderSettings } from "../domain/reminder-settings.js";
import type { ReminderStore } from "../store/reminder-store.js";

const WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"];
const TIME = /([01]?\d|2[0-3])[:：]([0-5]\d)/u;
const EXAMPLES = "修改示例：提醒设置 周报 周二 10:00｜提醒设置 月报 26日 09:30｜提醒设置 免打扰 22:00-07:30｜暂停提醒 市人社局 到 5月10日｜恢复提醒 市人社局｜设置节假日 2027-01-01｜设置工作日 2027-02-07";

export async function reminderCommand(store: ReminderStore, catalog: Catalog, intent: IntentOf<"reminders">): Promise<string> {
  switch (intent.action) {
    case "show":
      return showSettings(store);
    case "set": {
      const change = settingChange(intent.field ?? "", intent.value ?? "");
      if (typeof change === "string") return change;
      await store.updateSettings(change);
      return `已更新。\n${await showSettings(store)}`;
    }
    case "mute":
    case "unmute": {
      if (!intent.unit) return `请写明单位，例如：${intent.action === "mute" ? "暂停提醒 市人社局 到 5月10日" : "恢复提醒 市人社局"}`;
      const unit = catalog.units.find((u) => u.name === intent.unit || u.aliases.includes(intent.unit!));
      if (!unit) return `没有找到单位“${intent.unit}”。`;
      if (intent.action === "unmute") {
        await store.mute(unit.id, null);
        return `已恢复向${unit.name}发送提醒。`;
      }
      const until = parseChineseDate(intent.value ?? "", catalog.year);
      if (!until) return `“${intent.value}”不是日期，请写成：暂停提醒 ${unit.name} 到 5月10日`;
      await store.mute(unit.id, until);
      return `已暂停向${unit.name}发送提醒，至 ${until}（含）。`;
    }
    case "day": {
      const date = parseChineseDate(intent.value ?? "", catalog.year);
      if (!date) return `“${intent.value}”不是日期，请写成：设置节假日 2027-01-01`;
      const workday = intent.field === "workday";
      await store.setCalendarDay(date, workday);
      return `已把 ${date} 设为${workday ? "工作日（调休上班）" : "休息日"}，提醒按此顺延。`;
    }
  }
}

function settingChange(field: string, value: string): Partial<ReminderSettings> | string {
  const time = TIME.exec(value);
  const hhmm = time ? `${time[1]!.padStart(2, "0")}:${time[2]}` : undefined;
  switch (field) {
    case "开关":
      return { enabled: /开启|打开/u.test(value) };
    case "周报": {
      const day = /(?:周|星期|礼拜)([一二三四五六日天])/u.exec(value);
      if (!day || !hhmm) return "请写成：提醒设置 周报 周一 09:00";
      return { digestWeekday: day[1] === "天" ? 7 : WEEKDAYS.indexOf(day[1]!) + 1, digestTime: hhmm };
    }
    case "月报": {
      const day = /(\d{1,2})\s*[日号]/u.exec(value);
      const n = day ? Number(day[1]) : NaN;
      if (!(n >= 1 && n <= 28) || !hhmm) return "请写成：提醒设置 月报 25日 09:00（日期 1 到 28）";
      return { fillDay: n, fillTime: hhmm };
    }
    case "第二次提醒":
      return hhmm ? { finalTime: hhmm } : "请写成：提醒设置 第二次提醒 09:00";
    case "催报":
      return hhmm ? { escalateTime: hhmm } : "请写成：提醒设置 催报 17:00";
    case "免打扰": {
      const m = /^([01]?\d|2[0-3])[:：]([0-5]\d)\s*[-~～至到]\s*([01]?\d|2[0-3])[:：]([0-5]\d)$/u.exec(value);
      if (!m) return "请写成：提醒设置 免打扰 22:00-08:00";
      return { quietStart: `${m[1]!.padStart(2, "0")}:${m[2]}`, quietEnd: `${m[3]!.padStart(2, "0")}:${m[4]}` };
    }
    default:
      return EXAMPLES;
  }
}

async function showSettings(store: ReminderStore): Promise<string> {
  const s = await store.settings();
  const mutes = [...(await store.mutes())].map(([unit, until]) => `${unit}（至 ${until}）`);
  const days = [...(await store.calendarDays())].sort().map(([d, w]) => `${d} ${w ? "上班" : "休息"}`);
  return [
    `提醒：${s.enabled ? "开启" : "关闭"}`,
    `- 落后指标周报：每周${WEEKDAYS[s.digestWeekday - 1]} ${s.digestTime}，发给落后单位和管理员`,
    `- 月度填报提醒：每月 ${s.fillDay} 日 ${s.fillTime}；月底前两个工作日 ${s.finalTime} 第二次提醒；最后一个工作日 ${s.escalateTime} 向管理员报告未填报单位`,
    `- 遇节假日顺延到下一个工作日（含调休上班日）；免打扰 ${s.quietStart}-${s.quietEnd}`,
    `- 暂停提醒的单位：${mutes.length ? mutes.join("、") : "无"}`,
    `- 自定义日期：${days.length ? days.join("、") : "无"}`,
    EXAMPLES,
  ].join("\n");
}
