// 设置姓名 <成员> <姓名> (admins, or anyone for their own id) and 我叫 <姓名> (oneself).
import { checkPersonName } from "../../domain/person-name.js";
import type { IntentOf } from "../../nlu/intent.js";
import type { Handler } from "../context.js";
import { can } from "../permissions.js";
import { audited, MEMBER_ID } from "./common.js";

export const name: Handler<IntentOf<"name">> = async (ctx, intent) => {
  const target = intent.member ?? ctx.member.id;
  const own = target === ctx.member.id;
  if (!own && !can(ctx.member, "name-others")) return "只有管理员可以设置他人的姓名；设置自己的姓名请发送「我叫 张三」。";
  if (!MEMBER_ID.test(target)) return `成员编号“${target}”格式不对，应为 渠道:账号，例如：设置姓名 wecom:zhangsan 张三`;
  const example = intent.member ? `设置姓名 ${target} 张三` : "我叫 张三";
  const checked = checkPersonName(intent.name);
  if (!checked.ok) return `${checked.problem}，请写成：${example}`;
  const m = await ctx.deps.members.setName(target, checked.name);
  if (!m && own) return `您还没有绑定，暂不能设置姓名；请把编号 ${target} 发给${ctx.deps.config.adminContact}，由管理员发送「绑定 ${target} 您的单位 您的姓名」。`;
  if (!m) return `成员 ${target} 还没有绑定，请先发送「绑定 ${target} 单位 ${checked.name}」。`;
  await audited(ctx, "name", target, { name: m.name });
  return intent.member ? `已把 ${target} 的姓名设为 ${m.name}。` : `好的，已把您的姓名设为 ${m.name}。`;
};
