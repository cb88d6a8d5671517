// Data access for the plan: the catalogue the bot reads, and changes written with their
// Update rows in one transaction, each indicator row locked so no concurrent report is lost.
import type { Catalog, CatalogIndicator } from "../catalog/catalog.js";
import { systemClock, type Clock } from "../clock.js";
import type { Comparator, IndicatorKind } from "../domain/indicator.js";
import { exactDecimal } from "../domain/numbers.js";
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import type { ImportedFigure } from "../report/import.js";
import { figure, stored } from "./figures.js";
import { readSchedule } from "./json-columns.js";
import { endOfShanghaiDay, shanghaiDate } from "../shanghai.js";
import { authorName } from "../domain/person-name.js";

export interface Change {
  indicatorId: number;
  op: "set" | "add" | "note";
  /** set: the new value; add: the increment. A number counts at its shortest digits (8.61);
   *  decimal text ("999999999999.0003") carries figures a double cannot hold exactly. */
  value?: number | string;
  text?: string;
  /** the reporter's remark, kept on the Update row */
  note?: string;
}

export interface AppliedChange {
  indicatorId: number;
  code: string;
  oldValue: number | null;
  newValue: number | null;
  oldText: string | null;
  newText: string | null;
}

export interface ChangeContext {
  /** who made the change; null for an import run from the command line */
  memberId: string | null;
  channel: string;
  source: string;
  batchId: string;
  at?: Date;
  /** the inbox message asking for this change: marked applied in the same transaction, once */
  message?: { channel: string; messageId: string };
  /**
   * A 确认: the held change it applies, taken in the same transaction, so a crash before the
   * commit leaves it held (a retry of the 确认 applies it) and two 确认 apply it once.
   */
  confirms?: { memberId: string; expiresAt: Date };
}

/** The held change a 确认 meant was taken or replaced meanwhile: nothing was applied. */
export class NothingHeld extends Error {
  constructor() {
    super("the held change is gone");
  }
}

export type CatalogEdit =
  | { field: "owner"; unitId: number }
  | { field: "deadline"; date: string }
  | { field: "alias"; alias: string };

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
  /** who made it, in words: the member's name, else unit and role; 导入 for the seed and imports */
  person: string;
}

/** A point of an indicator's history chart: a figure as it stood from `at` on. */
export interface ChartPoint {
  at: Date;
  value: number;
}


/**
 * An imported figure older than the indicator's latest update: kept in its history, dated by the
 * report, without changing the current value.
 */
export const IMPORT_HISTORY = "import-history";
/** Update kinds that do not set the current figure: catalogue edits and history-only imports. */
const NOT_CURRENT = ["config", IMPORT_HISTORY];
/** Update kinds written by importing a report or seeding the plan, not by a member reporting. */
const IMPORTED = ["seed", "import", IMPORT_HISTORY];

export interface NewestUpdate {
  at: Date;
  value: number | null;
}

/** What importFigures did with one figure: set the current value, or went into history only. */
export interface ImportWritten {
  code: string;
  current: boolean;
}

type IndicatorRow = Prisma.IndicatorGetPayload<{ include: { owner: true; placements: { include: { section: true } } } }>;

const TX = { timeout: 20_000, maxWait: 20_000 } as const;

