// The steps every change transaction is made of: lock the indicator row, write its current
// figure, record the Update row, and mark the inbox message (or the held 确认) as taken, so a
// change and its bookkeeping commit together or not at all.
import { Prisma } from "../generated/prisma/client.js";

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

/** The message's change is in the database already (a retry, or a second instance): not again. */
export class AlreadyApplied extends Error {
  constructor(readonly batchId: string | null) {
    super("message already applied");
  }
}

/** An indicator's figure as an Update row records it before and after a change. */
export interface FigureState {
  /** exact decimal text (or the driver's decimal), never a double */
  value: string | Prisma.Decimal | null;
  text: string | null;
  printedPct: string | null;
}

export interface LockedIndicator {
  code: string;
  /** exact decimal text, whatever the driver makes of numeric */
  value: string | null;
  statusText: string | null;
  printedPct: string | null;
}

/** SELECT … FOR UPDATE: a second report on the same indicator waits for the first to commit. */
export async function lockIndicator(tx: Prisma.TransactionClient, id: number): Promise<LockedIndicator> {
  const rows = await tx.$queryRaw<LockedIndicator[]>`
    SELECT "code", "value"::text AS "value", "statusText", "printedPct" FROM "Indicator" WHERE "id" = ${id} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new Error(`indicator ${id} not found`);
  return row;
}

/** The figure a locked indicator holds now. */
export function stateOf(i: LockedIndicator): FigureState {
  return { value: i.value, text: i.statusText, printedPct: i.printedPct };
}

/** Sets the indicator's current figure (and, for an import, a derived target) and bumps its version. */
export async function setCurrent(tx: Prisma.TransactionClient, indicatorId: number, after: FigureState, at: Date, target?: string): Promise<void> {
  await tx.indicator.update({
    where: { id: indicatorId },
    data: { value: after.value, statusText: after.text, printedPct: after.printedPct, updatedAt: at, version: { increment: 1 }, ...(target !== undefined ? { target } : {}) },
  });
}

/** The one way an Update row is written: who, where, which message and batch, before and after. */
export async function recordUpdate(
  tx: Prisma.TransactionClient,
  ctx: ChangeContext,
  row: { indicatorId: number; kind: string; before: FigureState; after: FigureState; at: Date; note?: string; undoOfId?: number },
): Promise<void> {
  await tx.update.create({
    data: {
      indicatorId: row.indicatorId,
      memberId: ctx.memberId,
      channel: ctx.channel,
      kind: row.kind,
      oldValue: row.before.value,
      newValue: row.after.value,
      oldText: row.before.text,
      newText: row.after.text,
      oldPrintedPct: row.before.printedPct,
      printedPct: row.after.printedPct,
      sourceText: ctx.source,
      note: row.note ?? null,
      batchId: ctx.batchId,
      undoOfId: row.undoOfId ?? null,
      createdAt: row.at,
    },
  });
}

/** A 确认 takes the exact held row it read: a newer held change has another expiry. */
export async function takeConfirmed(tx: Prisma.TransactionClient, confirms: ChangeContext["confirms"]): Promise<void> {
  if (!confirms) return;
  const taken = await tx.$executeRaw`
    DELETE FROM "Pending" WHERE "memberId" = ${confirms.memberId} AND "expiresAt" = ${confirms.expiresAt}`;
  if (taken === 0) throw new NothingHeld();
}

/** Runs one statement and gives its rows: in a transaction, or on the driver itself. */
export type Run = <T>(statement: Prisma.Sql) => Promise<T[]>;

/**
 * The statement that marks the message's inbox row applied with this batch: inserted, or set on
 * a row not yet applied, which locks it, so a second applier of the same message waits for the
 * first and then gets no row back. A change embeds it to commit with its mark (change-log.ts).
 */
export function markStatement(ctx: ChangeContext, m: NonNullable<ChangeContext["message"]>): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "InboundMessage" ("channel", "messageId", "memberId", "appliedAt", "batchId") VALUES (${m.channel}, ${m.messageId}, ${ctx.memberId}, (now() AT TIME ZONE 'UTC'), ${ctx.batchId})
    ON CONFLICT ("channel", "messageId") DO UPDATE SET "appliedAt" = EXCLUDED."appliedAt", "batchId" = EXCLUDED."batchId" WHERE "InboundMessage"."appliedAt" IS NULL
    RETURNING 1`;
}

/** The refusal of a message applied already, naming the batch it was applied with. */
export async function alreadyApplied(run: Run, m: NonNullable<ChangeContext["message"]>): Promise<AlreadyApplied> {
  const [row] = await run<{ batchId: string | null }>(Prisma.sql`SELECT "batchId" FROM "InboundMessage" WHERE "channel" = ${m.channel} AND "messageId" = ${m.messageId}`);
  return new AlreadyApplied(row?.batchId ?? null);
}

/**
 * Marks the message's inbox row applied with this batch, so the change and the mark commit
 * together: a message re-run after a crash either finds no effect or is refused.
 */
export async function markApplied(tx: Prisma.TransactionClient, ctx: ChangeContext): Promise<void> {
  const m = ctx.message;
  if (!m) return;
  const run: Run = (q) => tx.$queryRaw(q);
  if ((await run(markStatement(ctx, m))).length === 0) throw await alreadyApplied(run, m);
}
