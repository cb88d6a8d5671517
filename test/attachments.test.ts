// A 工作亮点 sent as a file: the real WeCom callback (encrypted with @wecom/crypto as WeCom does)
// and the real telegraf channel, on one Fastify server on 127.0.0.1, downloading from fake WeCom
// and Bot API servers; the real inbox over the real store. The bot is a spy: this is the channel's
// side of the contract, an Incoming with `亮点：<title>\n<paragraphs>` and the file's name.
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import Fastify, { type FastifyInstance } from "fastify";
import type * as Docx from "docx";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Incoming } from "../src/bot/context.js";
import { Inbox } from "../src/channels/answer-once.js";
import {
  ATTACHMENT_MAX_BYTES, DOWNLOAD_FAILED_REPLY, EMPTY_REPLY, NOT_HIGHLIGHT_REPLY, TOO_LARGE_REPLY, UNREADABLE_REPLY, UNSUPPORTED_REPLY,
  FileTooLarge, decodeText, highlightText, readCapped,
} from "../src/channels/attachment-text.js";
import { createTelegram, type TelegramChannel } from "../src/channels/telegram/telegram.js";
import { fileNameOf, WeComApi } from "../src/channels/wecom/api.js";
import { wecomCallback } from "../src/channels/wecom/callback.js";
import { silentLog } from "../src/log.js";
import type { HttpFake } from "./fakes/http-fake.js";
import { BOT, BOT_TOKEN, documentUpdate, fakeTelegram, type TelegramFake } from "./fakes/telegram.js";
import { AES_KEY, CORP_ID, TOKEN, fakeWeCom, fileXml, postCallback, type Media } from "./fakes/wecom.js";
import { startTestService, type TestService } from "./helpers/service.js";

const TITLE = "社区食堂实现街道全覆盖";
const PARAGRAPHS = ["今年以来，全市新建社区食堂12家，日均服务老年人3000人次。", "群众满意度达到98%，相关做法被省里推广。"];
const EXPECTED = `亮点：${TITLE}\n${PARAGRAPHS.join("\n")}`;

/** A real Word file, made with the docx package: a blank first paragraph, the title, indented paragraphs. */
async function wordFile(lines: string[]): Promise<Buffer> {
  const docx: typeof Docx = createRequire(import.meta.url)("docx");
  const paragraph = (text: string) => new docx.Paragraph({ children: [new docx.TextRun({ text })] });
  const doc = new docx.Document({ sections: [{ children: [paragraph(""), ...lines.map(paragraph)] }] });
  return docx.Packer.toBuffer(doc);
}

/** GB18030 bytes, as Chinese Windows saves "ANSI" text: Node decodes GB18030 but has no encoder, so one is built from the decoder. */
function gb18030(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder("gb18030");
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (!table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch) ?? [])));
}

let svc: TestService;
let wecomFake: HttpFake;
let tgFake: TelegramFake;
const media = new Map<string, Media>();
let server: FastifyInstance;
let telegram: TelegramChannel;
let inbox: Inbox;
let base: string;
/** what the bot was handed, in order */
let heard: Incoming[] = [];
const bot = {
  reply: async (m: Incoming) => {
    heard.push(m);
    return { text: `已收到：${m.text.split("\n")[0]}` };
  },
};

let msgSeq = 7_400_000_000_000_000_000n;
const nextMsgId = () => String(++msgSeq);
const mediaGets = (id: string) => wecomFake.calls("/cgi-bin/media/get").filter((r) => r.query.get("media_id") === id).length;

