// The once-per-message rule every channel shares, over the durable inbox (InboundStore):
// - a delivery (first or retry) claims the message: inserts it, or takes over a row whose
//   holder's lease ran out with no reply; the holder renews its lease while the bot works;
// - the bot's change carries the message key, so the change and the "applied" mark commit in
//   one transaction: a message re-run after a crash either has no effect yet or is answered
//   from what it did ("此消息已处理");
// - a delivery that finds the message held by a live instance waits for the answer within the
//   channel's deadline, then acknowledges: that holder answers, or, if it dies, the sweeper;
// - the sweeper, in every instance, takes over rows whose holder died and delivers the answer
//   through the channel's send API, so an acknowledged message is never lost.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Bot, Reply } from "../bot/bot.js";
import { quantity } from "../domain/presentation.js";
import { roundTo } from "../domain/numbers.js";
import type { Held, InboundStore, InboxEntry, MessageKey } from "../store/inbound-store.js";
import { AlreadyApplied } from "../store/plan-store.js";
import { deadline } from "./delivery.js";
import type { Log } from "../log.js";

export type Outcome =
  /** `first`: this call ran the bot; otherwise a retry gets the answer stored by the first */
  | { kind: "answer"; reply: Reply; first: boolean }
  /** held by another live instance, or answered late: that one delivers */
  | { kind: "pending" }
  /** slower than the deadline: `late` receives the answer when it is ready */
  | { kind: "late" };

export interface Delivery extends InboxEntry {
  /** how long the platform waits for the HTTP answer (0: it never waits) */
  deadlineMs: number;
  late: (reply: Reply) => void;
  /** the sender's name as the channel shows it; not stored with the message (a re-run goes without it) */
  displayName?: string;
}

/** Sends an answer by itself (WeCom message/send, Telegram sendMessage). */
export type Sender = (replyTo: string, reply: Reply) => Promise<void>;

/**
 * What a stored message becomes for the bot: a text (and the file it was read from), or a reply
 * of the channel's own when there is nothing for the bot (a file that cannot be read).
 */
export type Resolved = { text: string; attachment?: { name: string } } | { reply: string };

/**
 * Turns a stored message into what the bot reads. A file message is stored as the channel's
 * reference to the file and read here, under the message's claim: a retry of it downloads nothing.
 */
export type Resolver = (row: InboxEntry) => Promise<Resolved>;

export interface InboxOptions {
  store: InboundStore;
  /** only its reply: the inbox runs messages, it does not greet */
  bot: Pick<Bot, "reply">;
  log: Log;
  /** a holder silent this long is taken for dead */
  leaseMs?: number;
  heartbeatMs?: number;
  /** how often a waiting retry looks for the holder's answer */
  pollMs?: number;
  /** a message taken this many times without an answer is given up, with an apology */
  maxAttempts?: number;
}

/** A held row as this delivery runs it, with what the channel said beside the stored message. */
type Running = Held & { displayName?: string };

export const GAVE_UP_REPLY = "抱歉，这条消息多次处理失败，没有做任何修改。请稍后重新发送。";

export class Inbox {
  /** this instance, as named in the rows it holds */
  readonly holder = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  readonly store: InboundStore;
  private readonly channels = new Map<string, { botChannel: string; send?: Sender; resolve?: Resolver }>();
  private readonly leaseMs: number;
  private readonly heartbeatMs: number;
  private readonly pollMs: number;
  private readonly maxAttempts: number;
  private sweeping?: Promise<unknown>;
  private timer?: NodeJS.Timeout;

  constructor(private readonly opts: InboxOptions) {
    this.store = opts.store;
    this.leaseMs = opts.leaseMs ?? 10_000;
    this.heartbeatMs = opts.heartbeatMs ?? Math.max(100, Math.floor(this.leaseMs / 3));
    this.pollMs = opts.pollMs ?? 200;
    this.maxAttempts = opts.maxAttempts ?? 5;
  }

  /**
   * A channel whose messages this instance can re-run: `botChannel` is what the bot is told,
   * `send` delivers an answer outside a request (none: a retry gets the stored answer);
   * `resolve` turns its stored messages into the bot's text (none: the text as stored).
   */
  register(channel: string, botChannel: string, send?: Sender, resolve?: Resolver): void {
    this.channels.set(channel, { botChannel, send, resolve });
  }

  async answer(d: Delivery): Promise<Outcome> {
    const until = Date.now() + d.deadlineMs;
    for (;;) {
      const claim = await this.store.claim(d, this.holder, this.leaseMs);
      if (claim.kind === "held") return this.runWithin({ ...claim.row, displayName: d.displayName }, until, d.late);
      if (claim.kind === "answered") return claim.late ? { kind: "pending" } : { kind: "answer", reply: { text: claim.reply }, first: false };
      // held by a live instance: its answer may come in time; if it dies, its lease runs out
      const left = until - Date.now();
      if (left <= 0) return { kind: "pending" };
      await new Promise((r) => setTimeout(r, Math.min(this.pollMs, left)));
    }
  }

