// Writes a plan file into an empty database: units, the section tree, indicators with their
// derived targets, and each indicator's first Update carrying the report's printed figures.
import { Prisma, type PrismaClient } from "../generated/prisma/client.js";
import { deriveTarget } from "../domain/target.js";
import type { IndicatorSchedule } from "../domain/schedule.js";
import { storedOrNull } from "./figures.js";
import { startOfShanghaiDay } from "../shanghai.js";
import { declared, placed, type PlanFile, type PlanIndicator, type PlanSection } from "../catalog/types.js";
import { planWordingErrors } from "../catalog/wording.js";

type Tx = Prisma.TransactionClient;

/** What a plan import needs from the database: the units it knows, and the plan writer. */
export interface Seeder {
  /** every unit of every plan seeded so far, by full name */
  unitNames(): Promise<string[]>;
  seed(plan: PlanFile): Promise<boolean>;
}

export function seeder(prisma: PrismaClient): Seeder {
  return {
    unitNames: async () => (await prisma.unit.findMany({ orderBy: { id: "asc" } })).map((u) => u.name),
    seed: (plan) => seedPlan(prisma, plan),
  };
}

/**
 * Seeds `plan` unless its year is already there; returns whether it wrote anything. Two
 * instances starting together on one PostgreSQL both try: the second one's insert of the plan
 * waits for the first to commit, then fails on the unique year, and that means "already seeded".
 */
export async function seedPlan(prisma: PrismaClient, plan: PlanFile): Promise<boolean> {
  try {
    return await writePlan(prisma, plan);
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002" && (await prisma.plan.findUnique({ where: { year: plan.year } }))) return false;
    throw e;
  }
}

async function writePlan(prisma: PrismaClient, plan: PlanFile): Promise<boolean> {
  // a wording naming an indicator its item does not hold is the plan file's mistake: refused whole
  const wrong = planWordingErrors(plan);
  if (wrong.length) throw new Error(`plan ${plan.year}: ${wrong.join("；")}`);
  return prisma.$transaction(
    async (tx) => {
      if (await tx.plan.findUnique({ where: { year: plan.year } })) return false;
      await tx.unit.createMany({ data: plan.units.map((u) => ({ name: u.name, aliases: u.aliases })), skipDuplicates: true });
      const units = new Map((await tx.unit.findMany()).map((u) => [u.name, u.id]));
      const { id: planId } = await tx.plan.create({ data: { year: plan.year, title: plan.title } });
      const writer = new PlanWriter(tx, plan, planId, units);
      let ordinal = 0;
      for (const section of plan.sections) await writer.section(section, null, 0, ordinal++);
      // the 专报 the plan came from holds its number, so the next month's is numbered after it
      if (plan.issue) await tx.reportIssue.create({ data: { year: plan.year, month: Number(plan.issue.date.slice(5, 7)), number: plan.issue.number, date: plan.issue.date, createdAt: startOfShanghaiDay(plan.asOf) } });
      return true;
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
}

class PlanWriter {
  private readonly indicators = new Map<string, number>();
  private readonly asOf: Date;

  constructor(
    private readonly tx: Tx,
    private readonly plan: PlanFile,
    private readonly planId: number,
    private readonly units: Map<string, number>,
  ) {
    this.asOf = startOfShanghaiDay(plan.asOf);
  }

  async section(s: PlanSection, parentId: number | null, level: number, ordinal: number): Promise<void> {
    const row = await this.tx.section.create({
      data: { planId: this.planId, parentId, code: s.code, label: s.label, title: s.title, level, ordinal, aliases: s.aliases ?? [], wording: s.wording ?? null },
    });
    let i = 0;
    for (const child of s.children ?? []) await this.section(child, row.id, level + 1, i++);
    let j = 0;
    for (const entry of s.indicators ?? []) {
      const own = declared(entry);
      const { code, phrase } = placed(entry);
      const indicatorId = own ? await this.indicator(own) : this.known(code);
      await this.tx.placement.create({ data: { sectionId: row.id, indicatorId, ordinal: j++, phrase: phrase ?? null } });
    }
  }

  private known(code: string): number {
    const id = this.indicators.get(code);
    if (id === undefined) throw new Error(`plan ${this.plan.year}: ${code} is placed before it is declared`);
    return id;
  }

  private async indicator(p: PlanIndicator): Promise<number> {
    if (this.indicators.has(p.code)) throw new Error(`plan ${this.plan.year}: ${p.code} declared twice`);
    const unitId = this.units.get(p.owner);
    if (unitId === undefined) throw new Error(`plan ${this.plan.year}: unknown unit ${p.owner}`);
    const decimals = p.decimals ?? 0;
    const pct = p.pct || null;
    const target = p.target ?? (p.value !== undefined && pct ? deriveTarget(p.value, pct, decimals) : undefined) ?? null;
    const row = await this.tx.indicator.create({
      data: {
        planId: this.planId,
        code: p.code,
        name: p.name,
        aliases: p.aliases ?? [],
        kind: p.kind,
        unit: p.unit,
        target: storedOrNull(target),
        comparator: p.comparator ?? null,
        decimals,
        schedule: p.schedule ? scheduleJson(p.schedule) : undefined,
        value: storedOrNull(p.value),
        statusText: p.status ?? null,
        printedPct: pct,
        phrase: p.phrase ?? null,
        unitId,
        updatedAt: this.asOf,
      },
    });
    await this.tx.update.create({
      data: {
        indicatorId: row.id,
        channel: "seed",
        kind: "seed",
        newValue: storedOrNull(p.value),
        newText: p.status ?? null,
        printedPct: pct,
        sourceText: this.plan.source,
        createdAt: this.asOf,
      },
    });
    this.indicators.set(p.code, row.id);
    return row.id;
  }
}

/** A schedule as its JSON column holds it (json-columns.ts reads it back with zod). */
function scheduleJson(s: IndicatorSchedule): Prisma.InputJsonObject {
  return { ...(s.deadline ? { deadline: s.deadline } : {}), ...(s.monthly ? { monthly: s.monthly } : {}) };
}
