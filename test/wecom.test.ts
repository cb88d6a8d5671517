// WeCom end to end: callbacks encrypted with @wecom/crypto exactly as WeCom does, posted to
// the running service on 127.0.0.1; outbound calls land on a fake WeCom server.
import { randomBytes } from "node:crypto";
import { decrypt, getSignature } from "@wecom/crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Fastify, { type FastifyInstance } from "fastify";
import type { Bot } from "../src/bot/bot.js";
import { Inbox } from "../src/channels/answer-once.js";
import { silentLog } from "../src/log.js";
import { WeComApi, WeComApiError } from "../src/channels/wecom/api.js";
import { wecomCallback } from "../src/channels/wecom/callback.js";
import { GroupRobot } from "../src/channels/wecom/robot.js";
import { AlreadyApplied } from "../src/store/plan-store.js";
import type { Timing } from "../src/channels/delivery.js";
import type { HttpFake } from "./fakes/http-fake.js";
import {
  AES_KEY, AIBOT_AES_KEY, AIBOT_TOKEN, CORP_ID, TOKEN, eventXml, fakeWeCom, postCallback, sign, textXml,
} from "./fakes/wecom.js";
import { startTestService, type TestService } from "./helpers/service.js";

const env = (fake: HttpFake, extra: Record<string, string> = {}) => ({
  WECOM_CORP_ID: CORP_ID, WECOM_TOKEN: TOKEN, WECOM_AES_KEY: AES_KEY, WECOM_SECRET: "app-secret", WECOM_AGENT_ID: "1000002",
  WECOM_API_BASE: fake.url, WECOM_AIBOT_TOKEN: AIBOT_TOKEN, WECOM_AIBOT_AES_KEY: AIBOT_AES_KEY, DUBAN_RETRY_BASE_MS: "5",
  DUBAN_ADMINS: "api:admin,wecom:boss", ...extra,
});
let msgSeq = 7_300_000_000_000_000_000n; // MsgIds are 64-bit: they must survive as strings
const nextMsgId = () => String(++msgSeq);

let fake: HttpFake;
let svc: TestService;
let callback: string;

beforeAll(async () => {
  fake = await fakeWeCom({ wangwu: "王五" }).start();
  svc = await startTestService({ dataDir: "memory://" }, env(fake));
  callback = `${svc.url}/wecom/callback`;
  await svc.chat("admin", "绑定 wecom:zhangsan 市人社局");
});
afterAll(async () => {
  await svc?.close();
  await fake?.stop();
});