  private async runWithin(row: Running, until: number, late: (reply: Reply) => void): Promise<Outcome> {
    const work = this.process(row, false);
    const reply = await Promise.race([work, deadline(until - Date.now())]);
    if (reply !== undefined) return { kind: "answer", reply, first: true };
    await this.store.markLate(row);
    work.then(late, (e: unknown) => this.opts.log.error({ err: String(e), channel: row.channel, messageId: row.messageId }, "message failed after its deadline"));
    return { kind: "late" };
  }

  /** Runs a held message with its lease kept alive, and stores the answer (or gives the row back). */
  private async process(row: Running, late: boolean): Promise<Reply> {
    const key: MessageKey = { channel: row.channel, messageId: row.messageId };
    const beat = setInterval(() => {
      this.store.renew(key, this.holder, this.leaseMs).catch((e: unknown) => this.opts.log.warn({ err: String(e), ...key }, "inbox lease not renewed"));
    }, this.heartbeatMs);
    beat.unref();
    try {
      const reply = await this.compute(row);
      await this.store.saveReply(key, reply.text, late);
      return reply;
    } catch (e) {
      await this.store.release(key, this.holder).catch(() => undefined);
      throw e;
    } finally {
      clearInterval(beat);
    }
  }

  private async compute(row: Running): Promise<Reply> {
    if (row.appliedBatch) return { text: await this.appliedReply(row.appliedBatch) };
    if (row.attempts > this.maxAttempts) return { text: GAVE_UP_REPLY };
    const registered = this.channels.get(row.channel);
    const botChannel = registered?.botChannel ?? row.channel;
    const resolved = registered?.resolve ? await registered.resolve(row) : { text: row.text };
    if ("reply" in resolved) return { text: resolved.reply };
    try {
      const message = { channel: row.channel, messageId: row.messageId };
      return await this.opts.bot.reply({
        memberId: row.memberId, channel: botChannel, text: resolved.text, shared: row.shared, message,
        ...(resolved.attachment ? { attachment: resolved.attachment } : {}),
        ...(row.displayName ? { displayName: row.displayName } : {}),
      });
    } catch (e) {
      // another instance took the row over and committed the change first
      if (e instanceof AlreadyApplied && e.batchId) return { text: await this.appliedReply(e.batchId) };
      throw e;
    }
  }

  /** The answer to a message whose change is in the database but whose reply was never stored. */
  private async appliedReply(batchId: string): Promise<string> {
    const lines = (await this.store.appliedUpdates(batchId)).map((u) => {
      if (u.kind === "note") return `- ${u.name}：进展更新为“${u.newText ?? ""}”`;
      if (u.kind === "config") return `- ${u.name}：${u.newText ?? ""}`;
      const inc = u.kind === "add" && u.newValue !== null ? `（增加 ${quantity(roundTo(u.newValue - (u.oldValue ?? 0), 6), u.unit)}）` : "";
      return `- ${u.name}：${quantity(u.oldValue, u.unit)} → ${quantity(u.newValue, u.unit)}${inc}`;
    });
    return ["此消息已处理：", ...lines].join("\n");
  }

  /** Takes over the messages whose holder died, answers them, and sends the answers. */
  async sweep(limit = 20): Promise<number> {
    const rows = await this.store.takeAbandoned(this.holder, this.leaseMs, limit, [...this.channels.keys()]);
    await Promise.all(
      rows.map(async (row) => {
        const send = this.channels.get(row.channel)?.send;
        try {
          // with a sender, the answer goes out from here: a retry arriving meanwhile stays silent
          const reply = await this.process(row, send !== undefined);
          this.opts.log.warn({ channel: row.channel, messageId: row.messageId, attempts: row.attempts }, "inbox message taken over from a holder that stopped");
          if (send) await send(row.replyTo, reply);
        } catch (e) {
          this.opts.log.error({ err: String(e), channel: row.channel, messageId: row.messageId }, "inbox message taken over but failed");
        }
      }),
    );
    return rows.length;
  }

  /** Sweeps every `intervalMs` until stopped. */
  startSweeper(intervalMs: number): { stop(): Promise<void> } {
    let stopped = false;
    const tick = () => {
      this.sweeping = this.sweep()
        .catch((e: unknown) => this.opts.log.error({ err: String(e) }, "inbox sweep failed"))
        .finally(() => {
          if (!stopped) this.timer = setTimeout(tick, intervalMs).unref();
        });
    };
    this.timer = setTimeout(tick, intervalMs).unref();
    return {
      stop: async () => {
        stopped = true;
        clearTimeout(this.timer);
        await this.sweeping;
      },
    };
  }
}
