// Telegram through telegraf: a webhook on our Fastify server (checked with the secret token
// header) or long polling for a server without a public address. Commands and plain text all
// reach the same bot; in groups the bot answers commands and messages addressed to it.
// Replies are plain text (no parse_mode, so nothing needs escaping), split at Telegram's 4096.
// A document goes through the inbox like text, as its own channel "telegram-file" whose stored
// text is the file_id: it is fetched (getFile, then the file URL under the configured apiRoot)
// and read once, under the claim, and a 工作亮点 reaches the bot as text (attachment-text.ts).
import { sameSecret } from "../../domain/secret.js";
import type { FastifyInstance } from "fastify";
import { createRequire } from "node:module";
import type * as TelegrafModule from "telegraf";
import type { Context, Telegraf, TelegramError } from "telegraf";
import type * as Filters from "telegraf/filters";
import type { Update } from "telegraf/types";
import { z } from "zod";
import type { Reply } from "../../bot/bot.js";
import { cleanText, errorMessage, MESSAGE_MAX_CHARS } from "../../domain/text.js";
import type { Inbox, Resolved } from "../answer-once.js";
import { ATTACHMENT_MAX_BYTES, highlightFromFile, readCapped, storedReference } from "../attachment-text.js";
import { DEFAULT_RETRY, RetryableError, realTiming, splitText, withRetry, type RetryPolicy, type Timing } from "../delivery.js";
import type { Log } from "../../log.js";

export interface TelegramOptions {
  token: string;
  apiRoot: string;
  inbox: Inbox;
  log: Log;
  /** set to skip the getMe call at start (tests, or a known bot) */
  botInfo?: { id: number; username: string };
  retry?: RetryPolicy;
  timing?: Timing;
  sendTimeoutMs?: number;
}

export const MESSAGE_MAX = 4096;

// telegraf (~0.1 s and some MB to load) only in a process with a Telegram bot configured
const require = createRequire(import.meta.url);
let loaded: typeof TelegrafModule | undefined;
const telegraf = (): typeof TelegrafModule => (loaded ??= require("telegraf"));

/** The Bot API answered with an error; only a loaded telegraf throws one. */
export function isTelegramError(e: unknown): e is TelegramError {
  return loaded !== undefined && e instanceof loaded.TelegramError;
}

/** The commands the bot answers on Telegram; any other /word is ignored. */
const COMMANDS = ["start", "help", "query", "report", "laggards", "report_doc", "summary", "dashboard"] as const;

/** What the inbox keeps of a document until it is read: enough to fetch it again. */
const FileReference = z.object({ fileId: z.string().min(1), name: z.string().optional(), caption: z.string().optional(), size: z.number().optional() });

/** The inbox channel of documents (their stored text is a FileReference). */
export const TELEGRAM_FILE_CHANNEL = "telegram-file";
/** Telegram's own limit on a caption; ours keeps the stored reference whole within MESSAGE_MAX_CHARS. */
const CAPTION_MAX = 1024;

/** The least a webhook body must be before telegraf sees it: anything else is a 400, not a 500. */
const WebhookUpdate = z.object({ update_id: z.number().int() }).passthrough();

export interface TelegramChannel {
  telegraf: Telegraf;
  /** POST route for webhook mode */
  mountWebhook(app: FastifyInstance, path: string, secretToken: string): void;
  startPolling(): void;
  /** a message to a chat (a private chat's id is the user's id), for reminders */
  sendTo(chatId: number, text: string): Promise<void>;
  stop(): Promise<void>;
  /** resolves when every send started so far has finished (tests) */
  idle(): Promise<void>;
}