describe("app callback", () => {
  it("verifies the URL and answers the decrypted echostr as plain text", async () => {
    const { encrypted, params } = sign(TOKEN, AES_KEY, CORP_ID, "echo-1234567");
    const ok = await fetch(`${callback}?${new URLSearchParams({ ...params, echostr: encrypted })}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("echo-1234567");
    const bad = await fetch(`${callback}?${new URLSearchParams({ ...params, msg_signature: "f".repeat(40), echostr: encrypted })}`);
    expect(bad.status).toBe(401);
  });

  it("answers a query with an encrypted passive reply", async () => {
    const r = await postCallback(callback, textXml("lisi", "就业困难人员进度多少", nextMsgId()));
    expect(r.status).toBe(200);
    expect(r.reply).toContain("93.67%");
  });

  it("takes a report with confirmation, and counts a retried MsgId once", async () => {
    const held = await postCallback(callback, textXml("zhangsan", "创业培训 100 人", nextMsgId()));
    expect(held.reply).toContain("170 人 → 100 人");
    const id = nextMsgId();
    const first = await postCallback(callback, textXml("zhangsan", "确认", id));
    expect(first.reply).toContain("已更新");
    const retry = await postCallback(callback, textXml("zhangsan", "确认", id));
    expect(retry.reply).toBe(first.reply);
    const inc = nextMsgId();
    await postCallback(callback, textXml("zhangsan", "失业人员再就业又增加了10人", inc));
    await postCallback(callback, textXml("zhangsan", "失业人员再就业又增加了10人", inc));
    expect(await svc.chat("v", "失业人员再就业")).toContain("1314 人");
    const rows = await svc.app.db.prisma.update.count({ where: { memberId: "wecom:zhangsan", kind: "add" } });
    expect(rows).toBe(1);
    await postCallback(callback, textXml("zhangsan", "撤销", nextMsgId()));
    await postCallback(callback, textXml("zhangsan", "撤销", nextMsgId()));
  });

  it("looks a bound member's name up in the WeCom directory once, in the background", async () => {
    await svc.chat("admin", "绑定 wecom:wangwu 市人社局");
    const lookups = () => fake.calls("/cgi-bin/user/get").filter((r) => r.query.get("userid") === "wangwu");
    // a slow directory does not hold the reply back
    fake.fail("/cgi-bin/user/get", { delayMs: 1500 });
    const started = Date.now();
    const r = await postCallback(callback, textXml("wangwu", "我是谁", nextMsgId()));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(r.reply).toMatch(/^您是 wecom:wangwu，/);
    await expect.poll(async () => (await svc.app.members.get("wecom:wangwu"))?.name, { timeout: 5000 }).toBe("王五");
    expect(lookups()).toHaveLength(1);
    expect(lookups()[0]!.query.get("access_token")).toMatch(/^token-/);
    expect((await postCallback(callback, textXml("wangwu", "我是谁", nextMsgId()))).reply).toMatch(/^您是 王五（wecom:wangwu），/);
    expect(lookups()).toHaveLength(1);
    // one the directory does not know keeps no name, is asked once, and is answered as usual
    await svc.chat("admin", "绑定 wecom:ghost 市人社局");
    for (let n = 0; n < 2; n++) expect((await postCallback(callback, textXml("ghost", "我是谁", nextMsgId()))).reply).toContain("wecom:ghost");
    await expect.poll(() => fake.calls("/cgi-bin/user/get").filter((r) => r.query.get("userid") === "ghost").length).toBe(1);
    expect((await svc.app.members.get("wecom:ghost"))?.name).toBeNull();
  });

  it("refuses forged signatures, replayed timestamps and other corps, changing nothing", async () => {
    const forged = await postCallback(callback, textXml("zhangsan", "城镇新增就业 2400 人", nextMsgId()), { forge: true });
    expect(forged.status).toBe(401);
    const replay = await postCallback(callback, textXml("zhangsan", "城镇新增就业 2400 人", nextMsgId()), { at: Math.floor(Date.now() / 1000) - 3600 });
    expect(replay.status).toBe(403);
    const other = await postCallback(callback, textXml("zhangsan", "城镇新增就业 2400 人", nextMsgId()), { corpId: "wwOtherCorp" });
    expect(other.status).toBe(401);
    expect(await svc.chat("v", "城镇新增就业")).toContain("2230 人");
  });

  it("asks for text when sent something else, and welcomes on entering the app", async () => {
    const image = await postCallback(callback, textXml("lisi", "", nextMsgId(), "image"));
    expect(image.reply).toContain("请发送文字消息");
    const enter = await postCallback(callback, eventXml("newcomer", "enter_agent"));
    expect(enter.reply).toContain("wecom:newcomer");
    expect(enter.reply).toContain("专班办公室");
  });

  it("tells an unbound member who tries to report how to be bound", async () => {
    const r = await postCallback(callback, textXml("stranger", "城镇新增就业 2400 人", nextMsgId()));
    expect(r.reply).toContain("wecom:stranger");
    expect(r.reply).toContain("绑定");
  });

  it("rejects a body that is not a callback, or too large", async () => {
    const junk = await fetch(callback, { method: "POST", headers: { "content-type": "text/xml" }, body: "<xml><nothing/></xml>" });
    expect(junk.status).toBe(400);
    const big = await fetch(callback, { method: "POST", headers: { "content-type": "text/xml" }, body: `<xml><Encrypt>${"A".repeat(200_000)}</Encrypt></xml>` });
    expect(big.status).toBe(413);
  });

  it("sends the laggards chart as an image message after the text", async () => {
    const before = fake.calls("/cgi-bin/message/send").length;
    const r = await postCallback(callback, textXml("lisi", "落后指标图", nextMsgId()));
    expect(r.reply).toContain("落后指标图");
    await expect.poll(() => fake.calls("/cgi-bin/message/send").length).toBe(before + 1);
    expect(fake.calls("/cgi-bin/media/upload").at(-1)!.query.get("type")).toBe("image");
    expect(fake.calls("/cgi-bin/message/send").at(-1)!.body).toMatchObject({ touser: "lisi", msgtype: "image", image: { media_id: expect.stringMatching(/^media-/) } });
  });

  it("sends the rest of a reply longer than one message through the message API", async () => {
    const before = fake.calls("/cgi-bin/message/send").length;
    await svc.chat("admin", "数字惠民工程：" + "已完成账号配置、授权、引用、填报、发布等工作，".repeat(40));
    const r = await postCallback(callback, textXml("boss", "数字惠民工程进展", nextMsgId()));
    expect(Buffer.byteLength(r.reply ?? "")).toBeLessThanOrEqual(2048);
    await expect.poll(() => fake.calls("/cgi-bin/message/send").length).toBeGreaterThan(before);
    const sent = fake.calls("/cgi-bin/message/send").slice(before);
    for (const s of sent) {
      const body = s.body as { touser: string; msgtype: string; text: { content: string } };
      expect(body.touser).toBe("boss");
      expect(Buffer.byteLength(body.text.content)).toBeLessThanOrEqual(2048);
    }
    const whole = [r.reply, ...sent.map((s) => (s.body as { text: { content: string } }).text.content)].join("\n");
    expect(whole).toContain("牵头单位：市数据局");
  });
});

describe("inbox after a crash", () => {
  // rows as a dead instance leaves them: claimed with a lease that has already run out
  const key = (id: string) => ({ channel: "wecom", messageId: id });
  const entry = (id: string, text: string) => ({ ...key(id), memberId: "wecom:zhangsan", text, replyTo: "zhangsan" });
  const adds = () => svc.app.db.prisma.update.count({ where: { memberId: "wecom:zhangsan", kind: "add" } });
  const reemployment = async () => (await svc.app.plans.catalog()).indicators.find((i) => i.code === "reemployment")!;

  it("re-runs a message whose holder died before it changed anything", async () => {
    const id = nextMsgId();
    const text = "失业人员再就业又增加了4人";
    await svc.app.inbound.claim(entry(id, text), "dead-instance", 1);
    const before = await adds();
    const r = await postCallback(callback, textXml("zhangsan", text, id));
    expect(r.reply).toContain("（增加 4 人）");
    expect(await adds()).toBe(before + 1);
    expect((await postCallback(callback, textXml("zhangsan", text, id))).reply).toBe(r.reply);
    expect(await adds()).toBe(before + 1);
    expect((await postCallback(callback, textXml("zhangsan", "撤销", nextMsgId()))).reply).toContain("已撤销");
  });

  it("answers from what was applied when the holder died between the change and the reply", async () => {
    const id = nextMsgId();
    const text = "失业人员再就业又增加了6人";
    await svc.app.inbound.claim(entry(id, text), "dead-instance", 1);
    const i = await reemployment();
    await svc.app.plans.apply([{ indicatorId: i.id, op: "add", value: 6 }], { memberId: "wecom:zhangsan", channel: "wecom", source: text, batchId: `crash-${id}`, message: key(id) });
    const before = await adds();
    const r = await postCallback(callback, textXml("zhangsan", text, id));
    expect(r.reply).toContain("此消息已处理");
    expect(r.reply).toContain(`失业人员再就业：${i.value} 人 → ${i.value! + 6} 人（增加 6 人）`);
    expect(await adds()).toBe(before);
    expect((await postCallback(callback, textXml("zhangsan", "撤销", nextMsgId()))).reply).toContain("已撤销");
  });

  it("refuses a second change for the same message, whoever runs it", async () => {
    const id = nextMsgId();
    await svc.app.inbound.claim(entry(id, "失业人员再就业又增加了1人"), "dead-instance", 1);
    const i = await reemployment();
    const ctx = { memberId: "wecom:zhangsan", channel: "wecom", source: "失业人员再就业又增加了1人", message: key(id) };
    const results = await Promise.allSettled([1, 2].map((n) => svc.app.plans.apply([{ indicatorId: i.id, op: "add", value: 1 }], { ...ctx, batchId: `twice-${id}-${n}` })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(AlreadyApplied);
    expect((await reemployment()).value).toBe(i.value! + 1);
    expect((await postCallback(callback, textXml("zhangsan", "撤销", nextMsgId()))).reply).toContain("已撤销");
  });

  it("the sweeper takes over an abandoned message and sends the answer through the message API; a retry stays silent", async () => {
    const id = nextMsgId();
    const text = "失业人员再就业又增加了2人";
    await svc.app.inbound.claim(entry(id, text), "dead-instance", 1);
    const before = await adds();
    const answers = () =>
      fake.calls("/cgi-bin/message/send").filter((c) => {
        const b = c.body as { touser: string; text?: { content: string } };
        return b.touser === "zhangsan" && b.text?.content.includes("（增加 2 人）");
      }).length;
    expect(await svc.app.inbox.sweep()).toBeGreaterThanOrEqual(1);
    await expect.poll(answers).toBe(1);
    expect(await adds()).toBe(before + 1);
    const retry = await postCallback(callback, textXml("zhangsan", text, id));
    expect(retry.status).toBe(200);
    expect(retry.text).toBe("");
    expect(await adds()).toBe(before + 1);
    expect(answers()).toBe(1);
    expect((await postCallback(callback, textXml("zhangsan", "撤销", nextMsgId()))).reply).toContain("已撤销");
  });

  it("a retry while a live instance holds the message waits for its answer, then acknowledges without running it", async () => {
    const id = nextMsgId();
    const text = "失业人员再就业又增加了9人";
    await svc.app.inbound.claim(entry(id, text), "live-instance", 60_000);
    const before = await adds();
    const r = await postCallback(callback, textXml("zhangsan", text, id));
    expect(r.status).toBe(200);
    expect(r.text).toBe("");
    expect(await svc.app.inbox.sweep()).toBe(0); // a live lease is not taken over
    expect(await adds()).toBe(before);
  });

  it("cleans NUL and control bytes from the decrypted message", async () => {
    const r = await postCallback(callback, textXml("li\u0000si", "就业困难人员\u0000进度\u0001多少", nextMsgId()));
    expect(r.status).toBe(200);
    expect(r.reply).toContain("93.67%");
  });
});

describe("智能机器人 callback", () => {
  const post = async (payload: object, opts: { forge?: boolean } = {}) => {
    const { encrypted, params } = sign(AIBOT_TOKEN, AIBOT_AES_KEY, "", JSON.stringify(payload));
    if (opts.forge) params.msg_signature = "1".repeat(40);
    const res = await fetch(`${svc.url}/wecom/aibot?${new URLSearchParams({ ...params })}`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ encrypt: encrypted }),
    });
    if (res.status !== 200) return { status: res.status };
    const text = await res.text();
    if (!text) return { status: res.status };
    const body = JSON.parse(text) as { encrypt: string; msgsignature: string; timestamp: string; nonce: string };
    expect(getSignature(AIBOT_TOKEN, body.timestamp, body.nonce, body.encrypt)).toBe(body.msgsignature);
    const opened = decrypt(AIBOT_AES_KEY, body.encrypt);
    expect(opened.id).toBe("");
    return { status: res.status, message: JSON.parse(opened.message) as { msgtype: string; stream?: { content: string; finish: boolean }; text?: { content: string } } };
  };
  const text = (userid: string, content: string, msgid = randomBytes(8).toString("hex")) => ({
    msgid, aibotid: "aib-1", chatid: "group-1", chattype: "group", from: { userid }, msgtype: "text", text: { content },
  });

  it("answers a group message addressed to it, as a finished stream", async () => {
    const r = await post(text("lisi", "@督办 就业困难人员进度多少"));
    expect(r.message?.msgtype).toBe("stream");
    expect(r.message?.stream?.finish).toBe(true);
    expect(r.message?.stream?.content).toContain("93.67%");
  });

  it("counts one msgid once", async () => {
    const msg = text("zhangsan", "@督办 城镇新增就业 2400 人", "aibot-dup-1");
    const a = await post(msg);
    const b = await post(msg);
    expect(a.message?.stream?.content).toContain("2230 人 → 2400 人");
    expect(b.message?.stream?.content).toBe(a.message?.stream?.content);
    expect(await svc.app.db.prisma.update.count({ where: { memberId: "wecom:zhangsan", newValue: 2400 } })).toBe(1);
    await post(text("zhangsan", "撤销"));
  });

  it("cleans NUL and lone surrogates from a message's JSON", async () => {
    const r = await post(text("li\u0000si", "@督办 就业困难人员\u0000进度\ud800多少\udc00"));
    expect(r.message?.stream?.content).toContain("93.67%");
  });

  it("welcomes on enter_chat and refuses a forged signature", async () => {
    const w = await post({ msgid: "e1", aibotid: "aib-1", chattype: "single", from: { userid: "newbie" }, msgtype: "event", event: { eventtype: "enter_chat" } });
    expect(w.message?.msgtype).toBe("text");
    expect(w.message?.text?.content).toContain("wecom:newbie");
    expect((await post(text("lisi", "总体进度"), { forge: true })).status).toBe(401);
  });
});

describe("slow answers and outages", () => {
  // the real callback plugin and stores, with a bot that takes longer than the 50 ms deadline
  let server: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    const slowBot: Bot = {
      handle: async (m) => (await slowBot.reply(m)).text,
      reply: async (m) => (await new Promise((r) => setTimeout(r, 150)), svc.app.bot.reply(m)),
      welcome: (id) => svc.app.bot.welcome(id),
    };
    const api = new WeComApi({ baseUrl: fake.url, corpId: CORP_ID, secret: "s", agentId: 1000002, retry: { attempts: 5, baseMs: 5, maxMs: 50 }, timeoutMs: 1000 });
    server = Fastify();
    await server.register(wecomCallback, {
      path: "/cb", keys: { token: TOKEN, aesKey: AES_KEY, receiveId: CORP_ID }, inbox: new Inbox({ store: svc.app.inbound, bot: slowBot, log: silentLog }), api,
      replyDeadlineMs: 50, welcome: async () => "welcome", log: silentLog,
    });
    await server.listen({ port: 0, host: "127.0.0.1" });
    const addr = server.server.address();
    url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}/cb`;
  });
  afterAll(async () => server?.close());

  it("acknowledges at once and sends the answer through the message API", async () => {
    const before = fake.calls("/cgi-bin/message/send").length;
    const r = await postCallback(url, textXml("wangwu", "就业困难人员进度多少", nextMsgId()));
    expect(r.status).toBe(200);
    expect(r.text).toBe("");
    await expect.poll(() => fake.calls("/cgi-bin/message/send").length).toBe(before + 1);
    const body = fake.calls("/cgi-bin/message/send").at(-1)!.body as { touser: string; agentid: number; text: { content: string } };
    expect(body).toMatchObject({ touser: "wangwu", agentid: 1000002 });
    expect(body.text.content).toContain("93.67%");
  });

  it("keeps the change when the message API fails, and retries the send", async () => {
    fake.fail("/cgi-bin/message/send", { status: 500 }, { json: { errcode: 45009, errmsg: "api freq out of limit" } }, { hang: true });
    const before = fake.calls("/cgi-bin/message/send").length;
    const id = nextMsgId();
    await postCallback(url, textXml("zhangsan", "城镇新增就业 2400 人", id));
    // the data change is committed whatever happens to the reply
    await expect.poll(async () => (await svc.app.plans.catalog()).indicators.find((i) => i.code === "urban-jobs")!.value).toBe(2400);
    // WeCom's own retry of the message while the reply is still pending changes nothing
    expect((await postCallback(url, textXml("zhangsan", "城镇新增就业 2400 人", id))).text).toBe("");
    // 500, frequency limit, hang (abandoned by the client's timeout), then delivered
    await expect.poll(() => fake.calls("/cgi-bin/message/send").length - before, { timeout: 10_000 }).toBe(4);
    const last = fake.calls("/cgi-bin/message/send").at(-1)!.body as { text: { content: string } };
    expect(last.text.content).toContain("2230 人 → 2400 人");
    expect(await svc.app.db.prisma.update.count({ where: { memberId: "wecom:zhangsan", newValue: 2400, kind: "set" } })).toBe(2); // this one and the aibot test's
    await svc.chat("admin", "城镇新增就业 2230 人");
    await svc.chat("admin", "确认");
  }, 20_000);
});

/** A clock that only moves when someone sleeps: rate limits without real waiting. */
function fakeTiming(): Timing & { slept: number[] } {
  let now = 1_000_000;
  const slept: number[] = [];
  return { slept, now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)) };
}

