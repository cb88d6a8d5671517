// Reading the plan's catalogue: its indicators with their current figures, sections in report
// order and units; and the same catalogue as it stood at the end of a past day.
import type { Catalog, CatalogIndicator } from "../catalog/catalog.js";
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import { endOfShanghaiDay } from "../shanghai.js";
import { figure } from "./figures.js";
import { readComparator, readKind, readSchedule } from "./json-columns.js";

type IndicatorRow = Prisma.IndicatorGetPayload<{ include: { owner: true; placements: { include: { section: true } } } }>;

export class CatalogReader {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly year: number,
  ) {}

  async catalog(): Promise<Catalog> {
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
    sectionCodes: r.placements.map((p) => p.section.code),
    phrase: r.phrase,
  };
}
