// A stand-in for the Telegram Bot API (getMe, getUpdates, sendMessage, webhook calls) that
// records what the bot sends and feeds updates to long polling.
import type { Update } from "telegraf/types";
import { HttpFake, RawAnswer } from "./http-fake.js";

export const BOT_TOKEN = "123456:TEST-token";
export const BOT = { id: 4242, is_bot: true, first_name: "督办", username: "duban_bot" };

export interface TelegramFake extends HttpFake {
  /** queue an update for getUpdates */
  push(update: Update): void;
  sent(): { chat_id: number; text: string }[];
  /** serves a file by getFile and its download URL; returns its file_id */
  file(data: Buffer): string;
}

export function fakeTelegram(): TelegramFake {
  const queue: Update[] = [];
  const base = `/bot${BOT_TOKEN}`;
  const fake = new HttpFake()
    .route(`${base}/getMe`, () => ({ ok: true, result: BOT }))
    .route(`${base}/deleteWebhook`, () => ({ ok: true, result: true }))
    .route(`${base}/setWebhook`, () => ({ ok: true, result: true }))
    .route(`${base}/sendMessage`, (r) => ({ ok: true, result: { message_id: Date.now() % 1e6, date: 0, chat: { id: (r.body as { chat_id: number }).chat_id, type: "private" }, text: (r.body as { text: string }).text } }))
    .route(`${base}/sendPhoto`, () => ({ ok: true, result: { message_id: 1, date: 0, chat: { id: 1, type: "private" } } }))
    .route(`${base}/sendDocument`, () => ({ ok: true, result: { message_id: 2, date: 0, chat: { id: 1, type: "private" } } }))
    .route(`${base}/getUpdates`, async (r) => {
      const offset = Number((r.body as { offset?: number } | undefined)?.offset ?? 0);
      const ready = queue.filter((u) => u.update_id >= offset);
      if (!ready.length) await new Promise((res) => setTimeout(res, 50)); // a short long-poll
      return { ok: true, result: queue.filter((u) => u.update_id >= offset) };
    }) as TelegramFake;
  const files = new Map<string, { path: string; size: number }>();
  fake.route(`${base}/getFile`, (r) => {
    const id = (r.body as { file_id?: string } | undefined)?.file_id ?? "";
    const f = files.get(id);
    return f ? { ok: true, result: { file_id: id, file_unique_id: `u-${id}`, file_size: f.size, file_path: f.path } } : { __status: 400, ok: false, error_code: 400, description: "Bad Request: invalid file_id" };
  });
  fake.file = (data) => {
    const id = `file-${files.size + 1}-${Date.now()}`;
    const path = `documents/${id}.bin`;
    files.set(id, { path, size: data.length });
    // the Bot API's file URL: <apiRoot>/file/bot<token>/<file_path>
    fake.route(`/file/bot${BOT_TOKEN}/${path}`, () => new RawAnswer(data));
    return id;
  };
  fake.push = (u) => queue.push(u);
  fake.sent = () => fake.calls(`${base}/sendMessage`).map((r) => r.body as { chat_id: number; text: string });
  return fake;
}

let seq = 1000;
/** A message with a document, as the Bot API delivers it; `size` as Telegram announces it. */
export function documentUpdate(fileId: string, doc: { name?: string; caption?: string; size: number }, from: number, chat: { id: number; type: "private" | "group" }): Update {
  const id = ++seq;
  return {
    update_id: id,
    message: {
      message_id: id, date: Math.floor(Date.now() / 1000),
      document: { file_id: fileId, file_unique_id: `u-${fileId}`, file_size: doc.size, ...(doc.name ? { file_name: doc.name } : {}) },
      ...(doc.caption ? { caption: doc.caption } : {}),
      from: { id: from, is_bot: false, first_name: "用户" },
      chat: chat.type === "private" ? { id: chat.id, type: "private", first_name: "用户" } : { id: chat.id, type: "group", title: "市人社局工作群" },
    },
  } as Update;
}

export function textUpdate(text: string, from: number, chat: { id: number; type: "private" | "group" }, extra: object = {}): Update {
  const id = ++seq;
  const entities = text.startsWith("/") ? [{ type: "bot_command" as const, offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
  return {
    update_id: id,
    message: {
      message_id: id, date: Math.floor(Date.now() / 1000), text, entities,
      from: { id: from, is_bot: false, first_name: "用户" },
      chat: chat.type === "private" ? { id: chat.id, type: "private", first_name: "用户" } : { id: chat.id, type: "group", title: "市人社局工作群" },
      ...extra,
    },
  } as Update;
}
