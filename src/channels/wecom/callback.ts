// The WeCom self-built app (自建应用) callback: URL verification (GET) and encrypted messages
// (POST). Replies are passive (encrypted in the HTTP response) when the bot answers within the
// deadline — the usual case, a few tens of milliseconds — because that needs no access token
// and no second request. WeCom gives up after 5 s and retries; if the bot is slower than the
// deadline (3 s by default, safely inside the window), we answer empty at once and send the
// reply through the app message API when it is ready, so the user still gets it, once.
// A file (MsgType=file) goes through the inbox like text, as its own channel "wecom-file" whose
// stored text is the MediaId: it is downloaded (media/get) and read once, under the claim, and a
// 工作亮点 reaches the bot as text (attachment-text.ts); a retried MsgId downloads nothing.
import { randomBytes } from "node:crypto";
import { XMLParser } from "fast-xml-parser";
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import type { Reply } from "../../bot/bot.js";
import { cleanString, cleanText, MESSAGE_MAX_CHARS } from "../../domain/text.js";
import type { Inbox, Resolved } from "../answer-once.js";
import { ATTACHMENT_MAX_BYTES, highlightFromFile, storedReference } from "../attachment-text.js";
import { splitText } from "../delivery.js";
import type { Log } from "../../log.js";
import type { WeComApi } from "./api.js";
import { TEXT_MAX_BYTES } from "./api.js";
import { open, seal, type EnvelopeKeys } from "./envelope.js";

/** a callback body: <xml>…</xml>, its fields as strings (the parser is told to keep them so) */
const XmlDocument = z.object({ xml: z.record(z.string(), z.unknown()) });

export interface WeComCallbackOptions {
  path: string;
  keys: EnvelopeKeys;
  inbox: Inbox;
  /** for replies slower than the deadline, and the rest of a reply too long for one message */
  api?: WeComApi;
  replyDeadlineMs: number;
  welcome: (memberId: string) => Promise<string>;
  log: Log;
  now?: () => number;
}

const BODY_LIMIT = 64 * 1024;
// every value stays a string: MsgId is a 64-bit number that a JS number would round
const xml = new XMLParser({ parseTagValue: false, processEntities: false, ignoreDeclaration: true });

interface Query {
  msg_signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
}

// what the decrypted message may carry, cleaned: a control byte or a lone surrogate in any of
// it would otherwise reach PostgreSQL, which refuses them
const field = cleanString(z.string().max(256)).optional().catch(undefined);
const InboundXml = z.object({
  FromUserName: cleanString(z.string().trim().min(1).max(128)),
  CreateTime: field,
  MsgType: field,
  Content: z.unknown().transform((v) => (typeof v === "string" ? cleanText(v, MESSAGE_MAX_CHARS) : "")).optional(),
  MsgId: field,
  Event: field,
  // a file message: its media, and its name where WeCom gives it (else media/get's header does)
  MediaId: field,
  FileName: field,
  Title: field,
});

/** What the inbox keeps of a file message until it is read: enough to download it again. */
const FileReference = z.object({ mediaId: z.string().min(1), name: z.string().optional() });

/** The inbox channel of file messages (their stored text is a FileReference). */
export const WECOM_FILE_CHANNEL = "wecom-file";

export const NOT_TEXT_REPLY = "请发送文字消息，例如「城镇新增就业进度多少」。发送「帮助」查看全部用法。";

