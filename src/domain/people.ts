// People in words for lists others read (the dashboard feed): never a raw id like api:xf1.

/** Who made a change, for a list others read: the member's name, else unit and role in words. */
export function authorName(m: { name: string | null; role: string; unitName: string | null }): string {
  if (m.name) return m.name;
  if (m.role === "admin") return "管理员";
  if (m.unitName) return `${m.unitName}${m.role === "reporter" ? "填报员" : "人员"}`;
  return m.role === "viewer" ? "只读用户" : "其他人员";
}
