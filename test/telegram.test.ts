// Telegram end to end with the real telegraf: updates delivered by webhook to the running
// service and by getUpdates polling, replies asserted on a fake Bot API on 127.0.0.1.
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Inbox } from "../src/channels/answer-once.js";
import { silentLog } from "../src/log.js";
import { createTelegram } from "../src/channels/telegram/telegram.js";
import { BOT, BOT_TOKEN, fakeTelegram, textUpdate, type TelegramFake } from "./fakes/telegram.js";
import { startTestService, type TestService } from "./helpers/service.js";

const SECRET = "webhook-secret_1";
const env = (fake: TelegramFake, mode: "webhook" | "polling") => ({
  TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_MODE: mode, TELEGRAM_SECRET_TOKEN: SECRET, TELEGRAM_API_ROOT: fake.url,
  DUBAN_RETRY_BASE_MS: "5", DUBAN_ADMINS: "api:admin",
});

describe("webhook mode", () => {
  let fake: TelegramFake;
  let svc: TestService;
  const post = (update: object, secret = SECRET) =>
    fetch(`${svc.url}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
      body: JSON.stringify(update),
    });
  /** delivers an update and waits for the replies it caused */
  const deliver = async (update: object) => {
    const before = fake.sent().length;
    expect((await post(update)).status).toBe(200);
    await svc.channels.telegram!.idle();
    return fake.sent().slice(before);
  };

  beforeAll(async () => {
    fake = await fakeTelegram().start();
    svc = await startTestService({ dataDir: "memory://" }, env(fake, "webhook"));
    await svc.chat("admin", "绑定 telegram:1001 市人社局");
  });
  afterAll(async () => {
    await svc?.close();
    await fake?.stop();
  });

  it("answers plain text and commands through the same bot", async () => {
    const [q] = await deliver(textUpdate("就业困难人员进度多少", 2002, { id: 2002, type: "private" }));
    expect(q).toMatchObject({ chat_id: 2002 });
    expect(q!.text).toContain("93.67%");
    expect((await deliver(textUpdate("/start", 2002, { id: 2002, type: "private" })))[0]!.text).toContain("督办机器人可以这样用");
    expect((await deliver(textUpdate("/help", 2002, { id: 2002, type: "private" })))[0]!.text).toContain("【填报】");
    expect((await deliver(textUpdate("/query 城镇新增就业", 2002, { id: 2002, type: "private" })))[0]!.text).toContain("2230 人");
    expect((await deliver(textUpdate("/laggards", 2002, { id: 2002, type: "private" })))[0]!.text).toContain("创业培训");
    const [r] = await deliver(textUpdate("/report 城镇新增就业 2400 人", 1001, { id: 1001, type: "private" }));
    expect(r!.text).toContain("2230 人 → 2400 人");
    expect((await deliver(textUpdate("撤销", 1001, { id: 1001, type: "private" })))[0]!.text).toContain("已撤销");
  });

  it("sends the laggards chart as a photo and the report as a document", async () => {
    const before = fake.calls(`/bot${BOT_TOKEN}/sendPhoto`).length;
    await deliver(textUpdate("落后指标图", 2002, { id: 2002, type: "private" }));
    expect(fake.calls(`/bot${BOT_TOKEN}/sendPhoto`).length).toBe(before + 1);
    await deliver(textUpdate("/report_doc", 2002, { id: 2002, type: "private" }));
    expect(fake.calls(`/bot${BOT_TOKEN}/sendDocument`).length).toBe(1);
  });

  it("answers 400, not 500, to a body that is not an update", async () => {
    for (const body of ["null", "[]", "42", '"text"', '{"message":{"text":"总体进度"}}']) {
      const r = await fetch(`${svc.url}/telegram/webhook`, {
        method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET }, body,
      });
      expect(r.status).toBe(400);
      expect((await r.json()).error).toContain("update_id");
    }
  });

  it("answers a message with NUL or a lone surrogate in it", async () => {
    const [r] = await deliver(textUpdate("就业困难人员\u0000进度\ud800多少", 2002, { id: 2002, type: "private" }));
    expect(r!.text).toContain("93.67%");
  });

  it("refuses a wrong secret token and sends nothing", async () => {
    const before = fake.sent().length;
    expect((await post(textUpdate("总体进度", 2002, { id: 2002, type: "private" }), "wrong")).status).toBe(401);
    await svc.channels.telegram!.idle();
    expect(fake.sent().length).toBe(before);
  });

  it("in a group answers only when addressed or commanded", async () => {
    const group = { id: -5005, type: "group" as const };
    expect(await deliver(textUpdate("大家好，今天开会", 2002, group))).toEqual([]);
    const [m] = await deliver(textUpdate(`@${BOT.username} 城镇新增就业`, 2002, group));
    expect(m).toMatchObject({ chat_id: -5005 });
    expect(m!.text).toContain("城镇新增就业");
    const reply = { reply_to_message: { message_id: 1, date: 0, chat: { id: -5005, type: "group", title: "g" }, from: { ...BOT }, text: "…" } };
    expect((await deliver(textUpdate("创业培训呢", 2002, group, reply)))[0]!.text).toContain("创业培训");
    expect((await deliver(textUpdate(`/laggards@${BOT.username}`, 2002, group)))[0]!.text).toContain("落后");
  });

  it("handles a redelivered update once", async () => {
    const update = textUpdate("失业人员再就业又增加了5人", 1001, { id: 1001, type: "private" });
    const first = await deliver(update);
    const again = await deliver(update);
    expect(first).toHaveLength(1);
    expect(again).toEqual([]);
    expect(await svc.chat("v", "失业人员再就业")).toContain("1309 人");
    await deliver(textUpdate("撤销", 1001, { id: 1001, type: "private" }));
  });

  it("splits a long reply within 4096 characters", async () => {
    // the real channel with a bot that answers at length: no reply of the catalogue is this long yet
    const long = Array.from({ length: 400 }, (_, n) => `${n + 1}. 城镇新增就业：2230/6000 人，37.17%（超前）`).join("\n");
    const channel = createTelegram({ token: BOT_TOKEN, apiRoot: fake.url, inbox: new Inbox({ store: svc.app.inbound, bot: { reply: async () => ({ text: long }) }, log: silentLog }), log: silentLog, botInfo: BOT });
    const server = Fastify();
    channel.mountWebhook(server, "/tg", SECRET);
    await server.listen({ port: 0, host: "127.0.0.1" });
    const addr = server.server.address();
    const before = fake.sent().length;
    const res = await fetch(`http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}/tg`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify(textUpdate("总体进度", 2002, { id: 2002, type: "private" })),
    });
    expect(res.status).toBe(200);
    await channel.idle();
    const parts = fake.sent().slice(before);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.text.length).toBeLessThanOrEqual(4096);
    expect(parts.map((p) => p.text).join("\n")).toBe(long);
    await server.close();
  });

  it("hands each command to the bot as typed, without a group's @mention, for the parser to map", async () => {
    const heard: string[] = [];
    const bot = { reply: async (msg: { text: string }) => (heard.push(msg.text), { text: "好的" }) };
    const channel = createTelegram({ token: BOT_TOKEN, apiRoot: fake.url, inbox: new Inbox({ store: svc.app.inbound, bot, log: silentLog }), log: silentLog, botInfo: BOT });
    const server = Fastify();
    channel.mountWebhook(server, "/tg", SECRET);
    await server.listen({ port: 0, host: "127.0.0.1" });
    const addr = server.server.address();
    const send = (update: object) =>
      fetch(`http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}/tg`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: JSON.stringify(update),
      });
    const me = { id: 7007, type: "private" as const };
    const typed = ["/start", "/help", "/laggards", "/report_doc", "/summary", "/dashboard", "/query 城镇新增就业", "/report 城镇新增就业 2400 人", "/query"];
    for (const text of typed) expect((await send(textUpdate(text, 7007, me))).status).toBe(200);
    expect((await send(textUpdate(`/laggards@${BOT.username}`, 7007, { id: -7007, type: "group" }))).status).toBe(200);
    await channel.idle();
    expect(heard).toEqual([...typed, "/laggards"]);
    await server.close();
  });

  it("takes a member's name from Telegram when nobody has set one, and never overwrites it", async () => {
    await svc.chat("admin", "绑定 telegram:1002 市人社局");
    await svc.chat("admin", "绑定 telegram:1003 市人社局");
    const from = (id: number, first_name: string, last_name?: string) => ({ from: { id, is_bot: false, first_name, ...(last_name ? { last_name } : {}) } });
    const chat = (id: number) => ({ id, type: "private" as const });
    // Chinese names written as 名 + 姓 are put back in Chinese order; others keep Telegram's
    const [who] = await deliver(textUpdate("我是谁", 1002, chat(1002), from(1002, "三", "张")));
    expect(who!.text).toMatch(/^您是 张三（telegram:1002），身份/);
    await deliver(textUpdate("我是谁", 1003, chat(1003), from(1003, "Wang", "Wei")));
    expect((await svc.app.members.get("telegram:1003"))?.name).toBe("Wang Wei");
    // an admin's name stays, whatever the Telegram profile says later
    expect(await svc.chat("admin", "设置姓名 telegram:1002 张三丰")).toContain("张三丰");
    const [again] = await deliver(textUpdate("我是谁", 1002, chat(1002), from(1002, "别名")));
    expect(again!.text).toContain("张三丰（telegram:1002）");
    // a stranger's profile name is not stored: there is no member to name
    await deliver(textUpdate("总体进度", 2009, chat(2009), from(2009, "路人")));
    expect(await svc.app.members.get("telegram:2009")).toBeUndefined();
  });

  it("keeps the change when the Bot API fails, and retries the reply", async () => {
    fake.fail(`/bot${BOT_TOKEN}/sendMessage`, { status: 500 }, { json: { ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: 0 } } });
    const before = fake.calls(`/bot${BOT_TOKEN}/sendMessage`).length;
    const sent = await deliver(textUpdate("城镇新增就业 2500 人", 1001, { id: 1001, type: "private" }));
    expect(fake.calls(`/bot${BOT_TOKEN}/sendMessage`).length - before).toBe(3);
    expect(sent.at(-1)!.text).toContain("2230 人 → 2500 人");
    expect((await svc.app.plans.catalog()).indicators.find((i) => i.code === "urban-jobs")!.value).toBe(2500);
  });
});

describe("polling mode", () => {
  it("takes updates from getUpdates and replies", async () => {
    const fake = await fakeTelegram().start();
    const svc = await startTestService({ dataDir: "memory://" }, env(fake, "polling"));
    try {
      fake.push(textUpdate("就业困难人员进度多少", 3003, { id: 3003, type: "private" }));
      await expect.poll(() => fake.sent().length, { timeout: 10_000 }).toBe(1);
      expect(fake.sent()[0]).toMatchObject({ chat_id: 3003 });
      expect(fake.sent()[0]!.text).toContain("93.67%");
      expect(fake.calls(`/bot${BOT_TOKEN}/getUpdates`).length).toBeGreaterThan(0);
    } finally {
      await svc.close();
      await fake.stop();
    }
  });
});
