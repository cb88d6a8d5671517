// A person for others to read: the name rule (checkPersonName) and how someone is named in lists
// and replies (authorName). Pure.
// The same rule for every way a name arrives (chat, API, CLI, a channel's profile), so a name
// shown anywhere could have been typed anywhere. Names are shown as text, never as markup, so
// < and > need no special care; control characters and lone surrogates do (PostgreSQL).
import { z } from "zod";

export const NAME_MAX_CHARS = 20;

const CONTROL = /[\p{Cc}\p{Cs}\u2028\u2029]/u;
/** at least one letter or digit: a name of only punctuation, symbols or spaces names nobody */
const LETTER = /[\p{L}\p{N}]/u;
/** written like a member id (wecom:zhangsan): someone forgot the name after the id */
const MEMBER_ID = /^(?:api|wecom|telegram|cli):\S+$/iu;

export type NameCheck = { ok: true; name: string } | { ok: false; problem: string };

/** The name trimmed (inner runs of spaces made one), or why it cannot be one. */
export function checkPersonName(raw: string): NameCheck {
  const name = raw.trim().replace(/\s+/gu, " ");
  if (!name) return { ok: false, problem: "姓名不能为空" };
  if (CONTROL.test(name)) return { ok: false, problem: "姓名里有不可见的控制字符" };
  if ([...name].length > NAME_MAX_CHARS) return { ok: false, problem: `姓名最多 ${NAME_MAX_CHARS} 个字` };
  if (!LETTER.test(name)) return { ok: false, problem: "姓名不能只有标点或符号" };
  if (MEMBER_ID.test(name)) return { ok: false, problem: "姓名不能是成员编号" };
  return { ok: true, name };
}

/** The name if it passes, else nothing: for names a channel hands over, which nobody typed here. */
export function personNameOrNothing(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const checked = checkPersonName(raw);
  return checked.ok ? checked.name : undefined;
}

/** The API's and the CLI's check: a zod string that is a name, trimmed. */
export const PersonName = z.string().transform((raw, ctx) => {
  const checked = checkPersonName(raw);
  if (checked.ok) return checked.name;
  ctx.addIssue({ code: "custom", message: `${checked.problem}。` });
  return z.NEVER;
});

/** Who made a change, for a list others read: the member's name, else unit and role in words. */
export function authorName(m: { name: string | null; role: string; unitName: string | null }): string {
  if (m.name) return m.name;
  if (m.role === "admin") return "管理员";
  if (m.unitName) return `${m.unitName}${m.role === "reporter" ? "填报员" : "人员"}`;
  return m.role === "viewer" ? "只读用户" : "其他人员";
}