export async function wecomCallback(app: FastifyInstance, opts: WeComCallbackOptions): Promise<void> {
  const now = opts.now ?? Date.now;
  // a message whose holder died is answered by the sweeper, through the message API
  const sender = opts.api ? (user: string, r: Reply) => sendNow(opts.api!, user, r) : undefined;
  opts.inbox.register("wecom", "wecom", sender);
  opts.inbox.register(WECOM_FILE_CHANNEL, "wecom", sender, (row) => readFile(row.text));
  app.addContentTypeParser("*", { parseAs: "string", bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));

  app.get<{ Querystring: Query }>(opts.path, async (req, reply) => {
    const q = req.query;
    const opened = open(opts.keys, { signature: q.msg_signature ?? "", timestamp: q.timestamp ?? "", nonce: q.nonce ?? "", encrypted: q.echostr ?? "" }, now());
    if (!opened.ok) return reply.status(opened.status).type("text/plain").send(opened.reason);
    // the decrypted echostr, exactly: no quotes, no newline
    return reply.type("text/plain").send(opened.message);
  });

  app.post<{ Querystring: Query; Body: string }>(opts.path, { bodyLimit: BODY_LIMIT }, async (req, reply) => {
    const envelope = parseXml(req.body);
    const encrypted = envelope?.Encrypt;
    if (typeof encrypted !== "string" || !encrypted) return reply.status(400).type("text/plain").send("no Encrypt");
    const q = req.query;
    const opened = open(opts.keys, { signature: q.msg_signature ?? "", timestamp: q.timestamp ?? "", nonce: q.nonce ?? "", encrypted }, now());
    if (!opened.ok) {
      opts.log.warn({ reason: opened.reason }, "wecom callback refused");
      return reply.status(opened.status).type("text/plain").send(opened.reason);
    }
    const parsed = InboundXml.safeParse(parseXml(opened.message));
    if (!parsed.success) return reply.status(400).type("text/plain").send("no FromUserName");
    const msg = parsed.data;
    const user = msg.FromUserName;
    const memberId = `wecom:${user}`;

    if (msg.MsgType === "event") {
      if (msg.Event !== "enter_agent" && msg.Event !== "subscribe") return empty(reply);
      // events carry no MsgId: the sender and time identify them
      if (!(await opts.inbox.store.firstSighting("wecom", `event:${user}:${msg.CreateTime}:${msg.Event}`, memberId))) return empty(reply);
      return passive(reply, user, await opts.welcome(memberId));
    }
    const messageId = msg.MsgId ?? `${user}:${msg.CreateTime}`;
    if (msg.MsgType === "file" && msg.MediaId) {
      const name = msg.FileName ?? msg.Title;
      const ref: z.infer<typeof FileReference> = { mediaId: msg.MediaId, ...(name ? { name } : {}) };
      return answer(reply, { channel: WECOM_FILE_CHANNEL, messageId, memberId, text: JSON.stringify(ref), user });
    }
    if (msg.MsgType !== "text") return passive(reply, user, NOT_TEXT_REPLY);
    return answer(reply, { channel: "wecom", messageId, memberId, text: msg.Content ?? "", user });
  });

  /** Runs a message through the inbox (once per MsgId) and replies passively when the answer is in time. */
  async function answer(reply: FastifyReply, m: { channel: string; messageId: string; memberId: string; text: string; user: string }) {
    const { user } = m;
    const outcome = await opts.inbox.answer({
      channel: m.channel,
      messageId: m.messageId,
      memberId: m.memberId,
      text: m.text,
      replyTo: user,
      deadlineMs: opts.replyDeadlineMs,
      late: (r) => {
        sendLater(user, splitText(r.text, TEXT_MAX_BYTES));
        sendAttachments(user, r);
      },
    });
    if (outcome.kind !== "answer") return empty(reply);
    if (outcome.first) sendAttachments(user, outcome.reply);
    return passive(reply, user, outcome.reply.text);
  }

  /** A stored file message read: downloaded through media/get, a 亮点 made text, or one sentence why not. */
  async function readFile(stored: string): Promise<Resolved> {
    const ref = storedReference(FileReference, stored);
    const api = opts.api;
    return highlightFromFile(
      { ...(ref?.name ? { name: ref.name } : {}) },
      () => {
        if (!ref) throw new Error("stored file reference unreadable");
        if (!api) throw new Error("no app secret configured for media/get");
        return api.download(ref.mediaId, ATTACHMENT_MAX_BYTES);
      },
      (err) => opts.log.warn({ err }, "wecom file not read"),
    );
  }

  /** The first piece in the HTTP response; any further piece through the message API. */
  function passive(reply: FastifyReply, user: string, text: string) {
    const [first = "", ...rest] = splitText(text, TEXT_MAX_BYTES);
    if (rest.length) sendLater(user, rest);
    const inner =
      `<xml><ToUserName>${cdata(user)}</ToUserName><FromUserName>${cdata(opts.keys.receiveId)}</FromUserName>` +
      `<CreateTime>${Math.floor(now() / 1000)}</CreateTime><MsgType>${cdata("text")}</MsgType><Content>${cdata(first)}</Content></xml>`;
    const s = seal(opts.keys, inner, now(), randomBytes(8).toString("hex"));
    const body =
      `<xml><Encrypt>${cdata(s.encrypted)}</Encrypt><MsgSignature>${cdata(s.signature)}</MsgSignature>` +
      `<TimeStamp>${s.timestamp}</TimeStamp><Nonce>${cdata(s.nonce)}</Nonce></xml>`;
    return reply.type("application/xml").send(body);
  }

  /** A chart or a Word file goes out through the message API after the text. */
  function sendAttachments(user: string, r: Reply) {
    const api = opts.api;
    if (!r.image && !r.file) return;
    if (!api) {
      opts.log.warn({ user }, "wecom attachment not sent: no app secret configured for the message API");
      return;
    }
    void (async () => {
      if (r.image) await api.sendImage([user], r.image.name, r.image.png);
      if (r.file) await api.sendFile([user], r.file.name, r.file.data);
    })().catch((e: unknown) => opts.log.error({ user, err: String(e) }, "wecom attachment not delivered after retries"));
  }

  async function sendNow(api: WeComApi, user: string, r: Reply) {
    for (const piece of splitText(r.text, TEXT_MAX_BYTES)) await api.sendText([user], piece);
    sendAttachments(user, r);
  }

  function sendLater(user: string, pieces: string[]) {
    if (!opts.api) {
      opts.log.error({ user, pieces: pieces.length }, "wecom reply not delivered: no app secret configured for the message API");
      return;
    }
    const api = opts.api;
    void (async () => {
      for (const piece of pieces) await api.sendText([user], piece);
    })().catch((e: unknown) => opts.log.error({ user, err: String(e) }, "wecom reply not delivered after retries"));
  }
}

function parseXml(text: unknown): Record<string, unknown> | undefined {
  if (typeof text !== "string" || !text.trim()) return undefined;
  try {
    const doc = XmlDocument.safeParse(xml.parse(text));
    return doc.success ? doc.data.xml : undefined;
  } catch {
    return undefined;
  }
}

function cdata(s: string): string {
  return `<![CDATA[${s.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
}

/** WeCom takes an empty 200 as "received, no reply". */
function empty(reply: FastifyReply) {
  return reply.type("text/plain").send("");
}
