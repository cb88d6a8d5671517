// 看板: a personal one-time link that signs this member in to the dashboard.
import type { IntentOf } from "../../nlu/intent.js";
import type { Handler } from "../context.js";

export const signin: Handler<IntentOf<"signin">> = async (ctx) => {
  const { signIn, config } = ctx.deps;
  if (!signIn) return "看板未开放，请联系" + config.adminContact + "。";
  // a link signs in whoever opens it: never into a chat others read
  if (ctx.msg.shared) return "看板登录链接只发给本人：请私聊我发送「看板」。";
  const link = await signIn.issue(ctx.member.id);
  return `您的看板登录链接（${link.minutes} 分钟内有效，只能使用一次，请勿转发）：\n${link.url}`;
};