describe("message API client", () => {
  const api = (timing: Timing) =>
    new WeComApi({ baseUrl: fake.url, corpId: CORP_ID, secret: "s", agentId: 1000002, timing, retry: { attempts: 4, baseMs: 10, maxMs: 100 }, timeoutMs: 2000 });

  it("caches the token and refreshes it once when WeCom says it expired", async () => {
    const client = api(fakeTiming());
    const tokens = fake.calls("/cgi-bin/gettoken").length;
    await client.sendText(["a"], "一");
    await client.sendText(["a"], "二");
    expect(fake.calls("/cgi-bin/gettoken").length - tokens).toBe(1);
    fake.fail("/cgi-bin/message/send", { json: { errcode: 42001, errmsg: "access_token expired" } });
    await client.sendText(["a"], "三");
    expect(fake.calls("/cgi-bin/gettoken").length - tokens).toBe(2);
    const last = fake.calls("/cgi-bin/message/send").at(-1)!;
    expect(last.query.get("access_token")).not.toBe(fake.calls("/cgi-bin/message/send").at(-2)!.query.get("access_token"));
  });

  it("backs off on frequency limits and gives up on a wrong request", async () => {
    const timing = fakeTiming();
    const client = api(timing);
    fake.fail("/cgi-bin/message/send", { json: { errcode: 45033, errmsg: "busy" } }, { json: { errcode: -1, errmsg: "system busy" } });
    await client.sendText(["a"], "重试");
    expect(timing.slept.length).toBe(2);
    fake.fail("/cgi-bin/message/send", { json: { errcode: 81013, errmsg: "user invalid" } });
    await expect(client.sendText(["nobody"], "x")).rejects.toBeInstanceOf(WeComApiError);
  });

  it("splits long texts within 2048 bytes and markdown within 4096", async () => {
    const client = api(fakeTiming());
    const before = fake.calls("/cgi-bin/message/send").length;
    const long = Array.from({ length: 120 }, (_, n) => `第${n + 1}行：城镇新增就业进度说明`).join("\n");
    await client.sendText(["a"], long);
    await client.sendMarkdown(["a"], long);
    const sent = fake.calls("/cgi-bin/message/send").slice(before).map((r) => r.body as { msgtype: string; text?: { content: string }; markdown?: { content: string } });
    const texts = sent.filter((b) => b.msgtype === "text").map((b) => b.text!.content);
    const marks = sent.filter((b) => b.msgtype === "markdown").map((b) => b.markdown!.content);
    expect(texts.length).toBeGreaterThan(1);
    for (const t of texts) expect(Buffer.byteLength(t)).toBeLessThanOrEqual(2048);
    for (const m of marks) expect(Buffer.byteLength(m)).toBeLessThanOrEqual(4096);
    expect(texts.join("\n")).toBe(long);
    expect(marks.join("\n")).toBe(long);
  });

  it("holds a member to 30 messages a minute", async () => {
    const timing = fakeTiming();
    const client = api(timing);
    for (let i = 0; i < 31; i++) await client.sendText(["busy-member"], `消息 ${i}`);
    expect(timing.slept.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(60_000);
  });
});

describe("group robot", () => {
  it("sends text with mentions and markdown, 20 a minute, retrying its rate-limit answer", async () => {
    const timing = fakeTiming();
    const robot = new GroupRobot({ baseUrl: fake.url, key: "robot-key-1", timing, retry: { attempts: 3, baseMs: 10, maxMs: 100 } });
    const before = fake.calls("/cgi-bin/webhook/send").length;
    await robot.sendText("请各单位本周内完成填报", ["zhangsan", "@all"]);
    await robot.sendMarkdown("**落后指标**：创业培训", ["lisi"]);
    const [t, m] = fake.calls("/cgi-bin/webhook/send").slice(before);
    expect(t!.query.get("key")).toBe("robot-key-1");
    expect(t!.body).toMatchObject({ msgtype: "text", text: { content: "请各单位本周内完成填报", mentioned_list: ["zhangsan", "@all"] } });
    expect(m!.body).toMatchObject({ msgtype: "markdown", markdown: { content: "**落后指标**：创业培训\n<@lisi>" } });
    fake.fail("/cgi-bin/webhook/send", { json: { errcode: 130101, errmsg: "send to robot too fast" } });
    await Promise.all(Array.from({ length: 20 }, (_, n) => robot.sendText(`提醒 ${n}`)));
    expect(timing.slept.some((ms) => ms >= 60_000 / 2)).toBe(true);
    const contents = fake.calls("/cgi-bin/webhook/send").slice(before + 2).map((r) => (r.body as { text: { content: string } }).text.content);
    expect(contents.filter((c) => c.startsWith("提醒")).length).toBe(21); // 20 + the retried one
    expect(new Set(contents).size).toBe(20);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("two instances on one PostgreSQL", () => {
  it("apply a MsgId delivered to both once", async () => {
    const { testTargets } = await import("./helpers/databases.js");
    const created = await testTargets.find((t) => t.name === "postgres")!.create();
    const a = await startTestService(created.target, env(fake));
    const b = await startTestService(created.target, env(fake));
    try {
      await a.chat("admin", "绑定 wecom:zhaoliu 市人社局");
      const xml = textXml("zhaoliu", "失业人员再就业又增加了7人", nextMsgId());
      const replies = await Promise.all([postCallback(`${a.url}/wecom/callback`, xml), postCallback(`${b.url}/wecom/callback`, xml)]);
      expect(replies.map((r) => r.status)).toEqual([200, 200]);
      expect(await a.app.db.prisma.update.count({ where: { memberId: "wecom:zhaoliu", kind: "add" } })).toBe(1);
      expect(await b.chat("v", "失业人员再就业")).toContain("1311 人");
    } finally {
      await a.close();
      await b.close();
      await created.drop();
    }
  });
});
