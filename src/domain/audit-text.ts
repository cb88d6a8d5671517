// An admin action in words, for the dashboard's 管理操作记录 (admins only).
import { Role, ROLE_NAMES } from "./roles.js";

export interface AuditFacts {
  action: string;
  target?: string;
  detail?: Record<string, unknown>;
}


/** "绑定 张三（wecom:zhangsan）：市人社局 填报员"; `named` turns a member id into name and id. */
export function auditText(e: AuditFacts, named: (id: string) => string): string {
  const d = e.detail ?? {};
  const target = e.target ?? "";
  switch (e.action) {
    case "member": {
      const role = Role.safeParse(d.role);
      return `绑定 ${named(target)}：${typeof d.unit === "string" && d.unit ? `${d.unit} ` : ""}${role.success ? ROLE_NAMES[role.data] : String(d.role ?? "")}`;
    }
    case "name":
      return `把 ${target} 的姓名设为 ${String(d.name ?? "")}`;
    case "reminders":
      return `提醒设置：${String(d.text ?? target)}`;
    case "import":
      return d.kind === "xlsx" ? "导入计划表" : `导入工作专报（${target}）${d.force ? "，含暂缓的数字" : ""}`;
    case "remind":
      return `立即发送 ${target} 的提醒：发出 ${Number(d.sent ?? 0)} 条${Number(d.failed ?? 0) ? `，失败 ${Number(d.failed)} 条` : ""}`;
    case "bulletin":
      return `专报：${String(d.text ?? target)}`;
    case "signin":
      return "登录看板";
    case "signout":
      return "退出看板";
    default:
      return e.action;
  }
}

/** Who did it, in words: a member by name, the token and the server's CLI by what they are. */
export function actorText(actor: string, named: (id: string) => string): string {
  if (actor === "api") return "接口令牌";
  if (actor.startsWith("cli:")) return `服务器命令行（${actor.slice(4)}）`;
  return named(actor);
}
