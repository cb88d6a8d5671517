// Reading the plan's catalogue: its indicators with their current figures, sections in report
// order and units; and the same catalogue as it stood at the end of a past day.
//
// The structure (names, aliases, targets, owners, sections, units) changes a few times a year and
// costs ten queries to load; the figures change with every report. So each instance keeps the
// structure in memory under the catalogue revision it was loaded at (bumped by triggers in the
// same transaction as any structural change), and every read takes, in one statement, the
// revision and the figures whose version moved since what it holds: a committed change, on this
// instance or another, is never missed.
import type { Catalog, CatalogIndicator } from "../catalog/catalog.js";
import { Prisma, type PrismaClient } from "../generated/prisma/client.js";
import { z } from "zod";
import { endOfShanghaiDay } from "../shanghai.js";
import { figure } from "./figures.js";
import { readComparator, readKind, readSchedule } from "./json-columns.js";

type IndicatorRow = Prisma.IndicatorGetPayload<{ include: { owner: true; placements: { include: { section: true } } } }>;

/** Each indicator's figure as a read gives it: [id, value, statusText, printedPct, updatedAt (epoch ms), version]. */
const FigureTuples = z.array(z.tuple([z.number(), z.string().nullable(), z.string().nullable(), z.string().nullable(), z.number().nullable(), z.number()]));
type FigureTuple = z.infer<typeof FigureTuples>[number];

/** What the instance holds: the structure loaded at `revision`, each figure with the version it was read at. */
interface Held {
  revision: bigint;
  catalog: Catalog;
}

/** The figure versions held, by indicator id: a read returns only the figures whose version moved. */
export interface HeldVersions {
  ids: number[];
  versions: number[];
}

/**
 * One statement that makes the catalogue current, with `more` columns (see TurnReader): the
 * revision, and the figures whose version is not the one held (all of them when none is held).
 * An unchanged plan costs a hundred-row index join and no JSON; a report, one figure.
 */
export function catalogStatement(year: number, held: HeldVersions | undefined, more: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`
    SELECT (SELECT "revision"::text FROM "CatalogRevision" WHERE "id" = 1) AS "revision",
      (SELECT json_agg(json_build_array(i."id", i."value"::text, i."statusText", i."printedPct",
          (extract(epoch FROM i."updatedAt") * 1000)::float8, i."version"))::text
        FROM "Indicator" i JOIN "Plan" p ON p."id" = i."planId"
          LEFT JOIN unnest(${held?.ids ?? []}::int[], ${held?.versions ?? []}::int[]) AS h("id", "version") ON h."id" = i."id"
        WHERE p."year" = ${year} AND h."version" IS DISTINCT FROM i."version") AS "figures"
      ${more}`;
}

/** What catalogStatement read. */
export interface CatalogColumns {
  revision: string | null;
  /** null: every figure held is current */
  figures: string | null;
}

