// Writing changes to the plan: a member's report, an imported 工作专报, 撤销 and an admin's
// catalogue edit. Each runs in one transaction with every indicator row locked, so no
// concurrent report is lost, and leaves one Update row per indicator it touched.
import type { Clock } from "../clock.js";
import { Prisma, type PrismaClient } from "../generated/prisma/client.js";
import type { SqlSession } from "./database.js";
import { figure, stored } from "./figures.js";
import { readSchedule } from "./json-columns.js";
import { IMPORT_HISTORY, NOT_CURRENT } from "./update-kinds.js";
import { alreadyApplied, lockIndicator, markApplied, markStatement, recordUpdate, setCurrent, stateOf, takeConfirmed, type ChangeContext, type FigureState, type Run } from "./update-rows.js";

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
    /** the driver itself, for a report that is one statement: Prisma's raw-query layer costs more than the statement */
    private readonly sql: Pick<SqlSession, "query">,
    /** stamps a change made without `ctx.at` */
    private readonly clock: Clock,
  ) {}

  /**
   * Applies all changes or none; returns what each changed from and to. A report that is not a
   * held 确认 is one statement, its own transaction, with its inbox message marked applied in it:
   * each indicator row is locked only while that statement runs, so a hot indicator never holds
   * up the rest for long.
   */
  async apply(changes: Change[], ctx: ChangeContext): Promise<AppliedChange[]> {
    const at = ctx.at ?? this.clock.now();
    const rounds = distinctRounds(changes);
    if (!ctx.confirms && rounds.length === 1) return writeChanges((q) => this.sql.query(q.text, q.values), rounds[0]!, ctx, at, ctx.message);
    return this.prisma.$transaction(async (tx) => {
      await takeConfirmed(tx, ctx.confirms);
      await markApplied(tx, ctx);
      const out: AppliedChange[] = [];
      for (const round of rounds) out.push(...(await writeChanges((q) => tx.$queryRaw(q), round, ctx, at)));
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

/** Changes in order, cut where an indicator comes again: one statement updates each row once. */
function distinctRounds(changes: Change[]): Change[][] {
  const rounds: Change[][] = [[]];
  for (const c of changes) {
    if (rounds.at(-1)!.some((x) => x.indicatorId === c.indicatorId)) rounds.push([]);
    rounds.at(-1)!.push(c);
  }
  return rounds;
}

/**
 * One statement for a round of changes: lock the rows in id order (two reports never deadlock)
 * and read their figures (FOR UPDATE waits for a concurrent report and reads what it committed),
 * write the new figures from them, and record an Update row for each. The rows are recorded for
 * every change asked, so an indicator that does not exist fails the foreign key and with it the
 * whole statement: nothing of the batch is written.
 */
async function writeChanges(run: Run, round: Change[], ctx: ChangeContext, at: Date, message?: ChangeContext["message"]): Promise<AppliedChange[]> {
  const ids = round.map((c) => c.indicatorId);
  const ops = round.map((c) => c.op);
  // exact decimal text: the database adds them as numeric, no double ever touches a figure
  const values = round.map((c) => (c.op === "note" ? null : stored(c.value!)));
  const texts = round.map((c) => (c.op === "note" ? c.text ?? null : null));
  const notes = round.map((c) => c.note ?? null);
  const stamp = Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  // with a message, nothing is written unless its mark is (a second run of it finds it applied)
  const marked = message ? markStatement(ctx, message) : Prisma.sql`SELECT 1`;
  const rows = await run<ChangedRow>(Prisma.sql`
    WITH marked AS (${marked}), c AS (
      SELECT * FROM unnest(${ids}::int[], ${ops}::text[], ${values}::text[], ${texts}::text[], ${notes}::text[]) WITH ORDINALITY AS c("id", "op", "value", "text", "note", "ord")
      WHERE EXISTS (SELECT 1 FROM marked)
    ), changed AS (
      UPDATE "Indicator" i SET
        "value" = CASE c."op" WHEN 'set' THEN c."value"::numeric WHEN 'add' THEN trim_scale(coalesce(o."value", 0) + c."value"::numeric) ELSE o."value" END,
        "statusText" = CASE WHEN c."op" = 'note' THEN c."text" ELSE o."statusText" END,
        "printedPct" = NULL, "updatedAt" = ${stamp}, "version" = i."version" + 1
      FROM (SELECT "id", "code", "value", "statusText", "printedPct" FROM "Indicator" WHERE "id" = ANY(${ids}::int[]) ORDER BY "id" FOR UPDATE) o
        JOIN c ON c."id" = o."id"
      WHERE i."id" = o."id"
      RETURNING i."id", o."code", c."ord", o."value" AS "oldValue", i."value" AS "newValue", o."statusText" AS "oldText", i."statusText" AS "newText", o."printedPct" AS "oldPrintedPct"
    ), recorded AS (
      INSERT INTO "Update" ("indicatorId", "memberId", "channel", "kind", "oldValue", "newValue", "oldText", "newText", "oldPrintedPct", "printedPct", "sourceText", "note", "batchId", "createdAt")
      SELECT c."id", ${ctx.memberId}, ${ctx.channel}, c."op", w."oldValue", w."newValue", w."oldText", w."newText", w."oldPrintedPct", NULL, ${ctx.source}, c."note", ${ctx.batchId}, ${stamp}
      FROM c LEFT JOIN changed w ON w."id" = c."id" ORDER BY c."ord"
    )
    SELECT "id", "code", "oldValue"::text AS "oldValue", "newValue"::text AS "newValue", "oldText", "newText" FROM changed ORDER BY "ord"`);
  if (message && rows.length === 0) throw await alreadyApplied(run, message);
  return rows.map((r) => ({ indicatorId: r.id, code: r.code, oldValue: figure(r.oldValue), newValue: figure(r.newValue), oldText: r.oldText, newText: r.newText }));
}

interface ChangedRow {
  id: number;
  code: string;
  oldValue: string | null;
  newValue: string | null;
  oldText: string | null;
  newText: string | null;
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