beforeAll(async () => {
  svc = await startTestService({ dataDir: "memory://" });
  wecomFake = await fakeWeCom({}, media).start();
  tgFake = await fakeTelegram().start();
  inbox = new Inbox({ store: svc.app.inbound, bot, log: silentLog });
  const retry = { attempts: 3, baseMs: 5, maxMs: 20 };
  const api = new WeComApi({ baseUrl: wecomFake.url, corpId: CORP_ID, secret: "s", agentId: 1000002, retry, timeoutMs: 2000 });
  server = Fastify();
  await server.register(wecomCallback, {
    path: "/cb", keys: { token: TOKEN, aesKey: AES_KEY, receiveId: CORP_ID }, inbox, api, replyDeadlineMs: 3000, welcome: async () => "welcome", log: silentLog,
  });
  telegram = createTelegram({ token: BOT_TOKEN, apiRoot: tgFake.url, inbox, log: silentLog, botInfo: BOT, retry });
  telegram.mountWebhook(server, "/tg", "secret-1");
  await server.listen({ port: 0, host: "127.0.0.1" });
  const addr = server.server.address();
  base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
});
afterAll(async () => {
  await server?.close();
  await telegram?.stop();
  await svc?.close();
  await wecomFake?.stop();
  await tgFake?.stop();
});
beforeEach(() => {
  heard = [];
});

describe("WeCom app: a file message", () => {
  const send = (mediaId: string, msgId = nextMsgId(), fileName?: string) => postCallback(`${base}/cb`, fileXml("zhangsan", mediaId, msgId, fileName));
  const serve = (data: Buffer, name?: string) => {
    const id = `media-in-${randomBytes(6).toString("hex")}`;
    media.set(id, { data, ...(name ? { name } : {}) });
    return id;
  };

  it("reads a 亮点 .docx (its name from media/get) and hands the bot 亮点：title⏎paragraphs with the file's name", async () => {
    const id = serve(await wordFile([TITLE, ...PARAGRAPHS.map((p) => `\u3000\u3000${p}`)]), "社区食堂工作亮点.docx");
    const r = await send(id);
    expect(r.status).toBe(200);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({ memberId: "wecom:zhangsan", channel: "wecom", text: EXPECTED, attachment: { name: "社区食堂工作亮点.docx" } });
    // the bot's answer is the passive reply, as for text
    expect(r.reply).toBe(`已收到：亮点：${TITLE}`);
    expect(mediaGets(id)).toBe(1);
    expect(wecomFake.calls("/cgi-bin/media/get").at(-1)!.query.get("access_token")).toMatch(/^token-/);
  });

  it("a retried MsgId gets the same answer: downloaded once, the bot run once", async () => {
    const id = serve(await wordFile([TITLE, ...PARAGRAPHS]), "亮点.docx");
    const msgId = nextMsgId();
    const first = await send(id, msgId);
    const retry = await send(id, msgId);
    expect(retry.reply).toBe(first.reply);
    expect(first.reply).toContain(TITLE);
    expect(mediaGets(id)).toBe(1);
    expect(heard).toHaveLength(1);
  });

  it("refuses, in one sentence and without the bot, what is not a readable 亮点 file", async () => {
    const cases: [string, string][] = [
      [serve(Buffer.from("%PDF-1.7 …"), "工作亮点.pdf"), UNSUPPORTED_REPLY],
      [serve(await wordFile([TITLE, ...PARAGRAPHS]), "会议纪要.docx"), NOT_HIGHLIGHT_REPLY],
      [serve(Buffer.alloc(3 * 1024 * 1024, "亮"), "长亮点.txt"), TOO_LARGE_REPLY],
      [serve(randomBytes(4096), "坏的亮点.docx"), UNREADABLE_REPLY],
      [serve(Buffer.from("\ufeff  \n\u3000\n"), "空白亮点.txt"), EMPTY_REPLY],
      ["media-nobody-uploaded", DOWNLOAD_FAILED_REPLY], // media/get answers errcode 40007
    ];
    for (const [id, expected] of cases) {
      const msgId = nextMsgId();
      expect((await send(id, msgId)).reply).toBe(expected);
      // the refusal is the stored answer: a retry gets it again and downloads nothing more
      expect((await send(id, msgId)).reply).toBe(expected);
      expect(mediaGets(id)).toBe(1);
    }
    expect(heard).toEqual([]);
  });

  it("refuses a file whose name in the message is not .docx or .txt without downloading it", async () => {
    const id = serve(Buffer.from("%PDF-1.7"), "工作亮点.pdf");
    expect((await send(id, nextMsgId(), "工作亮点.pdf")).reply).toBe(UNSUPPORTED_REPLY);
    expect(mediaGets(id)).toBe(0);
    expect(heard).toEqual([]);
  });

  it("a file message whose holder died is read and answered by the sweeper, through the message API", async () => {
    const id = serve(await wordFile([TITLE, ...PARAGRAPHS]), "亮点.docx");
    const msgId = nextMsgId();
    // as a dead instance leaves it: claimed, its lease run out, no reply
    await svc.app.inbound.claim({ channel: "wecom-file", messageId: msgId, memberId: "wecom:zhangsan", text: JSON.stringify({ mediaId: id }), replyTo: "zhangsan" }, "dead-instance", 1);
    const sends = wecomFake.calls("/cgi-bin/message/send").length;
    expect(await inbox.sweep()).toBeGreaterThanOrEqual(1);
    expect(heard.map((m) => [m.channel, m.text, m.attachment?.name])).toEqual([["wecom", EXPECTED, "亮点.docx"]]);
    await expect.poll(() => wecomFake.calls("/cgi-bin/message/send").length).toBe(sends + 1);
    expect(wecomFake.calls("/cgi-bin/message/send").at(-1)!.body).toMatchObject({ touser: "zhangsan", text: { content: `已收到：亮点：${TITLE}` } });
    // WeCom's retry of it afterwards stays silent and downloads nothing more
    expect((await send(id, msgId)).text).toBe("");
    expect(mediaGets(id)).toBe(1);
  });

  it("media/get gives the file and its name, and stops past the limit", async () => {
    const api = new WeComApi({ baseUrl: wecomFake.url, corpId: CORP_ID, secret: "s", agentId: 1000002, retry: { attempts: 1, baseMs: 1, maxMs: 1 } });
    const id = serve(Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, "a"), "亮点.txt");
    await expect(api.download(id, ATTACHMENT_MAX_BYTES)).rejects.toBeInstanceOf(FileTooLarge);
    const small = serve(Buffer.from("亮点标题\n正文"), "小亮点.txt");
    expect(await api.download(small, ATTACHMENT_MAX_BYTES)).toEqual({ data: Buffer.from("亮点标题\n正文"), name: "小亮点.txt" });
  });
});