export function createTelegram(opts: TelegramOptions): TelegramChannel {
  const tg = new (telegraf().Telegraf)(opts.token, { telegram: { apiRoot: opts.apiRoot, webhookReply: false } });
  if (opts.botInfo) tg.botInfo = { ...opts.botInfo, is_bot: true, first_name: opts.botInfo.username, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
  const sending = new Set<Promise<void>>();
  let polling = false;

  /** Sends a text in pieces, each retried with backoff; throws when a piece cannot be delivered. */
  async function sendTo(chatId: number, text: string): Promise<void> {
    for (const piece of splitText(text, MESSAGE_MAX, (s) => s.length)) {
      await withRetry(
        async () => {
          try {
            // telegraf types its signal as node-fetch's AbortSignal; Node's global one is what it gets at run time
            // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion
            await tg.telegram.callApi("sendMessage", { chat_id: chatId, text: piece }, { signal: AbortSignal.timeout(opts.sendTimeoutMs ?? 10_000) as never });
          } catch (e) {
            throw retryable(e);
          }
        },
        opts.retry ?? DEFAULT_RETRY,
        opts.timing ?? realTiming,
        (err, attempt, delayMs) => opts.log.warn({ chatId, attempt, delayMs, err: err.message }, "telegram send failed, retrying"),
      );
    }
  }

  async function sendReply(chatId: number, reply: Reply): Promise<void> {
    await sendTo(chatId, reply.text);
    if (reply.image) await tg.telegram.sendPhoto(chatId, { source: reply.image.png, filename: reply.image.name });
    if (reply.file) await tg.telegram.sendDocument(chatId, { source: reply.file.data, filename: reply.file.name });
  }

  /** A reply in the background: failures are logged, never thrown into telegraf (the change is made). */
  function send(chatId: number, reply: Reply) {
    const job = sendReply(chatId, reply).catch((e: unknown) => opts.log.error({ chatId, err: String(e) }, "telegram reply not delivered after retries"));
    sending.add(job);
    void job.finally(() => sending.delete(job));
  }

  async function answer(ctx: Context, text: string, channel = "telegram") {
    const msg = ctx.message;
    const from = ctx.from;
    if (!msg || !from || !ctx.chat) return;
    const memberId = `telegram:${from.id}`;
    const chatId = ctx.chat.id;
    const outcome = await opts.inbox.answer({
      channel,
      messageId: `${chatId}:${msg.message_id}`,
      memberId,
      // a NUL or a lone surrogate would be refused by PostgreSQL: cleaned, the message still gets its answer
      text: cleanText(text, MESSAGE_MAX_CHARS),
      replyTo: String(chatId),
      shared: ctx.chat.type !== "private",
      displayName: displayName(from.first_name, from.last_name),
      // the answer goes out by sendMessage anyway; no reason to wait for it here
      deadlineMs: 0,
      late: (reply) => send(chatId, reply),
    });
    if (outcome.kind === "answer" && outcome.first) send(chatId, outcome.reply);
  }

  // a message whose holder died is answered by the sweeper, by sendMessage
  opts.inbox.register("telegram", "telegram", (chatId, reply) => sendReply(Number(chatId), reply));
  opts.inbox.register(TELEGRAM_FILE_CHANNEL, "telegram", (chatId, reply) => sendReply(Number(chatId), reply), (row) => readFile(row.text));

  /** A stored document read: fetched from the Bot API, a 亮点 made text, or one sentence why not. */
  async function readFile(stored: string): Promise<Resolved> {
    const ref = storedReference(FileReference, stored);
    if (!ref) return highlightFromFile({}, () => Promise.reject(new Error("stored file reference unreadable")), (err) => opts.log.warn({ err }, "telegram file not read"));
    const { fileId, ...notice } = ref;
    return highlightFromFile(notice, () => download(fileId), (err) => opts.log.warn({ err }, "telegram file not read"));
  }

  /** getFile, then the file from the Bot API's file URL (the token is in it: never logged), retried like a send. */
  function download(fileId: string) {
    return withRetry(
      async () => {
        let res: Response;
        try {
          const link = await tg.telegram.getFileLink(fileId);
          // a local Bot API server (--local) answers with a path on its own disk, not a URL we can fetch
          if (link.protocol === "file:") throw new Error("the Bot API gave a local file path");
          res = await fetch(link, { signal: AbortSignal.timeout(opts.sendTimeoutMs ?? 10_000) });
        } catch (e) {
          throw retryable(e);
        }
        if (!res.ok) throw res.status >= 500 || res.status === 429 ? new RetryableError(`HTTP ${res.status}`) : new Error(`HTTP ${res.status}`);
        return { data: await readCapped(res, ATTACHMENT_MAX_BYTES) };
      },
      opts.retry ?? DEFAULT_RETRY,
      opts.timing ?? realTiming,
      (err, attempt, delayMs) => opts.log.warn({ attempt, delayMs, err: err.message }, "telegram file download failed, retrying"),
    );
  }

  const inGroup = (ctx: Context) => ctx.chat?.type === "group" || ctx.chat?.type === "supergroup";
  // each command reaches the bot as typed (/laggards, /query 城镇新增就业), a group's @mention of
  // the bot dropped; the parser's command table maps it to its intent
  for (const name of COMMANDS) tg.command(name, (ctx) => answer(ctx, `/${name} ${ctx.payload.trim()}`.trim()));
  const filters: typeof Filters = require("telegraf/filters");
  tg.on(filters.message("text"), async (ctx) => {
    const text = ctx.message.text;
    if (text.startsWith("/")) return; // an unknown command
    if (inGroup(ctx)) {
      const me = tg.botInfo;
      const mention = me ? `@${me.username}` : undefined;
      const addressed = (mention && text.includes(mention)) || ctx.message.reply_to_message?.from?.id === me?.id;
      if (!addressed) return;
      return answer(ctx, mention ? text.replaceAll(mention, " ").trim() : text);
    }
    return answer(ctx, text);
  });
  // a document: in a group only one addressed to the bot (its caption names it, or it answers the bot)
  tg.on(filters.message("document"), async (ctx) => {
    const { document: doc, caption } = ctx.message;
    if (inGroup(ctx)) {
      const me = tg.botInfo;
      const addressed = (me && caption?.includes(`@${me.username}`)) || ctx.message.reply_to_message?.from?.id === me?.id;
      if (!addressed) return;
    }
    const ref: z.infer<typeof FileReference> = {
      fileId: doc.file_id,
      ...(doc.file_name ? { name: doc.file_name } : {}),
      ...(caption ? { caption: caption.slice(0, CAPTION_MAX) } : {}),
      ...(doc.file_size !== undefined ? { size: doc.file_size } : {}),
    };
    return answer(ctx, JSON.stringify(ref), TELEGRAM_FILE_CHANNEL);
  });
  tg.catch((err, ctx) => opts.log.error({ err: String(err), update: ctx.update.update_id }, "telegram update failed"));

  return {
    telegraf: tg,
    mountWebhook(app, path, secretToken) {
      app.post(path, async (req, reply) => {
        if (!sameSecret(String(req.headers["x-telegram-bot-api-secret-token"] ?? ""), secretToken)) return reply.status(401).send({ error: "bad secret token" });
        const update = WebhookUpdate.safeParse(req.body);
        if (!update.success) return reply.status(400).send({ error: "请求体应为 Telegram 的 Update 对象（含 update_id）。" });
        // zod checked the envelope (update_id); telegraf reads the rest of the Update itself
        // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion
        await tg.handleUpdate(update.data as unknown as Update);
        return reply.send({ ok: true });
      });
    },
    sendTo,
    startPolling() {
      polling = true;
      void tg.launch({ dropPendingUpdates: false }).catch((e: unknown) => opts.log.error({ err: String(e) }, "telegram polling stopped"));
    },
    async stop() {
      if (polling) tg.stop("service stopping");
      await Promise.allSettled([...sending]);
    },
    async idle() {
      while (sending.size) await Promise.allSettled([...sending]);
    },
  };
}

/**
 * The name a Telegram profile shows. Chinese names are often entered as given name 三 and family
 * name 张: two Han-only parts are put back in Chinese order without a space (张三).
 */
export function displayName(first: string, last?: string): string {
  const han = /^\p{Script=Han}+$/u;
  const [f, l] = [cleanText(first).trim(), cleanText(last ?? "").trim()];
  if (f && l && han.test(f) && han.test(l)) return `${l}${f}`;
  return [f, l].filter(Boolean).join(" ");
}

/** A 4xx other than 429 (blocked by the user, no such chat) will not get better; all else may. */
function retryable(e: unknown): Error {
  const code = isTelegramError(e) ? e.code : undefined;
  if (code !== undefined && code >= 400 && code < 500 && code !== 429) return e instanceof Error ? e : new Error(errorMessage(e));
  const waitMs = isTelegramError(e) ? (e.parameters?.retry_after ?? 0) * 1000 : 0;
  return new RetryableError(errorMessage(e), waitMs);
}
