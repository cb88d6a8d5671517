// The WeCom 智能机器人 callback: the bot inside group chats (the group robot webhook can only
// push). Same signature and AES scheme as the app callback with an empty receive id, but JSON:
// {"encrypt"} in, {msgid, aibotid, chatid, chattype, from:{userid}, msgtype, text:{content}}
// inside, and an encrypted JSON reply. WeCom answers user messages with a "stream" message, so
// the reply is one stream message marked finished. Text replies are only for enter_chat.
import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { cleanString, cleanText, MESSAGE_MAX_CHARS } from "../../domain/text.js";
import type { Inbox } from "../answer-once.js";
import type { Log } from "../../log.js";
import { NOT_TEXT_REPLY } from "./callback.js";
import { open, seal, type EnvelopeKeys } from "./envelope.js";

export interface AibotOptions {
  path: string;
  keys: EnvelopeKeys;
  inbox: Inbox;
  replyDeadlineMs: number;
  welcome: (memberId: string) => Promise<string>;
  log: Log;
  now?: () => number;
}

const Envelope = z.object({ encrypt: z.string().min(1) });
// cleaned: a control byte or a lone surrogate would otherwise reach PostgreSQL, which refuses them
const Inbound = z.object({
  msgid: cleanString(z.string().max(256)).optional(),
  aibotid: z.string().optional(),
  chatid: z.string().optional(),
  chattype: z.string().optional(),
  from: z.object({ userid: cleanString(z.string().trim().min(1).max(128)) }),
  msgtype: z.string(),
  text: z.object({ content: z.string().transform((s) => cleanText(s, MESSAGE_MAX_CHARS)) }).optional(),
  event: z.object({ eventtype: z.string() }).passthrough().optional(),
});

interface Query {
  msg_signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
}

/** A group message starts with the robot's @name; the bot wants only what follows. */
export function withoutMention(content: string): string {
  return content.replace(/^\s*@\S+\s*/u, "").trim();
}

export async function wecomAibot(app: FastifyInstance, opts: AibotOptions): Promise<void> {
  // no send API here: a message whose holder died is answered to WeCom's retry, from the store
  opts.inbox.register("wecom-aibot", "wecom");
  const now = opts.now ?? Date.now;
  const signed = (q: Query, encrypted: string) => ({ signature: q.msg_signature ?? "", timestamp: q.timestamp ?? "", nonce: q.nonce ?? "", encrypted });

  app.get<{ Querystring: Query }>(opts.path, async (req, reply) => {
    const opened = open(opts.keys, signed(req.query, req.query.echostr ?? ""), now());
    if (!opened.ok) return reply.status(opened.status).type("text/plain").send(opened.reason);
    return reply.type("text/plain").send(opened.message);
  });

  app.post<{ Querystring: Query }>(opts.path, { bodyLimit: 64 * 1024 }, async (req, reply) => {
    const envelope = Envelope.safeParse(req.body);
    if (!envelope.success) return reply.status(400).type("text/plain").send("no encrypt");
    const opened = open(opts.keys, signed(req.query, envelope.data.encrypt), now());
    if (!opened.ok) {
      opts.log.warn({ reason: opened.reason }, "wecom aibot callback refused");
      return reply.status(opened.status).type("text/plain").send(opened.reason);
    }
    let json: unknown;
    try {
      json = JSON.parse(opened.message);
    } catch {
      return reply.status(400).type("text/plain").send("not JSON");
    }
    const parsed = Inbound.safeParse(json);
    if (!parsed.success) return reply.status(400).type("text/plain").send("unexpected message");
    const msg = parsed.data;
    const memberId = `wecom:${msg.from.userid}`;
    if (msg.msgtype === "event") {
      if (msg.event?.eventtype !== "enter_chat") return reply.send("");
      return sealed(reply, { msgtype: "text", text: { content: await opts.welcome(memberId) } });
    }
    if (msg.msgtype !== "text" || !msg.text) return stream(reply, NOT_TEXT_REPLY);
    // the robot's reply is one stream message: text only (charts and files need the app)
    const outcome = await opts.inbox.answer({
      channel: "wecom-aibot",
      messageId: msg.msgid ?? `${msg.from.userid}:${req.query.timestamp}`,
      memberId,
      text: withoutMention(msg.text.content),
      replyTo: msg.from.userid,
      shared: msg.chattype === "group",
      deadlineMs: opts.replyDeadlineMs,
      // the change is made either way; WeCom's retry of this msgid gets the stored answer
      late: () => opts.log.warn({ msgid: msg.msgid }, "wecom aibot answer later than the deadline"),
    });
    return outcome.kind === "answer" ? stream(reply, outcome.reply.text) : reply.send("");
  });

  function stream(reply: FastifyReply, content: string) {
    return sealed(reply, { msgtype: "stream", stream: { id: randomBytes(8).toString("hex"), finish: true, content } });
  }

  function sealed(reply: FastifyReply, message: object) {
    const s = seal(opts.keys, JSON.stringify(message), now(), randomBytes(8).toString("hex"));
    return reply.type("application/json").send({ encrypt: s.encrypted, msgsignature: s.signature, timestamp: s.timestamp, nonce: s.nonce });
  }
}
