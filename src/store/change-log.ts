// Writing changes to the plan: a member's report, an imported 工作专报, 撤销 and an admin's
// catalogue edit. Each runs in one transaction with every indicator row locked, so no
// concurrent report is lost, and leaves one Update row per indicator it touched.
import type { Clock } from "../clock.js";
import { exactDecimal } from "../domain/numbers.js";
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import { figure, stored } from "./figures.js";
import { readSchedule } from "./json-columns.js";
import { IMPORT_HISTORY, NOT_CURRENT } from "./update-kinds.js";
import { lockIndicator, markApplied, recordUpdate, setCurrent, stateOf, takeConfirmed, type ChangeContext, type FigureState } from "./update-rows.js";

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

export type CatalogEdit =
  | { field: "owner"; unitId: number }
  | { field: "deadline"; date: string }
  | { field: "alias"; alias: string }
  | { field: "unalias"; alias: string };

/** A figure read from a 工作专报, as much of it as the store writes (report/import's ImportedFigure is one). */
export interface FigureToImport {
  indicatorId: number;
  value: number;
  /** the completion % as printed, when the report gives one */
  printedPct: string | null;
  /** the target the printed % implies, for an indicator that has none yet */
  target: number | null;
}

/** What importFigures did with one figure: set the current value, or went into history only. */
export interface ImportWritten {
  code: string;
  current: boolean;
}

export type UndoOutcome = { ok: true; changes: AppliedChange[] } | { ok: false; code: string; by: string | null };

const TX = { timeout: 20_000, maxWait: 20_000 } as const;

export class ChangeLog {
  constructor(
    private readonly prisma: PrismaClient,
    /** stamps a change made without `ctx.at` */
    private readonly clock: Clock,
  ) {}

  /** Applies all changes or none; returns what each changed from and to. */
  async apply(changes: Change[], ctx: ChangeContext): Promise<AppliedChange[]> {
    const at = ctx.at ?? this.clock.now();
    return this.prisma.$transaction(async (tx) => {
      await takeConfirmed(tx, ctx.confirms);
      await markApplied(tx, ctx);
      const out: AppliedChange[] = [];
      for (const c of changes) {
        const current = await lockIndicator(tx, c.indicatorId);
        const value = c.op === "set" ? stored(c.value!) : c.op === "add" ? stored(exactDecimal(current.value ?? 0).plus(exactDecimal(c.value!))) : current.value;
        const text = c.op === "note" ? c.text ?? null : current.statusText;
        const after: FigureState = { value, text, printedPct: null };
        await setCurrent(tx, c.indicatorId, after, at);
        await recordUpdate(tx, ctx, { indicatorId: c.indicatorId, kind: c.op, before: stateOf(current), after, at, ...(c.note !== undefined ? { note: c.note } : {}) });
        out.push({ indicatorId: c.indicatorId, code: current.code, oldValue: figure(current.value), newValue: figure(value), oldText: current.statusText, newText: text });
      }
      return out;
    }, TX);
  }

  /**
   * Figures read from a 工作专报, dated by the report (`ctx.at`, the start of its date): value
   * and printed %, and the derived target where the plan has none yet. A figure older than the
   * indicator's latest update goes into its history only and leaves the current value alone,
   * decided here under the row lock so a chat report arriving meanwhile is never rolled back.
   * All or nothing, each with its Update row.
   */
  async importFigures(figures: FigureToImport[], ctx: ChangeContext): Promise<ImportWritten[]> {
    const at = ctx.at ?? this.clock.now();
    return this.prisma.$transaction(async (tx) => {
      const out: ImportWritten[] = [];
      for (const f of figures) {
        const current = await lockIndicator(tx, f.indicatorId);
        const row = await tx.indicator.findUniqueOrThrow({ where: { id: f.indicatorId }, select: { target: true } });
        const target = row.target === null && f.target !== null ? stored(f.target) : undefined;
        const newer = await tx.update.findFirst({ where: { indicatorId: f.indicatorId, kind: { notIn: NOT_CURRENT }, createdAt: { gt: at } }, select: { id: true } });
        if (newer) {
          await importIntoHistory(tx, ctx, f, at);
          if (target !== undefined) await tx.indicator.update({ where: { id: f.indicatorId }, data: { target } });
          out.push({ code: current.code, current: false });
          continue;
        }
        const after: FigureState = { value: stored(f.value), text: current.statusText, printedPct: f.printedPct };
        await setCurrent(tx, f.indicatorId, after, at, target);
        await recordUpdate(tx, ctx, { indicatorId: f.indicatorId, kind: "import", before: stateOf(current), after, at });
        out.push({ code: current.code, current: true });
      }
      return out;
    }, TX);
  }

