// Per-person sign-in to the dashboard: 看板 in chat → a one-time link → a session cookie.
// Real HTTP on loopback, on PGlite and (TEST_DATABASE_URL) PostgreSQL with two instances.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggerOptions, loggableUrl } from "../src/http/logging.js";
import { testTargets } from "./helpers/databases.js";
import { startTestService, TOKEN, type TestService } from "./helpers/service.js";

const LINK = /(http:\/\/127\.0\.0\.1:\d+)\/login\/([A-Za-z0-9_-]{43})/;

/** the cookie a sign-in answer sets, and its attributes */
function sessionCookie(res: Response) {
  const header = res.headers.getSetCookie().find((c) => c.startsWith("duban_session="));
  if (!header) throw new Error("no session cookie");
  const [pair, ...attrs] = header.split(/;\s*/);
  return { pair: pair!, attrs: attrs.map((a) => a.toLowerCase()) };
}

describe.each(testTargets)("on $name", (db) => {
  let svc: TestService;
  let drop: () => Promise<void>;
  let target: Parameters<typeof startTestService>[0];
  const log: string[] = [];
  beforeAll(async () => {
    const created = await db.create();
    drop = created.drop;
    target = created.target;
    const stream = new Writable({ write(chunk, _enc, done) { log.push(String(chunk)); done(); } });
    svc = await startTestService(created.target, {}, { logger: { ...loggerOptions("info"), stream } });
    await svc.chat("admin", "绑定 api:rs 市人社局");
  });
  afterAll(async () => {
    await svc?.close();
    await drop?.();
  });

  const signInLink = async (user: string) => {
    const reply = await svc.chat(user, "看板");
    const m = LINK.exec(reply);
    if (!m) throw new Error(`no link in: ${reply}`);
    return { reply, url: m[0], code: m[2]! };
  };
  const open = (url: string) => fetch(url, { method: "POST", headers: { accept: "application/json" } });
  const api = (path: string, cookie: string, init: RequestInit = {}) => fetch(`${svc.url}${path}`, { ...init, headers: { cookie, ...(init.headers ?? {}) } });

  it("sends a personal link that signs in once, with a strict HttpOnly cookie", async () => {
    const { reply, url } = await signInLink("rs");
    expect(reply).toContain("10 分钟内有效，只能使用一次");
    // opening the page (or a chat app's preview of it) spends nothing
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/assets/login.js");
    const first = await open(url);
    expect(first.status).toBe(200);
    const cookie = sessionCookie(first);
    expect(cookie.attrs).toEqual(expect.arrayContaining(["httponly", "samesite=strict", "path=/"]));
    expect(cookie.attrs.some((a) => a.startsWith("max-age="))).toBe(true);
    const me = await (await api("/api/me", cookie.pair)).json();
    expect(me.member).toMatchObject({ id: "api:rs", role: "reporter", unitName: "市人社局" });
    expect((await api("/api/dashboard", cookie.pair)).status).toBe(200);

    const again = await open(url);
    expect(again.status).toBe(410);
    expect((await again.json()).error).toContain("重新发送「看板」");
    // without script the page posts a form and is sent on to the dashboard
    const { url: formUrl } = await signInLink("rs");
    const form = await fetch(formUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "", redirect: "manual" });
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe("/");
    expect(sessionCookie(form).attrs).toContain("httponly");
  });

  it("refuses a made-up, malformed or foreign code without a session", async () => {
    for (const code of ["x".repeat(43), "short", "..%2F..%2Fetc%2Fpasswd", "%00"]) {
      const res = await fetch(`${svc.url}/login/${code}`, { method: "POST", headers: { accept: "application/json" } });
      expect(res.status).toBe(410);
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    expect((await api("/api/me", "duban_session=" + "y".repeat(43))).status).toBe(401);
  });

  it("gives each role what it may do, checked on every request", async () => {
    const viewer = sessionCookie(await open((await signInLink("someone")).url)).pair;
    expect((await (await api("/api/me", viewer)).json()).member.role).toBe("viewer");
    const add = () => api("/api/members", viewer, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ member: "api:evil", role: "admin" }) });
    expect((await add()).status).toBe(403);
    // chatting as any api: member stays with the machine token
    const chat = await api("/api/chat", viewer, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ user: "admin", text: "绑定 api:evil 管理员" }) });
    expect(chat.status).toBe(403);
    // made an admin in chat: the same session may now act, and the action is recorded as theirs
    await svc.chat("admin", "绑定 api:someone 管理员");
    const made = await add();
    expect(made.status).toBe(200);
    // a request carrying the cookie from another site is refused
    const foreign = await api("/api/members", viewer, { method: "POST", headers: { "content-type": "application/json", origin: "http://evil.example" }, body: JSON.stringify({ member: "api:evil2", role: "admin" }) });
    expect(foreign.status).toBe(403);
    const audit = await (await fetch(`${svc.url}/api/audit`, { headers: { authorization: `Bearer ${TOKEN}` } })).json();
    const events = audit.events as { actor: string; channel: string; action: string; target?: string }[];
    expect(events).toEqual(expect.arrayContaining([
      expect.objectContaining({ actor: "api:someone", channel: "web", action: "member", target: "api:evil" }),
      expect.objectContaining({ actor: "api:admin", channel: "api", action: "member", target: "api:someone" }),
      expect.objectContaining({ actor: "api:someone", action: "signin" }),
    ]));
    expect(events.some((e) => e.target === "api:evil2")).toBe(false);
  });

  it("lets a link lapse after 10 minutes and a session after its hours", async () => {
    const sessions = svc.app.signIn.sessions;
    const t0 = new Date("2025-04-21T01:00:00Z");
    const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
    const late = await sessions.issueCode("api:rs", t0);
    expect(await sessions.redeem(late.code, minutes(10))).toBeUndefined();
    const inTime = await sessions.issueCode("api:rs", t0);
    const opened = await sessions.redeem(inTime.code, minutes(9.9));
    expect(opened?.memberId).toBe("api:rs");
    expect(await sessions.member(opened!.token, minutes(60))).toBe("api:rs");
    expect(await sessions.member(opened!.token, minutes(9.9 + 12 * 60))).toBeUndefined();
  });

  it.runIf(db.name === "postgres")("honours a session on every instance, and a sign-out on all of them", async () => {
    const other = await startTestService(target);
    try {
      const cookie = sessionCookie(await open((await signInLink("rs")).url)).pair;
      expect((await fetch(`${other.url}/api/me`, { headers: { cookie } })).status).toBe(200);
      await api("/api/logout", cookie, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      expect((await fetch(`${other.url}/api/me`, { headers: { cookie } })).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it("signs out: the session is gone from the database, not only the browser", async () => {
    const cookie = sessionCookie(await open((await signInLink("rs")).url)).pair;
    const out = await api("/api/logout", cookie, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie()[0]).toMatch(/^duban_session=;/);
    expect((await api("/api/me", cookie)).status).toBe(401);
  });

  it("takes the API token in the Authorization header only", async () => {
    expect((await fetch(`${svc.url}/api/dashboard?token=${TOKEN}`)).status).toBe(401);
    expect((await fetch(`${svc.url}/api/dashboard`, { headers: { cookie: `duban_session=${TOKEN}` } })).status).toBe(401);
    expect((await fetch(`${svc.url}/api/dashboard`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it("sends strict security headers on pages and the API", async () => {
    for (const path of ["/", "/login/abc", "/api/dashboard", "/healthz"]) {
      const res = await fetch(`${svc.url}${path}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    }
  });

  it("writes no code, token or cookie to the log", async () => {
    const { code, url } = await signInLink("rs");
    await fetch(url);
    const cookie = sessionCookie(await open(url)).pair;
    await fetch(`${svc.url}/api/dashboard?token=${TOKEN}`, { headers: { cookie } });
    await fetch(`${svc.url}/api/dashboard`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const text = log.join("");
    expect(text).toContain("/login/[已隐藏]");
    expect(text).not.toContain(code);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(cookie.split("=")[1]!);
  });

  it("never posts a sign-in link where others read it", async () => {
    const group = await svc.app.bot.reply({ memberId: "api:rs", channel: "telegram", text: "看板", shared: true });
    expect(group.text).not.toMatch(LINK);
    expect(group.text).toContain("私聊");
  });
});

describe("log URLs", () => {
  it("mask sign-in codes and secret query values", () => {
    expect(loggableUrl("/login/abcDEF_123-xyz")).toBe("/login/[已隐藏]");
    expect(loggableUrl("/?token=s3cret&x=1")).toBe("/?token=[已隐藏]&x=1");
    expect(loggableUrl("/api/x?a=1&code=zz")).toBe("/api/x?a=1&code=[已隐藏]");
    expect(loggableUrl("/api/dashboard")).toBe("/api/dashboard");
  });
});