describe("Telegram: a document", () => {
  const me = { id: 1001, type: "private" as const };
  const getFiles = () => tgFake.calls(`/bot${BOT_TOKEN}/getFile`).length;
  /**
   * Delivers an update by webhook and returns the texts sent back. The answer goes out when the
   * inbox has it (Telegram waits for none), so an answered update is waited for; one expected to
   * stay unanswered is given a moment to prove it.
   */
  const deliver = async (update: object, answered = true) => {
    const before = tgFake.sent().length;
    const res = await fetch(`${base}/tg`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "secret-1" }, body: JSON.stringify(update) });
    expect(res.status).toBe(200);
    if (answered) await expect.poll(() => tgFake.sent().length, { timeout: 5000 }).toBeGreaterThan(before);
    else await new Promise((r) => setTimeout(r, 300));
    await telegram.idle();
    return tgFake.sent().slice(before).map((s) => s.text);
  };
  const doc = (data: Buffer, name: string | undefined, caption?: string, chat: { id: number; type: "private" | "group" } = me) =>
    documentUpdate(tgFake.file(data), { ...(name ? { name } : {}), ...(caption ? { caption } : {}), size: data.length }, 1001, chat);

  it("reads a .txt captioned 工作亮点 (UTF-8 with a BOM) into 亮点：title⏎paragraphs", async () => {
    const text = `\ufeff${TITLE}\r\n\r\n${PARAGRAPHS.join("\r\n")}\r\n`;
    const sent = await deliver(doc(Buffer.from(text), "稿件.txt", "工作亮点"));
    expect(heard).toEqual([expect.objectContaining({ memberId: "telegram:1001", channel: "telegram", text: EXPECTED, attachment: { name: "稿件.txt" } })]);
    expect(sent).toEqual([`已收到：亮点：${TITLE}`]);
  });

  it("reads a GB18030 (Windows ANSI) text file", async () => {
    const bytes = gb18030(`${TITLE}\r\n${PARAGRAPHS.join("\r\n")}`);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    await deliver(doc(bytes, "亮点.txt"));
    expect(heard.map((m) => m.text)).toEqual([EXPECTED]);
  });

  it("reads a .docx whose name says 亮点, without a caption", async () => {
    await deliver(doc(await wordFile([`亮点：${TITLE}`, ...PARAGRAPHS]), "五月工作亮点.docx"));
    expect(heard.map((m) => [m.text, m.attachment?.name])).toEqual([[EXPECTED, "五月工作亮点.docx"]]);
  });

  it("refuses a .pdf, a file with no 亮点, and one too large, before fetching anything", async () => {
    const before = getFiles();
    expect(await deliver(doc(Buffer.from("%PDF-1.7"), "材料.pdf", "工作亮点"))).toEqual([UNSUPPORTED_REPLY]);
    expect(await deliver(doc(Buffer.from(`${TITLE}\n正文`), "会议纪要.txt", "请查收"))).toEqual([NOT_HIGHLIGHT_REPLY]);
    expect(await deliver(doc(Buffer.alloc(3 * 1024 * 1024, "a"), "大亮点.txt"))).toEqual([TOO_LARGE_REPLY]);
    expect(getFiles()).toBe(before);
    expect(await deliver(doc(randomBytes(2048), "亮点.docx"))).toEqual([UNREADABLE_REPLY]);
    expect(heard).toEqual([]);
  });

  it("tells the member when the file cannot be fetched", async () => {
    const update = documentUpdate("no-such-file", { name: "亮点.txt", size: 10 }, 1001, me);
    expect(await deliver(update)).toEqual([DOWNLOAD_FAILED_REPLY]);
    expect(heard).toEqual([]);
  });

  it("handles a redelivered document once", async () => {
    const update = doc(Buffer.from(`${TITLE}\n${PARAGRAPHS[0]}`), "亮点.txt");
    const before = getFiles();
    expect(await deliver(update)).toHaveLength(1);
    expect(await deliver(update, false)).toEqual([]);
    expect(getFiles() - before).toBe(1);
    expect(heard).toHaveLength(1);
  });

  it("in a group reads only a document addressed to the bot", async () => {
    const group = { id: -5005, type: "group" as const };
    const data = Buffer.from(`${TITLE}\n${PARAGRAPHS[0]}`);
    expect(await deliver(doc(data, "亮点.txt", "大家看看", group), false)).toEqual([]);
    expect(heard).toEqual([]);
    const sent = await deliver(doc(data, "稿件.txt", `@${BOT.username} 工作亮点`, group));
    expect(sent).toEqual([`已收到：亮点：${TITLE}`]);
    expect(heard[0]).toMatchObject({ shared: true, text: `亮点：${TITLE}\n${PARAGRAPHS[0]}` });
  });
});

