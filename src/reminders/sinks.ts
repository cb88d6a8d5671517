// Where a reminder goes, by recipient: a WeCom member through the app message API, a unit's
// group through its robot, a Telegram user by chat. Recipients no channel can reach (api:
// members, or a channel not configured) are written to the log and the database only.
//
// The runner retries failed sends on later ticks and counts the attempts that may have been
// delivered; so the WeCom clients used here try each request once (a client retrying a lost
// answer on its own would send duplicates nobody counts), and every failure says whether the
// message may have arrived all the same.
import { RetryableError, splitText } from "../channels/delivery.js";
import type { ChannelSettings, Channels } from "../channels/mount.js";
import { isTelegramError } from "../channels/telegram/telegram.js";
import type { Log } from "../log.js";
import { TEXT_MAX_BYTES, WeComApi, WeComApiError } from "../channels/wecom/api.js";
import { GroupRobot } from "../channels/wecom/robot.js";
import type { Outgoing } from "./outbox.js";

export type Delivery = "sent" | "logged";
export type Deliver = (o: Outgoing) => Promise<Delivery>;

/** A send that failed; `ambiguous` when it may have reached the recipient all the same. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly ambiguous: boolean,
  ) {
    super(message);
  }
}

export type ReminderChannels = Pick<Channels, "wecomApi" | "robots" | "telegram">;

/** WeCom clients for reminders that try each request once, with the given timeout. */
export function reminderChannels(s: Pick<ChannelSettings, "retryBaseMs" | "wecomApi" | "robots">, channels: ReminderChannels, log: Log, timeoutMs = 10_000): ReminderChannels {
  const once = { attempts: 1, baseMs: s.retryBaseMs, maxMs: s.retryBaseMs };
  const wecomApi = channels.wecomApi && s.wecomApi ? new WeComApi({ ...s.wecomApi, retry: once, timeoutMs, log }) : undefined;
  const robots = new Map(Object.entries(s.robots.keys).map(([unit, key]) => [unit, new GroupRobot({ baseUrl: s.robots.baseUrl, key, retry: once, timeoutMs, log })]));
  return { wecomApi, robots, telegram: channels.telegram };
}

export function channelSink(channels: ReminderChannels, log: Log): Deliver {
  return async (o) => {
    const [prefix, id = ""] = splitRecipient(o.recipient);
    if (prefix === "wecom" && channels.wecomApi) {
      const api = channels.wecomApi;
      await inPieces(splitText(o.text, TEXT_MAX_BYTES), (piece) => api.sendText([id], piece));
      return "sent";
    }
    const robot = prefix === "robot" ? channels.robots.get(id) : undefined;
    if (robot) {
      // @-mentions go with the first piece only, as the robot itself would do
      await inPieces(splitText(o.text, TEXT_MAX_BYTES), (piece, n) => robot.sendText(piece, n === 0 ? (o.mentions ?? []) : []));
      return "sent";
    }
    if (prefix === "telegram" && channels.telegram && /^-?\d+$/.test(id)) {
      const tg = channels.telegram;
      await inPieces([o.text], () => tg.sendTo(Number(id), o.text));
      return "sent";
    }
    log.info({ recipient: o.recipient, kind: o.kind, period: o.period, text: o.text }, "reminder logged: no channel reaches this recipient");
    return "logged";
  };
}

/** Sends piece by piece: once a piece went out, any failure after it leaves a part delivered. */
async function inPieces(pieces: string[], send: (piece: string, n: number) => Promise<void>): Promise<void> {
  for (const [n, piece] of pieces.entries()) {
    try {
      await send(piece, n);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      throw new DeliveryError(error, n > 0 || !rejected(e));
    }
  }
}

/**
 * True when the server answered and said no, so nothing was delivered: an errcode, an HTTP
 * error status (WeCom's 5xx comes before it accepts a message). A network error, a timeout or
 * an answer cut off may come after the message was accepted.
 */
export function rejected(e: unknown): boolean {
  if (e instanceof WeComApiError) return true;
  if (isTelegramError(e)) return true; // the Bot API answered 4xx
  if (!(e instanceof RetryableError)) return false;
  // the robot reads an unreadable answer as errcode -1 without a message
  if (/^WeCom errcode -1: $/.test(e.message)) return false;
  return /^(HTTP \d+|WeCom errcode|robot limit)/.test(e.message);
}

function splitRecipient(r: string): [string, string] {
  const at = r.indexOf(":");
  return at < 0 ? [r, ""] : [r.slice(0, at), r.slice(at + 1)];
}
