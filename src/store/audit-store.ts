// Who did what outside the figures: members bound, names, reminder settings, imports, reminder
// runs, sign-ins. The figures keep their own history (Update rows); this is the rest.
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import { readDetail } from "./json-columns.js";

export type AuditAction = "member" | "name" | "reminders" | "import" | "remind" | "signin" | "signout";

export interface AuditEntry {
  /** a member id, or "api" for the machine token */
  actor: string;
  channel: string;
  action: AuditAction;
  target?: string;
  detail?: Record<string, unknown>;
  at: Date;
}

export interface AuditRow extends AuditEntry {
  id: number;
}

export class AuditStore {
  constructor(private readonly prisma: PrismaClient) {}

  async record(e: AuditEntry): Promise<void> {
    await this.prisma.auditEvent.create({
      data: { actor: e.actor, channel: e.channel, action: e.action, target: e.target ?? null, detail: (e.detail ?? undefined) as Prisma.InputJsonValue | undefined, at: e.at },
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
        action: r.action as AuditAction,
        ...(r.target !== null ? { target: r.target } : {}),
        ...(detail ? { detail } : {}),
        at: r.at,
      };
    });
  }
}
