// The inbox: every channel message is a durable row before anyone acknowledges it. Whoever holds
// its lease runs the bot; the change the message asks for marks the row applied in its own
// transaction (PlanStore.apply); the reply is stored so a retry gets it without a second run.
// A lease that runs out with no reply means the holder died: another delivery or the sweeper
// takes the row over. Times are the database's (UTC, as Prisma stores them), so instances with
// different clocks agree on whose lease is live.
import { Prisma, type PrismaClient } from "../generated/prisma/client.js";
import type { SqlSession } from "./database.js";
import { figure } from "./figures.js";

export interface MessageKey {
  channel: string;
  messageId: string;
}

export interface InboxEntry extends MessageKey {
  memberId: string;
  /** what the bot reads, cleaned at the boundary */
  text: string;
  /** where an answer sent later goes (WeCom UserId, Telegram chat id) */
  replyTo: string;
  /** said in a group chat: others read the answer (a sign-in link is never sent there) */
  shared?: boolean;
}

/** A row this instance now holds: run it, or answer from `batchId` when it was applied already. */
export interface Held extends InboxEntry {
  appliedBatch: string | null;
  attempts: number;
}

export type Claim =
  | { kind: "held"; row: Held }
  | { kind: "answered"; reply: string; late: boolean }
  /** another live instance holds it */
  | { kind: "busy" };

export interface AppliedUpdate {
  name: string;
  unit: string;
  kind: string;
  oldValue: number | null;
  newValue: number | null;
  newText: string | null;
}

const NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;
const leaseEnd = (ms: number) => Prisma.sql`(now() AT TIME ZONE 'UTC') + ${`${Math.max(1, Math.round(ms))} milliseconds`}::interval`;

interface Row {
  channel: string;
  messageId: string;
  memberId: string | null;
  text: string | null;
  replyTo: string | null;
  shared: boolean;
  batchId: string | null;
  appliedAt: Date | null;
  attempts: number;
  reply: string | null;
  late: boolean;
}

const held = (r: Row): Held => ({
  channel: r.channel, messageId: r.messageId, memberId: r.memberId ?? "", text: r.text ?? "", replyTo: r.replyTo ?? "", shared: r.shared,
  appliedBatch: r.appliedAt ? r.batchId : null, attempts: r.attempts,
});

export class InboundStore {
  constructor(
    private readonly prisma: PrismaClient,
    /** the driver itself, for the statements every delivery runs (claim, reply): Prisma's raw-query layer costs more than they do */
    private readonly sql: Pick<SqlSession, "query">,
  ) {}

  private rows<T>(statement: Prisma.Sql): Promise<T[]> {
    return this.sql.query<T>(statement.text, statement.values);
  }

  /**
   * Inserts the message, or takes over a row whose holder's lease ran out before it replied;
   * otherwise says whether it was answered or is still held by a live instance.
   */
  async claim(e: InboxEntry, holder: string, leaseMs: number): Promise<Claim> {
    // one statement: insert; else take over a row whose lease ran out unanswered; else read it.
    // A row another delivery inserts at this very moment is not visible to the last two (it is
    // newer than the statement): that reads as busy, and the caller looks again shortly
    const [row] = await this.rows<Row & { how: "held" | "seen" }>(Prisma.sql`
      WITH inserted AS (
        INSERT INTO "InboundMessage" ("channel", "messageId", "memberId", "text", "replyTo", "shared", "holder", "leaseUntil", "attempts", "receivedAt")
        VALUES (${e.channel}, ${e.messageId}, ${e.memberId}, ${e.text}, ${e.replyTo}, ${e.shared ?? false}, ${holder}, ${leaseEnd(leaseMs)}, 1, ${NOW})
        ON CONFLICT ("channel", "messageId") DO NOTHING RETURNING *
      ), taken AS (
        UPDATE "InboundMessage" SET "holder" = ${holder}, "leaseUntil" = ${leaseEnd(leaseMs)}, "attempts" = "attempts" + 1,
          "text" = COALESCE("text", ${e.text}), "replyTo" = COALESCE("replyTo", ${e.replyTo}), "memberId" = COALESCE("memberId", ${e.memberId})
        WHERE "channel" = ${e.channel} AND "messageId" = ${e.messageId} AND "reply" IS NULL
          AND ("leaseUntil" IS NULL OR "leaseUntil" < ${NOW}) AND NOT EXISTS (SELECT 1 FROM inserted)
        RETURNING *
      )
      SELECT 'held' AS "how", * FROM inserted
      UNION ALL SELECT 'held', * FROM taken
      UNION ALL SELECT 'seen', * FROM "InboundMessage"
        WHERE "channel" = ${e.channel} AND "messageId" = ${e.messageId} AND NOT EXISTS (SELECT 1 FROM inserted) AND NOT EXISTS (SELECT 1 FROM taken)`);
    if (row?.how === "held") return { kind: "held", row: held(row) };
    if (row?.reply != null) return { kind: "answered", reply: row.reply, late: row.late };
    return { kind: "busy" };
  }