export class PlanStore {
  constructor(
    private readonly prisma: PrismaClient,
    readonly year: number,
    /** stamps a change made without `ctx.at` */
    private readonly clock: Clock = systemClock,
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

  /** Applies all changes or none; returns what each changed from and to. */
  async apply(changes: Change[], ctx: ChangeContext): Promise<AppliedChange[]> {
    const at = ctx.at ?? this.clock.now();
    return this.prisma.$transaction(async (tx) => {
      await takeConfirmed(tx, ctx.confirms);
      await markApplied(tx, ctx);
      const out: AppliedChange[] = [];
      for (const c of changes) {
        const current = await lockIndicator(tx, c.indicatorId);
        const newValue = c.op === "set" ? stored(c.value!) : c.op === "add" ? stored(exactDecimal(current.value ?? 0).plus(exactDecimal(c.value!))) : current.value;
        const newText = c.op === "note" ? c.text ?? null : current.statusText;
        await tx.indicator.update({
          where: { id: c.indicatorId },
          data: { value: newValue, statusText: newText, printedPct: null, updatedAt: at, version: { increment: 1 } },
        });
        await tx.update.create({
          data: {
            indicatorId: c.indicatorId,
            memberId: ctx.memberId,
            channel: ctx.channel,
            kind: c.op,
            oldValue: current.value,
            newValue,
            oldText: current.statusText,
            newText,
            oldPrintedPct: current.printedPct,
            printedPct: null,
            sourceText: ctx.source,
            note: c.note ?? null,
            batchId: ctx.batchId,
            createdAt: at,
          },
        });
        out.push({ indicatorId: c.indicatorId, code: current.code, oldValue: figure(current.value), newValue: figure(newValue), oldText: current.statusText, newText });
      }
      return out;
    }, TX);
  }

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

  /**
   * Figures read from a 工作专报, dated by the report (`ctx.at`, the start of its date): value
   * and printed %, and the derived target where the plan has none yet. A figure older than the
   * indicator's latest update goes into its history only and leaves the current value alone,
   * decided here under the row lock so a chat report arriving meanwhile is never rolled back.
   * All or nothing, each with its Update row.
   */
  async importFigures(figures: ImportedFigure[], ctx: ChangeContext): Promise<ImportWritten[]> {
    const at = ctx.at ?? this.clock.now();
    return this.prisma.$transaction(async (tx) => {
      const out: ImportWritten[] = [];
      for (const f of figures) {
        const current = await lockIndicator(tx, f.indicatorId);
        const row = await tx.indicator.findUniqueOrThrow({ where: { id: f.indicatorId }, select: { target: true } });
        const target = row.target === null && f.target !== null ? { target: stored(f.target) } : {};
        const newer = await tx.update.findFirst({ where: { indicatorId: f.indicatorId, kind: { notIn: NOT_CURRENT }, createdAt: { gt: at } }, select: { id: true } });
        const base = { indicatorId: f.indicatorId, memberId: ctx.memberId, channel: ctx.channel, newValue: stored(f.value), printedPct: f.printedPct, sourceText: ctx.source, batchId: ctx.batchId, createdAt: at };
        if (newer) {
          // history as it stood on the report's date: the figure before it, then the report's
          const before = await tx.update.findFirst({
            where: { indicatorId: f.indicatorId, kind: { notIn: NOT_CURRENT }, createdAt: { lte: at } },
            orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          });
          await tx.update.create({
            data: { ...base, kind: IMPORT_HISTORY, oldValue: before?.newValue ?? null, oldText: before?.newText ?? null, newText: before?.newText ?? null, oldPrintedPct: before?.printedPct ?? null },
          });
          if (Object.keys(target).length) await tx.indicator.update({ where: { id: f.indicatorId }, data: target });
          out.push({ code: current.code, current: false });
          continue;
        }
        await tx.indicator.update({
          where: { id: f.indicatorId },
          data: { value: stored(f.value), printedPct: f.printedPct, updatedAt: at, version: { increment: 1 }, ...target },
        });
        await tx.update.create({
          data: { ...base, kind: "import", oldValue: current.value, oldText: current.statusText, newText: current.statusText, oldPrintedPct: current.printedPct },
        });
        out.push({ code: current.code, current: true });
      }
      return out;
    }, TX);
  }

  /** The member's last message of changes that has not been undone yet. */
  async lastBatch(memberId: string) {
    const last = await this.prisma.update.findFirst({
      where: { memberId, kind: { in: ["set", "add", "note"] }, undoneBy: null, batchId: { not: null } },
      orderBy: { id: "desc" },
    });
    if (!last) return [];
    return this.prisma.update.findMany({ where: { batchId: last.batchId, undoneBy: null }, include: { indicator: true }, orderBy: { id: "asc" } });
  }

  /**
   * Undoes one batch with compensating updates. Refuses, changing nothing, when someone changed
   * one of its indicators since: undoing then would silently overwrite their figure.
   */
  async undo(batchId: string, ctx: ChangeContext): Promise<{ ok: true; changes: AppliedChange[] } | { ok: false; code: string; by: string | null }> {
    const at = ctx.at ?? this.clock.now();
    return this.prisma.$transaction(async (tx) => {
      await markApplied(tx, ctx);
      const updates = await tx.update.findMany({ where: { batchId, undoneBy: null }, orderBy: { id: "desc" } });
      const out: AppliedChange[] = [];
      for (const u of updates) {
        const current = await lockIndicator(tx, u.indicatorId);
        const since = await laterChanges(tx, u.indicatorId, u.id, batchId);
        if (since.length) throw new UndoConflict(current.code, since[since.length - 1]!.memberId);
        await tx.indicator.update({
          where: { id: u.indicatorId },
          data: { value: u.oldValue, statusText: u.oldText, printedPct: u.oldPrintedPct, updatedAt: at, version: { increment: 1 } },
        });
        await tx.update.create({
          data: {
            indicatorId: u.indicatorId,
            memberId: ctx.memberId,
            channel: ctx.channel,
            kind: "undo",
            oldValue: current.value,
            newValue: u.oldValue,
            oldText: current.statusText,
            newText: u.oldText,
            oldPrintedPct: current.printedPct,
            printedPct: u.oldPrintedPct,
            sourceText: ctx.source,
            batchId: ctx.batchId,
            undoOfId: u.id,
            createdAt: at,
          },
        });
        out.push({ indicatorId: u.indicatorId, code: current.code, oldValue: figure(current.value), newValue: figure(u.oldValue), oldText: current.statusText, newText: u.oldText });
      }
      return { ok: true as const, changes: out.reverse() };
    }, TX).catch((e: unknown) => {
      if (e instanceof UndoConflict) return { ok: false as const, code: e.code, by: e.by };
      throw e;
    });
  }

  /** An admin's edit of the catalogue, kept in the indicator's history like any change. */
  async edit(indicatorId: number, edit: CatalogEdit, ctx: ChangeContext): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await markApplied(tx, ctx);
      const current = await tx.indicator.findUniqueOrThrow({ where: { id: indicatorId }, include: { owner: true } });
      let before: string;
      let after: string;
      if (edit.field === "owner") {
        const unit = await tx.unit.findUniqueOrThrow({ where: { id: edit.unitId } });
        await tx.indicator.update({ where: { id: indicatorId }, data: { unitId: unit.id } });
        [before, after] = [`牵头单位：${current.owner.name}`, `牵头单位：${unit.name}`];
      } else if (edit.field === "deadline") {
        const was = readSchedule(current.schedule, current.code);
        const schedule = { ...(was ?? {}), deadline: edit.date };
        await tx.indicator.update({ where: { id: indicatorId }, data: { schedule } });
        [before, after] = [`完成期限：${was?.deadline ?? "年底"}`, `完成期限：${edit.date}`];
      } else {
        await tx.indicator.update({ where: { id: indicatorId }, data: { aliases: [...current.aliases.filter((a) => a !== edit.alias), edit.alias] } });
        [before, after] = [`别名：${current.aliases.join("、")}`, `别名：${[...current.aliases, edit.alias].join("、")}`];
      }
      await tx.update.create({
        data: {
          indicatorId, memberId: ctx.memberId, channel: ctx.channel, kind: "config", oldValue: current.value, newValue: current.value,
          oldText: before, newText: after, sourceText: ctx.source, batchId: ctx.batchId, createdAt: ctx.at ?? this.clock.now(),
        },
      });
    }, TX);
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

  /** The plan's changes, newest first; catalogue edits and the seed left out. */
  async feed(limit?: number): Promise<FeedEntry[]> {
    const rows = await this.prisma.update.findMany({
      where: { kind: { notIn: ["config", "seed"] }, indicator: { plan: { year: this.year } } },
      include: {
        undoneBy: { select: { id: true } },
        indicator: { select: { name: true, unit: true } },
        member: { select: { name: true, role: true, unit: { select: { name: true } } } },
      },
      orderBy: { id: "desc" },
      ...(limit ? { take: limit } : {}),
    });
    return rows.map((r) => ({
      ...toHistoryEntry(r),
      indicator: r.indicator.name,
      unit: r.indicator.unit,
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
      where: { createdAt: { gte: since }, memberId: { not: null }, kind: { in: ["set", "add", "note"] }, undoneBy: null, indicator: { plan: { year: this.year } } },
      select: { createdAt: true, indicator: { select: { owner: { select: { name: true } } } } },
    });
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.indicator.owner.name, [...(out.get(r.indicator.owner.name) ?? []), shanghaiDate(r.createdAt)]);
    return out;
  }
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