export class CatalogReader {
  private held?: Held;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly year: number,
  ) {}

  /** the revision of the structure in memory */
  get revision(): bigint | undefined {
    return this.held?.revision;
  }

  /** the figure versions held, to pass to catalogStatement */
  get heldVersions(): HeldVersions | undefined {
    const indicators = this.held?.catalog.indicators;
    return indicators && { ids: indicators.map((i) => i.id), versions: indicators.map((i) => i.version ?? -1) };
  }

  /** The catalogue as it stands: one statement while the structure is unchanged. */
  async catalog(): Promise<Catalog> {
    const [row] = await this.prisma.$queryRaw<CatalogColumns[]>(catalogStatement(this.year, this.heldVersions));
    return this.current(row!);
  }

  /**
   * The catalogue from a statement that read catalogStatement. Revisions and figure versions only
   * grow, and a structure loaded after a read is at least as new as it: so what is held is
   * replaced only by a newer structure, each figure only by a newer version of it, and no figure
   * is older than the statement that asked for it.
   */
  async current(read: CatalogColumns): Promise<Catalog> {
    const revision = BigInt(read.revision ?? 0);
    if (!this.held || revision > this.held.revision) {
      const loaded = { revision, catalog: await this.load() };
      if (!this.held || loaded.revision > this.held.revision) this.held = loaded;
    }
    if (read.figures !== null) this.held = { ...this.held, catalog: withFigures(this.held.catalog, FigureTuples.parse(JSON.parse(read.figures))) };
    return this.held.catalog;
  }

  private async load(): Promise<Catalog> {
    const plan = await this.prisma.plan.findUnique({ where: { year: this.year } });
    if (!plan) throw new Error(`${this.year} 年的计划还没有导入`);
    const [indicators, sections, units] = await Promise.all([
      this.prisma.indicator.findMany({
        where: { planId: plan.id },
        include: { owner: true, placements: { include: { section: true } } },
        orderBy: { id: "asc" },
      }),
      this.prisma.section.findMany({
        where: { planId: plan.id },
        include: { parent: true, placements: { orderBy: { ordinal: "asc" }, include: { indicator: { select: { code: true } } } } },
        orderBy: [{ level: "asc" }, { ordinal: "asc" }],
      }),
      this.prisma.unit.findMany({ orderBy: { id: "asc" } }),
    ]);
    return {
      year: plan.year,
      title: plan.title,
      indicators: indicators.map(toCatalogIndicator),
      sections: inReportOrder(sections).map((s) => ({
        code: s.code,
        label: s.label,
        title: s.title,
        aliases: s.aliases,
        level: s.level,
        parentCode: s.parent?.code ?? null,
        indicatorCodes: s.placements.map((p) => p.indicator.code),
        wording: s.wording,
        phrases: Object.fromEntries(s.placements.flatMap((p) => (p.phrase === null ? [] : [[p.indicator.code, p.phrase]]))),
      })),
      units: units.map((u) => ({ id: u.id, name: u.name, aliases: u.aliases })),
    };
  }

  /** The catalogue with each indicator as it stood at the end of a day (Asia/Shanghai). */
  async catalogAsOf(date: string): Promise<Catalog> {
    const catalog = await this.catalog();
    const rows = await this.prisma.update.findMany({
      where: { createdAt: { lte: endOfShanghaiDay(date) }, kind: { not: "config" }, indicator: { plan: { year: this.year } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { indicatorId: true, newValue: true, newText: true, printedPct: true, createdAt: true },
    });
    const last = new Map(rows.map((r) => [r.indicatorId, r]));
    return {
      ...catalog,
      indicators: catalog.indicators.map((i) => {
        const u = last.get(i.id);
        return u
          ? { ...i, value: figure(u.newValue), statusText: u.newText, printedPct: u.printedPct, updatedAt: u.createdAt }
          : { ...i, value: null, statusText: null, printedPct: null, updatedAt: null };
      }),
    };
  }
}

/** The held catalogue with the figures just read, each where it is newer than the one held; the structure's arrays are shared. */
function withFigures(catalog: Catalog, figures: FigureTuple[]): Catalog {
  const byId = new Map(figures.map((f) => [f[0], f]));
  return {
    ...catalog,
    indicators: catalog.indicators.map((i) => {
      const f = byId.get(i.id);
      if (!f || f[5] <= (i.version ?? -1)) return i;
      const [, value, statusText, printedPct, updatedAt, version] = f;
      return { ...i, value: figure(value), statusText, printedPct, updatedAt: updatedAt === null ? null : new Date(Math.round(updatedAt)), version };
    }),
  };
}

/** Sections depth first, each level by ordinal: the order the report prints them in. */
function inReportOrder<T extends { id: number; parentId: number | null; ordinal: number }>(sections: T[]): T[] {
  const out: T[] = [];
  const visit = (parentId: number | null) => {
    for (const s of sections.filter((x) => x.parentId === parentId).sort((a, b) => a.ordinal - b.ordinal)) {
      out.push(s);
      visit(s.id);
    }
  };
  visit(null);
  return out;
}

function toCatalogIndicator(r: IndicatorRow): CatalogIndicator {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    aliases: r.aliases,
    kind: readKind(r.kind, r.code),
    unit: r.unit,
    target: figure(r.target),
    comparator: readComparator(r.comparator, r.code),
    decimals: r.decimals,
    value: figure(r.value),
    statusText: r.statusText,
    printedPct: r.printedPct,
    schedule: readSchedule(r.schedule, r.code),
    unitId: r.unitId,
    owner: r.owner.name,
    updatedAt: r.updatedAt,
    version: r.version,
    sectionCodes: r.placements.map((p) => p.section.code),
    phrase: r.phrase,
  };
}