  /** Seen once, nothing to re-run (WeCom events): true for the first sighting. */
  async firstSighting(channel: string, messageId: string, memberId: string): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<{ id: number }[]>`
      INSERT INTO "InboundMessage" ("channel", "messageId", "memberId", "reply", "repliedAt") VALUES (${channel}, ${messageId}, ${memberId}, '', ${NOW})
      ON CONFLICT ("channel", "messageId") DO NOTHING RETURNING "id"`;
    return rows.length > 0;
  }

  /** Rows whose holder died (lease out, no reply), taken over by `holder`, oldest first. */
  async takeAbandoned(holder: string, leaseMs: number, limit: number, channels: string[]): Promise<Held[]> {
    if (!channels.length) return [];
    const rows = await this.prisma.$queryRaw<Row[]>`
      UPDATE "InboundMessage" SET "holder" = ${holder}, "leaseUntil" = ${leaseEnd(leaseMs)}, "attempts" = "attempts" + 1
      WHERE "id" IN (
        SELECT "id" FROM "InboundMessage"
        WHERE "reply" IS NULL AND "text" IS NOT NULL AND "leaseUntil" < ${NOW} AND "channel" IN (${Prisma.join(channels)})
        ORDER BY "id" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING *`;
    return rows.map(held);
  }

  /** Keeps the lease alive while the bot works; false when someone else took the row. */
  async renew(key: MessageKey, holder: string, leaseMs: number): Promise<boolean> {
    const n = await this.prisma.$executeRaw`
      UPDATE "InboundMessage" SET "leaseUntil" = ${leaseEnd(leaseMs)}
      WHERE "channel" = ${key.channel} AND "messageId" = ${key.messageId} AND "holder" = ${holder} AND "reply" IS NULL`;
    return n > 0;
  }

  /** Stores the answer (first one wins) and ends the lease. */
  async saveReply(key: MessageKey, reply: string, late = false): Promise<void> {
    await this.rows(Prisma.sql`
      UPDATE "InboundMessage" SET "reply" = ${reply}, "repliedAt" = ${NOW}, "leaseUntil" = NULL, "late" = "late" OR ${late}
      WHERE "channel" = ${key.channel} AND "messageId" = ${key.messageId} AND "reply" IS NULL`);
  }

  /** The answer will be delivered outside the reply window; a retry must not deliver it again. */
  async markLate(key: MessageKey): Promise<void> {
    await this.prisma.inboundMessage.updateMany({ where: { channel: key.channel, messageId: key.messageId }, data: { late: true } });
  }

  /** Handling failed: the lease ends now, so a retry or the sweeper tries again. */
  async release(key: MessageKey, holder: string): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE "InboundMessage" SET "leaseUntil" = ${NOW}
      WHERE "channel" = ${key.channel} AND "messageId" = ${key.messageId} AND "holder" = ${holder} AND "reply" IS NULL`;
  }

  /** What a batch changed, for answering a message whose change committed before its reply. */
  async appliedUpdates(batchId: string): Promise<AppliedUpdate[]> {
    const rows = await this.prisma.update.findMany({ where: { batchId }, include: { indicator: true }, orderBy: { id: "asc" } });
    return rows.map((r) => ({ name: r.indicator.name, unit: r.indicator.unit, kind: r.kind, oldValue: figure(r.oldValue), newValue: figure(r.newValue), newText: r.newText }));
  }
}
