// What a member may do: read (viewer), report for their unit (reporter), or everything (admin).
// Here, not in nlu, because the store persists it and the store knows no consumer.
import { z } from "zod";

export const ROLES = ["admin", "reporter", "viewer"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** A role in words, as replies and the admin log name it. */
export const ROLE_NAMES: Record<Role, string> = { admin: "管理员", reporter: "填报员", viewer: "只读用户" };
