// 绑定 wecom:zhangsan 市人社局 张三: an admin lets a member in with a role, a unit and a name.
import { checkPersonName } from "../../domain/person-name.js";
import type { IntentOf } from "../../nlu/intent.js";
import { UnknownUnit } from "../../store/member-store.js";
import type { Handler } from "../context.js";
import { can } from "../permissions.js";
import * as render from "../render.js";
import { audited, MEMBER_ID } from "./common.js";
import { ROLE_NAMES } from "../../domain/roles.js";


export const bind: Handler<IntentOf<"bind">> = async (ctx, intent) => {
  if (!can(ctx.member, "bind")) return "只有管理员可以绑定成员。";
  if (!MEMBER_ID.test(intent.member)) {
    return `成员编号“${intent.member}”格式不对，应为 渠道:账号，例如：绑定 wecom:zhangsan 市人社局`;
  }
  if (intent.role === "reporter" && !intent.unit) return "绑定填报员需要写单位，例如：绑定 wecom:zhangsan 市人社局";
  let name: string | undefined;
  if (intent.name !== undefined) {
    // 绑定 wecom:x 查看 市人社局: a unit where the name goes is a slip, not a name
    if (ctx.catalog.units.some((u) => u.name === intent.name || u.aliases.includes(intent.name!))) {
      return `“${intent.name}”是单位，不是姓名；请写成：绑定 ${intent.member} ${intent.name} 张三（单位在前，姓名在最后）。`;
    }
    const checked = checkPersonName(intent.name);
    if (!checked.ok) return `${checked.problem}，请写成：绑定 ${intent.member} ${intent.unit ?? "市人社局"} 张三`;
    name = checked.name;
  }
  try {
    const m = await ctx.deps.members.put(intent.member, intent.role, intent.unit, name);
    await audited(ctx, "member", m.id, { role: m.role, unit: m.unitName, ...(name ? { name } : {}) });
    return `已绑定：${render.memberLabel(m)} 为${m.unitName ? ` ${m.unitName} ` : ""}${ROLE_NAMES[m.role]}。`;
  } catch (e) {
    if (e instanceof UnknownUnit) return `没有找到单位“${e.unit}”。可用单位：${ctx.catalog.units.map((u) => u.name).join("、")}`;
    throw e;
  }
};
