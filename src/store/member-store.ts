// Who is talking (chat identities with a role and unit) and what the bot waits for from them.
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import type { Role } from "../domain/roles.js";
import type { z } from "zod";
import { readRole } from "./json-columns.js";

export interface MemberInfo {
  id: string;
  role: Role;
  unitId: number | null;
  unitName: string | null;
  /** the display name officials know the person by; none until someone sets it */
  name: string | null;
}

/** Who may talk without being bound: the admins the environment names, and everyone else as a viewer or no one. */
export interface AccessPolicy {
  admins: string[];
  defaultRole: "viewer" | "none";
}
type MemberRow = { id: string; role: string; unitId: number | null; name: string | null; unit: { name: string } | null };

/** A member row as stored, with its unit's name. */
export const memberInfo = (m: MemberRow): MemberInfo => ({ id: m.id, role: readRole(m.role, m.id), unitId: m.unitId, unitName: m.unit?.name ?? null, name: m.name });

/** Who is let in, from the stored member (undefined: none): an admin the environment names, a member, or a default viewer. */
export function admitted(id: string, policy: AccessPolicy, known: MemberInfo | undefined): MemberInfo | undefined {
  if (policy.admins.includes(id)) return { ...(known ?? { id, unitId: null, unitName: null, name: null }), role: "admin" };
  if (known) return known;
  return policy.defaultRole === "viewer" ? { id, role: "viewer", unitId: null, unitName: null, name: null } : undefined;
}

export class MemberStore {
  constructor(
    private readonly prisma: PrismaClient,
    /** where an unreadable pending action is reported */
    private readonly log: { warn(obj: object, msg?: string): void } = { warn: () => undefined },
  ) {}

  /** The member as the bot and the dashboard treat them now; undefined: not let in. */
  async identify(id: string, policy: AccessPolicy): Promise<MemberInfo | undefined> {
    return admitted(id, policy, await this.get(id));
  }

  async get(id: string): Promise<MemberInfo | undefined> {
    const m = await this.prisma.member.findUnique({ where: { id }, include: { unit: true } });
    return m ? memberInfo(m) : undefined;
  }

  /** Creates or changes a member; a reporter must name a unit, others keep none. No `name` keeps the one it has. */
  async put(id: string, role: Role, unitName?: string, name?: string): Promise<MemberInfo> {
    let unitId: number | null = null;
    if (unitName) {
      const unit = await this.findUnit(unitName);
      if (!unit) throw new UnknownUnit(unitName);
      unitId = unit.id;
    }
    const m = await this.prisma.member.upsert({
      where: { id },
      create: { id, role, unitId, name: name ?? null },
      update: { role, unitId, ...(name !== undefined ? { name } : {}) },
      include: { unit: true },
    });
    return memberInfo(m);
  }

  /** Sets the display name of an existing member; undefined when there is no such member. */
  async setName(id: string, name: string): Promise<MemberInfo | undefined> {
    const n = await this.prisma.member.updateMany({ where: { id }, data: { name } });
    return n.count ? this.get(id) : undefined;
  }

  /** Names a member only if nobody has yet (a channel's profile never overrides a name someone set); true if it did. */
  async nameIfUnset(id: string, name: string): Promise<boolean> {
    const n = await this.prisma.member.updateMany({ where: { id, name: null }, data: { name } });
    return n.count > 0;
  }

  /** Creates the member with this role if absent; an existing member keeps its unit. */
  async ensure(id: string, role: Role): Promise<void> {
    await this.prisma.member.upsert({ where: { id }, create: { id, role }, update: { role } });
  }

  async list(): Promise<MemberInfo[]> {
    const rows = await this.prisma.member.findMany({ include: { unit: true }, orderBy: { id: "asc" } });
    return rows.map(memberInfo);
  }

  async findUnit(name: string) {
    const units = await this.prisma.unit.findMany();
    return units.find((u) => u.name === name) ?? units.find((u) => u.aliases.includes(name)) ?? units.find((u) => u.name.includes(name));
  }

  async setPending(memberId: string, payload: unknown, expiresAt: Date): Promise<void> {
    // the caller's zod schema checks it again on the way back (peekPending, takePending)
    // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion
    const json = payload as Prisma.InputJsonValue;
    await this.prisma.pending.upsert({
      where: { memberId },
      create: { memberId, payload: json, expiresAt },
      update: { payload: json, expiresAt },
    });
  }

  /** What waits for the member, left in place (a 确认 takes it inside its change's transaction). */
  async peekPending<T>(memberId: string, now: Date, schema: z.ZodType<T>): Promise<{ payload: T; expiresAt: Date } | undefined> {
    const row = await this.prisma.pending.findFirst({ where: { memberId, expiresAt: { gt: now } } });
    if (!row) return undefined;
    const payload = this.parsePending(memberId, row.payload, schema);
    return payload === undefined ? undefined : { payload, expiresAt: row.expiresAt };
  }

  /** Takes the pending action away: of two 确认 arriving together, only one gets it. */
  async takePending<T>(memberId: string, now: Date, schema: z.ZodType<T>): Promise<T | undefined> {
    const rows = await this.prisma.$queryRaw<{ payload: unknown }[]>`
      DELETE FROM "Pending" WHERE "memberId" = ${memberId} AND "expiresAt" > ${now} RETURNING "payload"`;
    return rows[0] && this.parsePending(memberId, rows[0].payload, schema);
  }

  /** Drops whatever waits, expired or not; returns it if it was still live, so the bot can say so. */
  async clearPending<T>(memberId: string, now: Date, schema: z.ZodType<T>): Promise<T | undefined> {
    const rows = await this.prisma.$queryRaw<{ payload: unknown; expiresAt: Date }[]>`
      DELETE FROM "Pending" WHERE "memberId" = ${memberId} RETURNING "payload", "expiresAt"`;
    const row = rows[0];
    return row && row.expiresAt > now ? this.parsePending(memberId, row.payload, schema) : undefined;
  }

  /** A payload that no longer fits its schema (an older version wrote it) counts as nothing pending. */
  private parsePending<T>(memberId: string, payload: unknown, schema: z.ZodType<T>): T | undefined {
    const parsed = schema.safeParse(payload);
    if (parsed.success) return parsed.data;
    this.log.warn({ member: memberId, issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`) }, "pending action unreadable, dropped");
    return undefined;
  }
}

export class UnknownUnit extends Error {
  constructor(readonly unit: string) {
    super(`unknown unit ${unit}`);
  }
}
