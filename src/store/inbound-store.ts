// Once-per-message: a channel message id is claimed by inserting a unique row. Whoever inserts
// it runs the bot; a retry of the same id (from WeCom, or reaching another instance) finds the
// row and gets the stored reply instead of a second run.
import { systemClock, type Clock } from "../clock.js";
import type { PrismaClient } from "../generated/prisma/client.js";

export type Claim = { first: true } | { first: false; reply: string | null; late: boolean };

export class InboundStore {
  constructor(
    private readonly prisma: PrismaClient,
    /** stamps receipt and reply (src/clock.ts) */
    private readonly clock: Clock = systemClock,
  ) {}

  async claim(channel: string, messageId: string, memberId: string): Promise<Claim> {
    const rows = await this.prisma.$queryRaw<{ id: number }[]>`
      INSERT INTO "InboundMessage" ("channel", "messageId", "memberId", "receivedAt") VALUES (${channel}, ${messageId}, ${memberId}, ${this.clock.now()})
      ON CONFLICT ("channel", "messageId") DO NOTHING RETURNING "id"`;
    if (rows.length) return { first: true };
    const seen = await this.prisma.inboundMessage.findUnique({ where: { channel_messageId: { channel, messageId } } });
    return { first: false, reply: seen?.reply ?? null, late: seen?.late ?? false };
  }

  async saveReply(channel: string, messageId: string, reply: string): Promise<void> {
    await this.prisma.inboundMessage.update({ where: { channel_messageId: { channel, messageId } }, data: { reply, repliedAt: this.clock.now() } });
  }

  /** The answer will be delivered outside the reply window; a retry must not deliver it again. */
  async markLate(channel: string, messageId: string): Promise<void> {
    await this.prisma.inboundMessage.update({ where: { channel_messageId: { channel, messageId } }, data: { late: true } });
  }

  /** Gives the id back when handling failed, so the platform's retry is handled afresh. */
  async release(channel: string, messageId: string): Promise<void> {
    await this.prisma.inboundMessage.deleteMany({ where: { channel, messageId, reply: null } });
  }
}
