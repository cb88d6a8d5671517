// Sign-in for people: a one-time code sent by the bot becomes a browser session. Only SHA-256
// digests of codes and session tokens are stored, so reading the tables signs no one in.
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client.js";

export interface SessionTimes {
  /** how long a sign-in link may wait to be opened */
  codeMs: number;
  /** how long a browser stays signed in */
  sessionMs: number;
}

export interface IssuedCode {
  code: string;
  expiresAt: Date;
}

export interface OpenedSession {
  token: string;
  memberId: string;
  expiresAt: Date;
}

const digest = (secret: string) => createHash("sha256").update(secret).digest("hex");
/** 32 random bytes, URL-safe: unguessable, and fits in a path or a cookie as is */
const secret = () => randomBytes(32).toString("base64url");
/** what a code or token looks like; anything else is refused before any query */
export const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export class SessionStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly times: SessionTimes,
  ) {}

  /** A fresh sign-in code for the member. */
  async issueCode(memberId: string, now: Date): Promise<IssuedCode> {
    const code = secret();
    const expiresAt = new Date(now.getTime() + this.times.codeMs);
    // expired codes are of no use to anyone: each new one sweeps them
    await this.prisma.$transaction([
      this.prisma.loginCode.deleteMany({ where: { expiresAt: { lt: now } } }),
      this.prisma.loginCode.create({ data: { hash: digest(code), memberId, createdAt: now, expiresAt } }),
    ]);
    return { code, expiresAt };
  }

  /** Spends the code and opens a session; undefined when it is unknown, used or expired. */
  async redeem(code: string, now: Date): Promise<OpenedSession | undefined> {
    if (!SECRET_SHAPE.test(code)) return undefined;
    return this.prisma.$transaction(async (tx) => {
      // one UPDATE decides: of two browsers opening the link together, one gets the session
      const spent = await tx.$queryRaw<{ memberId: string }[]>`
        UPDATE "LoginCode" SET "usedAt" = ${now}
        WHERE "hash" = ${digest(code)} AND "usedAt" IS NULL AND "expiresAt" > ${now}
        RETURNING "memberId"`;
      const memberId = spent[0]?.memberId;
      if (!memberId) return undefined;
      const token = secret();
      const expiresAt = new Date(now.getTime() + this.times.sessionMs);
      await tx.session.deleteMany({ where: { expiresAt: { lt: now } } });
      await tx.session.create({ data: { hash: digest(token), memberId, createdAt: now, expiresAt } });
      return { token, memberId, expiresAt };
    });
  }

  /** The member a live session belongs to. */
  async member(token: string, now: Date): Promise<string | undefined> {
    if (!SECRET_SHAPE.test(token)) return undefined;
    const row = await this.prisma.session.findUnique({ where: { hash: digest(token) } });
    return row && row.expiresAt > now ? row.memberId : undefined;
  }

  async close(token: string): Promise<void> {
    if (SECRET_SHAPE.test(token)) await this.prisma.session.deleteMany({ where: { hash: digest(token) } });
  }

  /** Signs the member out everywhere (an admin removed or demoted them). */
  async closeAll(memberId: string): Promise<void> {
    await this.prisma.session.deleteMany({ where: { memberId } });
  }
}
