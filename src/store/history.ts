// Reading the plan's history from its Update rows: an indicator's changes, the plan-wide feed,
// chart points, who reported when, each figure's latest change and a member's last message.
import { authorName } from "../domain/person-name.js";
import { Prisma, type PrismaClient } from "../generated/prisma/client.js";
import { shanghaiDate } from "../shanghai.js";
import { figure } from "./figures.js";
import { IMPORTED, NOT_CURRENT, REPORTED } from "./update-kinds.js";

export interface HistoryEntry {
  at: Date;
  kind: string;
  memberId: string | null;
  /** the member's display name, when someone set one */
  memberName: string | null;
  channel: string;
  oldValue: number | null;
  newValue: number | null;
  oldText: string | null;
  newText: string | null;
  source: string | null;
  note: string | null;
  undone: boolean;
}

/** One change in the plan-wide feed: the dashboard's 最新动态 and the Excel 填报记录 sheet. */
export interface FeedEntry extends HistoryEntry {
  indicator: string;
  unit: string;
  /** the indicator's lead unit (单位), as the chat's 最近更新 lists it */
  owner: string;
  /** who made it, in words: the member's name, else unit and role; 导入 for the seed and imports */
  person: string;
}

/** A point of an indicator's history chart: a figure as it stood from `at` on. */
export interface ChartPoint {
  at: Date;
  value: number;
}

export interface NewestUpdate {
  at: Date;
  value: number | null;
}

