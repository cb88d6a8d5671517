// Who did what outside the figures: members bound, names, reminder settings, imports, reminder
// runs, sign-ins. The figures keep their own history (Update rows); this is the rest.
import type { PrismaClient } from "../generated/prisma/client.js";
import { readDetail } from "./json-columns.js";

export type AuditAction = "member" | "name" | "reminders" | "import" | "remind" | "signin" | "signout" | "bulletin";

export interface AuditEntry {
  /** a member id, or "api" for the machine token */
  actor: string;
  channel: string;
  action: AuditAction;
  target?: string;
  /** flat facts (counts, names, the command's text): JSON as it is, no cast on the way in */
  detail?: AuditDetail;
  at: Date;
}

export type AuditDetail = Record<string, string | number | boolean | null>;

/** As read back: an action this version does not know is kept as its word, not guessed. */
export interface AuditRow extends Omit<AuditEntry, "action" | "detail"> {
  id: number;
  action: string;
  detail?: Record<string, unknown>;
}

export class AuditStore {
  constructor(private readonly prisma: PrismaClient) {}

  async record(e: AuditEntry): Promise<void> {
    await this.prisma.auditEvent.create({
      data: { actor: e.actor, channel: e.channel, action: e.action, target: e.target ?? null, detail: e.detail, at: e.at },
    });
  }

  async recent(limit: number): Promise<AuditRow[]> {
    const rows = await this.prisma.auditEvent.findMany({ orderBy: [{ at: "desc" }, { id: "desc" }], take: limit });
    return rows.map((r) => {
      const detail = readDetail(r.detail);
      return {
        id: r.id,
        actor: r.actor,
        channel: r.channel,
        action: r.action,
        ...(r.target !== null ? { target: r.target } : {}),
        ...(detail ? { detail } : {}),
        at: r.at,
      };
    });
  }
}
