// Who is calling /api: a machine with the API token (Authorization: Bearer only; never a URL,
// never a cookie), or a person signed in through a 看板 link (the session cookie). Each request
// is decorated with `who`; routes say which callers they take, in one place (`allow`).
import cookie from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { sameSecret } from "../domain/secret.js";
import type { MemberInfo } from "../store/member-store.js";

export const SESSION_COOKIE = "duban_session";

export type Caller =
  | { kind: "machine" }
  | { kind: "person"; member: MemberInfo; session: string };

declare module "fastify" {
  interface FastifyRequest {
    who: Caller | null;
  }
}

export interface AuthOptions {
  token: string;
  /** the member a live session belongs to, as the bot would treat them now */
  person(session: string): Promise<MemberInfo | undefined>;
}

const UNAUTHORIZED = "未授权：未登录或登录已过期，请在企业微信或 Telegram 中向督办机器人发送「看板」获取登录链接；程序调用请在 Authorization 头中带上 Bearer DUBAN_API_TOKEN。";

/** Decorates every request with its caller (or null); does not refuse anyone by itself. */
export const authentication = fp(
  async (server: FastifyInstance, opts: AuthOptions) => {
    await server.register(cookie);
    server.decorateRequest("who", null);
    server.addHook("onRequest", async (req) => {
      req.who = await callerOf(req, opts);
    });
  },
  { name: "duban-auth" },
);

async function callerOf(req: FastifyRequest, opts: AuthOptions): Promise<Caller | null> {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1];
  if (bearer !== undefined) return sameSecret(bearer, opts.token) ? { kind: "machine" } : null;
  const session = req.cookies[SESSION_COOKIE];
  if (!session) return null;
  const member = await opts.person(session);
  return member ? { kind: "person", member, session } : null;
}

/** Who may call a route: the machine always; people by role. */
export type Access = "machine" | "signed-in" | "admin";

/** A preHandler-style check: 401 for no caller, 403 for a person without the right. */
export function allow(access: Access) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const who = req.who;
    if (!who) return reply.status(401).send({ error: UNAUTHORIZED });
    if (who.kind === "machine") return;
    if (access === "machine") return reply.status(403).send({ error: "此接口只供程序调用（Bearer 令牌），网页登录不能使用。" });
    if (access === "admin" && who.member.role !== "admin") return reply.status(403).send({ error: "只有管理员可以进行此操作。" });
    // a page's own requests come from its own origin; a cookie sent from elsewhere is refused
    if (!sameOrigin(req)) return reply.status(403).send({ error: "请求来源不符，已拒绝。" });
  };
}

function sameOrigin(req: FastifyRequest): boolean {
  if (req.method === "GET" || req.method === "HEAD") return true;
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Who to record as having done it: the member, or "api" for the machine token. */
export function actorOf(req: FastifyRequest): { actor: string; channel: string } {
  return req.who?.kind === "person" ? { actor: req.who.member.id, channel: "web" } : { actor: "api", channel: "api" };
}
