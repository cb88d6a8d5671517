// 我是谁: one's id, name and what one may do.
import type { IntentOf } from "../../nlu/intent.js";
import type { Handler } from "../context.js";
import * as render from "../render.js";

export const whoami: Handler<IntentOf<"whoami">> = async ({ member: m }) => {
  const role = { admin: "管理员（可查询、填报所有指标、绑定成员）", reporter: `${m.unitName ?? ""}填报员（可查询，可填报本单位指标）`, viewer: "只读用户（只能查询）" }[m.role];
  // a viewer may be one nobody bound, who has no record to keep a name in
  const hint = !m.name && m.role !== "viewer" ? "发送「我叫 张三」可以设置您的姓名。" : "";
  return `您是 ${render.memberLabel(m)}，身份：${role}。${hint}`;
};