export class PlanHistory {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly year: number,
  ) {}

  /** Each indicator's latest change of its current figure (seed, chat, import, undo). */
  async newestUpdates(indicatorIds: number[]): Promise<Map<number, NewestUpdate>> {
    const rows = await this.prisma.update.findMany({
      where: { indicatorId: { in: indicatorIds }, kind: { notIn: NOT_CURRENT } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      distinct: ["indicatorId"],
      select: { indicatorId: true, createdAt: true, newValue: true },
    });
    return new Map(rows.map((r) => [r.indicatorId, { at: r.createdAt, value: figure(r.newValue) }]));
  }

  /** The member's last message of changes that has not been undone yet. */
  async lastBatch(memberId: string) {
    const last = await this.prisma.update.findFirst({
      where: { memberId, kind: { in: REPORTED }, undoneBy: null, batchId: { not: null } },
      orderBy: { id: "desc" },
    });
    if (!last) return [];
    return this.prisma.update.findMany({ where: { batchId: last.batchId, undoneBy: null }, include: { indicator: true }, orderBy: { id: "asc" } });
  }

  /** The latest change of the figure (who last changed it), in one statement: a question's 最后更新 line. */
  async lastFigureChange(indicatorId: number): Promise<HistoryEntry | undefined> {
    const rows = await this.prisma.$queryRaw<LastChangeRow[]>`
      SELECT u."createdAt", u."kind", u."memberId", m."name" AS "memberName", u."channel", u."oldValue"::text AS "oldValue", u."newValue"::text AS "newValue",
        u."oldText", u."newText", u."sourceText", u."note", EXISTS (SELECT 1 FROM "Update" x WHERE x."undoOfId" = u."id") AS "undone"
      FROM "Update" u LEFT JOIN "Member" m ON m."id" = u."memberId"
      WHERE u."indicatorId" = ${indicatorId} AND u."kind" NOT IN (${Prisma.join(NOT_CURRENT)})
      ORDER BY u."createdAt" DESC, u."id" DESC LIMIT 1`;
    const r = rows[0];
    return r && { at: r.createdAt, kind: r.kind, memberId: r.memberId, memberName: r.memberName, channel: r.channel, oldValue: figure(r.oldValue), newValue: figure(r.newValue), oldText: r.oldText, newText: r.newText, source: r.sourceText, note: r.note, undone: r.undone };
  }

  /** Newest first; `valuesOnly` leaves out catalogue edits (who last changed the figure). */
  async history(indicatorId: number, limit = 10, valuesOnly = false): Promise<HistoryEntry[]> {
    const rows = await this.prisma.update.findMany({
      where: { indicatorId, ...(valuesOnly ? { kind: { notIn: NOT_CURRENT } } : {}) },
      include: { undoneBy: { select: { id: true } }, member: { select: { name: true } } },
      // by date: an imported report's figures are dated by the report, not by when it was imported
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
    });
    return rows.map(toHistoryEntry);
  }

  /** The plan's changes, newest first; catalogue edits and the seed left out; `since`: those stamped from then on. */
  async feed(limit?: number, since?: Date): Promise<FeedEntry[]> {
    const rows = await this.prisma.update.findMany({
      where: { kind: { notIn: ["config", "seed"] }, indicator: { plan: { year: this.year } }, ...(since ? { createdAt: { gte: since } } : {}) },
      include: {
        undoneBy: { select: { id: true } },
        indicator: { select: { name: true, unit: true, owner: { select: { name: true } } } },
        member: { select: { name: true, role: true, unit: { select: { name: true } } } },
      },
      orderBy: { id: "desc" },
      ...(limit ? { take: limit } : {}),
    });
    return rows.map((r) => ({
      ...toHistoryEntry(r),
      indicator: r.indicator.name,
      unit: r.indicator.unit,
      owner: r.indicator.owner.name,
      person: IMPORTED.includes(r.kind) || !r.member ? "导入" : authorName({ name: r.member.name, role: r.member.role, unitName: r.member.unit?.name ?? null }),
    }));
  }

  /**
   * An indicator's figures for its chart, oldest first: a change that was undone, and the undo
   * that took it back, are left out, so a mistyped 99999999 taken back leaves no spike.
   */
  async chartPoints(indicatorId: number): Promise<ChartPoint[]> {
    const rows = await this.prisma.update.findMany({
      where: { indicatorId, kind: { notIn: ["config", "undo"] }, undoneBy: null, newValue: { not: null } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { createdAt: true, newValue: true },
    });
    return rows.map((r) => ({ at: r.createdAt, value: figure(r.newValue)! }));
  }

  /**
   * Per lead unit, the dates (Asia/Shanghai) its indicators were changed by a member since an
   * instant: a unit reporting. Seed and import rows, and catalogue edits, are not; a change taken
   * back with 撤销 is not either.
   */
  async reportDatesByUnit(since: Date): Promise<Map<string, string[]>> {
    const rows = await this.prisma.update.findMany({
      where: { createdAt: { gte: since }, memberId: { not: null }, kind: { in: REPORTED }, undoneBy: null, indicator: { plan: { year: this.year } } },
      select: { createdAt: true, indicator: { select: { owner: { select: { name: true } } } } },
    });
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.indicator.owner.name, [...(out.get(r.indicator.owner.name) ?? []), shanghaiDate(r.createdAt)]);
    return out;
  }
}

interface LastChangeRow {
  createdAt: Date;
  kind: string;
  memberId: string | null;
  memberName: string | null;
  channel: string;
  oldValue: string | null;
  newValue: string | null;
  oldText: string | null;
  newText: string | null;
  sourceText: string | null;
  note: string | null;
  undone: boolean;
}

type UpdateRow = Prisma.UpdateGetPayload<{ include: { undoneBy: { select: { id: true } }; member: { select: { name: true } } } }>;

function toHistoryEntry(r: UpdateRow): HistoryEntry {
  return {
    at: r.createdAt,
    kind: r.kind,
    memberId: r.memberId,
    memberName: r.member?.name ?? null,
    channel: r.channel,
    oldValue: figure(r.oldValue),
    newValue: figure(r.newValue),
    oldText: r.oldText,
    newText: r.newText,
    source: r.sourceText,
    note: r.note,
    undone: r.undoneBy !== null,
  };
}
