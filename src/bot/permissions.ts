// Who may do what, in one place. Callers word the refusal for their own situation; the rule
// itself lives only here, so a held change re-checked at 确认 asks the same question as the submission.
import type { MemberInfo } from "../store/member-store.js";

export type Action =
  /** change an indicator's figure or progress text; without an indicator: submit figures at all */
  | "submit"
  /** change an indicator's lead unit, deadline or aliases */
  | "edit"
  /** bind a member to a role and unit */
  | "bind"
  /** show or change reminder settings */
  | "reminders"
  /** set someone else's display name (anyone may set their own) */
  | "name-others"
  /** send 要闻, 亮点 and the materials and news counts for the 工作专报 */
  | "contribute"
  /** list, drop or move the 专报's 要闻 and choose its 亮点 */
  | "curate";

export function can(member: Pick<MemberInfo, "role" | "unitId">, action: Action, indicator?: { unitId: number }): boolean {
  if (member.role === "admin") return true;
  if (action === "contribute") return member.role === "reporter";
  if (action !== "submit" || member.role !== "reporter") return false;
  return !indicator || indicator.unitId === member.unitId;
}