class UndoConflict extends Error {
  constructor(
    readonly code: string,
    readonly by: string | null,
  ) {
    super(`undo conflict on ${code}`);
  }
}

/** The message's change is in the database already (a retry, or a second instance): not again. */
export class AlreadyApplied extends Error {
  constructor(readonly batchId: string | null) {
    super("message already applied");
  }
}

/**
 * Locks the message's inbox row and marks it applied with this batch, so the change and the
 * mark commit together: a message re-run after a crash either finds no effect or is refused.
 */
/** A 确认 takes the exact held row it read: a newer held change has another expiry. */
async function takeConfirmed(tx: Prisma.TransactionClient, confirms: ChangeContext["confirms"]): Promise<void> {
  if (!confirms) return;
  const taken = await tx.$executeRaw`
    DELETE FROM "Pending" WHERE "memberId" = ${confirms.memberId} AND "expiresAt" = ${confirms.expiresAt}`;
  if (taken === 0) throw new NothingHeld();
}

async function markApplied(tx: Prisma.TransactionClient, ctx: ChangeContext): Promise<void> {
  const m = ctx.message;
  if (!m) return;
  const rows = await tx.$queryRaw<{ appliedAt: Date | null; batchId: string | null }[]>`
    SELECT "appliedAt", "batchId" FROM "InboundMessage" WHERE "channel" = ${m.channel} AND "messageId" = ${m.messageId} FOR UPDATE`;
  if (rows[0]?.appliedAt) throw new AlreadyApplied(rows[0].batchId);
  await tx.$executeRaw`
    INSERT INTO "InboundMessage" ("channel", "messageId", "memberId", "appliedAt", "batchId") VALUES (${m.channel}, ${m.messageId}, ${ctx.memberId}, (now() AT TIME ZONE 'UTC'), ${ctx.batchId})
    ON CONFLICT ("channel", "messageId") DO UPDATE SET "appliedAt" = EXCLUDED."appliedAt", "batchId" = EXCLUDED."batchId"`;
}