  /**
   * Undoes one batch with compensating updates. Refuses, changing nothing, when someone changed
   * one of its indicators since: undoing then would silently overwrite their figure.
   */
  async undo(batchId: string, ctx: ChangeContext): Promise<UndoOutcome> {
    const at = ctx.at ?? this.clock.now();
    return this.prisma.$transaction(async (tx) => {
      await markApplied(tx, ctx);
      const updates = await tx.update.findMany({ where: { batchId, undoneBy: null }, orderBy: { id: "desc" } });
      const out: AppliedChange[] = [];
      for (const u of updates) {
        const current = await lockIndicator(tx, u.indicatorId);
        const since = await laterChanges(tx, u.indicatorId, u.id, batchId);
        if (since.length) throw new UndoConflict(current.code, since[since.length - 1]!.memberId);
        const after: FigureState = { value: u.oldValue, text: u.oldText, printedPct: u.oldPrintedPct };
        await setCurrent(tx, u.indicatorId, after, at);
        await recordUpdate(tx, ctx, { indicatorId: u.indicatorId, kind: "undo", before: stateOf(current), after, at, undoOfId: u.id });
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
    const at = ctx.at ?? this.clock.now();
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
        await tx.indicator.update({ where: { id: indicatorId }, data: { schedule: { ...was, deadline: edit.date } } });
        [before, after] = [`完成期限：${was?.deadline ?? "年底"}`, `完成期限：${edit.date}`];
      } else if (edit.field === "unalias") {
        const kept = current.aliases.filter((a) => a !== edit.alias);
        await tx.indicator.update({ where: { id: indicatorId }, data: { aliases: kept } });
        [before, after] = [`别名：${current.aliases.join("、")}`, `别名：${kept.join("、")}`];
      } else {
        await tx.indicator.update({ where: { id: indicatorId }, data: { aliases: [...current.aliases.filter((a) => a !== edit.alias), edit.alias] } });
        [before, after] = [`别名：${current.aliases.join("、")}`, `别名：${[...current.aliases, edit.alias].join("、")}`];
      }
      // the figure stays; the row carries the edit as text
      const figureOf = (text: string): FigureState => ({ value: current.value, text, printedPct: null });
      await recordUpdate(tx, ctx, { indicatorId, kind: "config", before: figureOf(before), after: figureOf(after), at });
    }, TX);
  }
}

/** History as it stood on the report's date: the figure before it, then the report's. */
async function importIntoHistory(tx: Prisma.TransactionClient, ctx: ChangeContext, f: FigureToImport, at: Date): Promise<void> {
  const before = await tx.update.findFirst({
    where: { indicatorId: f.indicatorId, kind: { notIn: NOT_CURRENT }, createdAt: { lte: at } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const text = before?.newText ?? null;
  await recordUpdate(tx, ctx, {
    indicatorId: f.indicatorId,
    kind: IMPORT_HISTORY,
    before: { value: before?.newValue ?? null, text, printedPct: before?.printedPct ?? null },
    after: { value: stored(f.value), text, printedPct: f.printedPct },
    at,
  });
}

class UndoConflict extends Error {
  constructor(
    readonly code: string,
    readonly by: string | null,
  ) {
    super(`undo conflict on ${code}`);
  }
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
