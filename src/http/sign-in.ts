// People sign in to the dashboard with a link the bot sends (看板): /login/<one-time code>.
// Opening it loads a small page whose script spends the code with a POST, so a chat app's link
// preview (a GET) cannot use it up; without script, a button does the same POST. The answer
// sets an HttpOnly, SameSite=Strict session cookie; the code is gone from the address at once.
import { readFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { SignInLinks } from "../bot/bot.js";
import type { AuditStore } from "../store/audit-store.js";
import type { SessionStore } from "../store/session-store.js";
import { actorOf, allow, SESSION_COOKIE } from "./auth.js";

const LOGIN_PAGE = readFileSync(new URL("./public/login.html", import.meta.url), "utf8");
const LOGIN_SCRIPT = readFileSync(new URL("./public/login.js", import.meta.url), "utf8");

/** The dashboard's address for links: DUBAN_PUBLIC_URL, else where this service listens. */
export class PublicAddress {
  private own = "http://127.0.0.1:3000";
  constructor(private readonly configured?: string) {}

  /** Where the configured server will listen; the server corrects the port once it does (port 0). */
  static fromConfig(c: { DUBAN_PUBLIC_URL?: string; HOST: string; PORT: number }): PublicAddress {
    const address = new PublicAddress(c.DUBAN_PUBLIC_URL);
    address.listening(c.HOST, c.PORT);
    return address;
  }

  /** Called once the server listens; a wildcard host becomes this machine's LAN address. */
  listening(host: string, port: number): void {
    const wildcard = host === "0.0.0.0" || host === "::" || host === "";
    const name = wildcard ? lanAddress() : host;
    this.own = `http://${name.includes(":") ? `[${name}]` : name}:${port}`;
  }

  get base(): string {
    return (this.configured ?? this.own).replace(/\/+$/, "");
  }

  get secure(): boolean {
    return this.base.startsWith("https://");
  }
}

function lanAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    const v4 = list?.find((a) => a.family === "IPv4" && !a.internal);
    if (v4) return v4.address;
  }
  return "127.0.0.1";
}

export interface SignInDeps {
  sessions: SessionStore;
  audit: AuditStore;
  address: PublicAddress;
  now: () => Date;
  codeMinutes: number;
  sessionHours: number;
}

/** What the bot hands out when a member sends 看板. */
export function signInLinks(d: SignInDeps): SignInLinks {
  return {
    async issue(memberId) {
      const { code } = await d.sessions.issueCode(memberId, d.now());
      return { url: `${d.address.base}/login/${code}`, minutes: d.codeMinutes };
    },
  };
}

export function signInRoutes(server: FastifyInstance, d: SignInDeps): void {
  server.get("/login/:code", async (_req, reply) => reply.type("text/html; charset=utf-8").header("cache-control", "no-store").send(LOGIN_PAGE));
  server.get("/assets/login.js", async (_req, reply) => reply.type("application/javascript; charset=utf-8").send(LOGIN_SCRIPT));

  // the no-script form posts an empty urlencoded body: nothing in it is read
  server.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 1024 }, (_req, _body, done) => done(null, {}));
  server.post<{ Params: { code: string } }>("/login/:code", async (req, reply) => {
    const opened = await d.sessions.redeem(req.params.code, d.now());
    const wantsJson = (req.headers.accept ?? "").includes("application/json");
    if (!opened) {
      const error = "登录链接无效、已使用或已过期：请向督办机器人重新发送「看板」获取新链接。";
      return wantsJson ? reply.status(410).send({ error }) : reply.status(410).type("text/html; charset=utf-8").send(expiredPage(error));
    }
    await d.audit.record({ actor: opened.memberId, channel: "web", action: "signin", at: d.now() });
    setSession(reply, opened.token, d);
    return wantsJson ? reply.send({ ok: true }) : reply.redirect("/", 303);
  });

  server.get("/api/me", { preHandler: allow("signed-in") }, async (req) => {
    const who = req.who!;
    if (who.kind === "machine") return { member: null, machine: true };
    const m = who.member;
    return { member: { id: m.id, name: m.name, role: m.role, unitName: m.unitName } };
  });

  server.post("/api/logout", async (req, reply) => {
    const who = req.who;
    if (who?.kind === "person") {
      await d.sessions.close(who.session);
      await d.audit.record({ ...actorOf(req), action: "signout", at: d.now() });
    }
    return reply.clearCookie(SESSION_COOKIE, { path: "/" }).send({ ok: true });
  });
}

function setSession(reply: FastifyReply, token: string, d: SignInDeps): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "strict",
    secure: d.address.secure,
    maxAge: Math.round(d.sessionHours * 3600),
  });
}

function expiredPage(message: string): string {
  const safe = message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>督办 · 登录</title><link rel="stylesheet" href="/assets/login.css"></head><body><main class="login"><h1>登录链接已失效</h1><p>${safe}</p></main></body></html>`;
}