interface LockedIndicator {
  code: string;
  /** exact decimal text, whatever the driver makes of numeric */
  value: string | null;
  statusText: string | null;
  printedPct: string | null;
}

/**
 * Changes of an indicator's figure after update `afterId` that still stand: a change undone
 * since, and the undo that took it back, cancel out, so undo walks back through a member's own
 * reports one message at a time. Catalogue edits do not touch the figure.
 */
async function laterChanges(tx: Prisma.TransactionClient, indicatorId: number, afterId: number, batchId: string) {
  const rows = await tx.update.findMany({
    where: { indicatorId, id: { gt: afterId }, kind: { notIn: NOT_CURRENT } },
    include: { undoneBy: { select: { id: true } } },
    orderBy: { id: "asc" },
  });
  return rows.filter((r) => r.batchId !== batchId && r.undoneBy === null && !(r.undoOfId !== null && r.undoOfId > afterId));
}

/** SELECT … FOR UPDATE: a second report on the same indicator waits for the first to commit. */
async function lockIndicator(tx: Prisma.TransactionClient, id: number): Promise<LockedIndicator> {
  const rows = await tx.$queryRaw<LockedIndicator[]>`
    SELECT "code", "value"::text AS "value", "statusText", "printedPct" FROM "Indicator" WHERE "id" = ${id} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new Error(`indicator ${id} not found`);
  return row;
}

function toCatalogIndicator(r: IndicatorRow): CatalogIndicator {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    aliases: r.aliases,
    kind: r.kind as IndicatorKind,
    unit: r.unit,
    target: figure(r.target),
    comparator: (r.comparator as Comparator | null) ?? null,
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
