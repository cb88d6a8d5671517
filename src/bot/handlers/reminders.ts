// 提醒设置 / 暂停提醒 / 设置节假日 (admins): the reminder schedule by message, changes recorded.
import type { IntentOf } from "../../nlu/intent.js";
import type { Handler } from "../context.js";
import { can } from "../permissions.js";
import { reminderCommand } from "../reminder-settings.js";
import { audited } from "./common.js";

export const reminders: Handler<IntentOf<"reminders">> = async (ctx, intent) => {
  if (!can(ctx.member, "reminders")) return "只有管理员可以修改提醒设置。";
  const answer = await reminderCommand(ctx.deps.reminders, ctx.catalog, intent);
  // reading the settings changes nothing: only changes are recorded
  if (intent.action !== "show") {
    await audited(ctx, "reminders", intent.unit ?? intent.field ?? intent.action, { text: ctx.msg.text.slice(0, 200), reply: answer.slice(0, 200) });
  }
  return answer;
};