describe("Telegram: a 亮点 file reaching the real bot", () => {
  it("is stored as the issue's 亮点 with its file name, for a bound unit's member; a viewer's is refused", async () => {
    // the service's own inbox and bot behind a second webhook: the channel, the store and the bot together
    const real = createTelegram({ token: BOT_TOKEN, apiRoot: tgFake.url, inbox: svc.app.inbox, log: silentLog, botInfo: BOT, retry: { attempts: 3, baseMs: 5, maxMs: 20 } });
    const app = Fastify();
    real.mountWebhook(app, "/tg-real", "secret-2");
    await app.listen({ port: 0, host: "127.0.0.1" });
    const addr = app.server.address();
    const url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}/tg-real`;
    const deliver = async (from: number, data: Buffer, name: string) => {
      const before = tgFake.sent().length;
      const update = documentUpdate(tgFake.file(data), { name, size: data.length }, from, { id: from, type: "private" });
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "secret-2" }, body: JSON.stringify(update) });
      expect(res.status).toBe(200);
      await expect.poll(() => tgFake.sent().length, { timeout: 5000 }).toBeGreaterThan(before);
      await real.idle();
      return tgFake.sent().slice(before).map((m) => m.text).join("\n");
    };
    try {
      await svc.chat("admin", "绑定 telegram:2002 市民政局");
      const said = await deliver(2002, await wordFile([TITLE, ...PARAGRAPHS]), "民政局工作亮点.docx");
      expect(said).toBe(`✅ 已收到亮点（来自文件 民政局工作亮点.docx）：《${TITLE}》，正文 2 段。本期共 1 篇亮点。`);
      expect(await svc.chat("admin", "本期亮点")).toContain(`1. 【选用】《${TITLE}》（市民政局，2 段，文件 民政局工作亮点.docx）`);
      expect(await deliver(2003, Buffer.from(`${TITLE}\n${PARAGRAPHS[0]}`), "亮点.txt")).toMatch(/^只有已绑定单位的填报人或管理员/u);
      expect(await svc.chat("admin", "本期亮点")).toMatch(/^本期亮点 1 篇/u);
    } finally {
      await real.stop();
      await app.close();
    }
  });
});

describe("the text rules", () => {
  it("stops reading a body past the limit when no length was announced", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(64 * 1024));
      },
    });
    await expect(readCapped(new Response(endless), ATTACHMENT_MAX_BYTES)).rejects.toBeInstanceOf(FileTooLarge);
    expect(pulled).toBeLessThan(ATTACHMENT_MAX_BYTES / (64 * 1024) + 3);
    expect(await readCapped(new Response("亮点"), ATTACHMENT_MAX_BYTES)).toEqual(Buffer.from("亮点"));
  });

  it("takes the first non-empty line as the title, keeps one 亮点： prefix, and drops blank lines and indents", () => {
    expect(highlightText(`\n\u3000\u3000工作亮点：${TITLE}  \n\n  ${PARAGRAPHS[0]}\n`)).toEqual({ text: `亮点：${TITLE}\n${PARAGRAPHS[0]}` });
    expect(highlightText("亮点：\n标题\n正文")).toEqual({ text: "亮点：标题\n正文" });
    expect(highlightText(" \n\u3000\n")).toEqual({ reply: EMPTY_REPLY });
    expect("reply" in highlightText(`标题\n${"很长".repeat(6000)}`)).toBe(true);
  });

  it("decodes UTF-8 (BOM dropped), UTF-16 with its BOM, and GB18030", () => {
    expect(decodeText(Buffer.from("\ufeff亮点"))).toBe("亮点");
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("亮点", "utf16le")]))).toBe("亮点");
    expect(decodeText(gb18030("社区食堂"))).toBe("社区食堂");
  });

  it("reads the file name of a Content-Disposition header in its usual spellings", () => {
    expect(fileNameOf('attachment; filename="MEDIA_ID.jpg"')).toBe("MEDIA_ID.jpg");
    expect(fileNameOf(`attachment; filename*=UTF-8''${encodeURIComponent("工作亮点.docx")}`)).toBe("工作亮点.docx");
    expect(fileNameOf(`attachment; filename="${encodeURIComponent("亮点.txt")}"`)).toBe("亮点.txt");
    expect(fileNameOf("attachment")).toBeUndefined();
  });
});
