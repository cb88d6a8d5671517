// Phrasings members used for indicators, offered to admins as aliases (别名建议). Stored so they
// survive restarts and every instance sees the same list; numbered by their order of arrival.
import type { PrismaClient } from "../generated/prisma/client.js";

export interface AliasSuggestionRow {
  id: number;
  indicatorId: number;
  code: string;
  name: string;
  alias: string;
  memberId: string | null;
  createdAt: Date;
}

export class AliasSuggestionStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** Records a phrasing once per indicator; one already decided is not offered again. */
  async suggest(s: { indicatorId: number; alias: string; memberId: string; source: string; at: Date }): Promise<void> {
    await this.prisma.aliasSuggestion.upsert({
      where: { indicatorId_alias: { indicatorId: s.indicatorId, alias: s.alias } },
      create: { indicatorId: s.indicatorId, alias: s.alias, memberId: s.memberId, source: s.source.slice(0, 500), createdAt: s.at },
      update: {},
    });
  }

  /** The open suggestions, oldest first: their position (from 1) is the number admins answer with. */
  async open(): Promise<AliasSuggestionRow[]> {
    const rows = await this.prisma.aliasSuggestion.findMany({ where: { status: "open" }, include: { indicator: true }, orderBy: { id: "asc" } });
    return rows.map((r) => ({ id: r.id, indicatorId: r.indicatorId, code: r.indicator.code, name: r.indicator.name, alias: r.alias, memberId: r.memberId, createdAt: r.createdAt }));
  }

  /** How many open suggestions no admin has been told of; marks them told (any instance, once). */
  async takeUnnoted(at: Date): Promise<number> {
    const { count } = await this.prisma.aliasSuggestion.updateMany({ where: { status: "open", notedAt: null }, data: { notedAt: at } });
    return count;
  }

  /** Closes an open suggestion; false when it was decided meanwhile (another admin, another instance). */
  async decide(id: number, status: "approved" | "rejected", by: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.aliasSuggestion.updateMany({ where: { id, status: "open" }, data: { status, decidedBy: by, decidedAt: at } });
    return count === 1;
  }
}
