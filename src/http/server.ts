// The HTTP face of the service, assembled from plugins that each own one concern: security
// headers, who is calling (auth), the pages and sign-in, then /api routes in scopes by who may
// call them, and the channels' webhooks. It builds nothing else: the composition root (app.ts)
// hands it what the routes use.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Bot } from "../bot/bot.js";
import type { Channels } from "../channels/mount.js";
import type { ReminderRunner } from "../reminders/runner.js";
import type { AccessPolicy, MemberStore } from "../store/member-store.js";
import type { AuditStore } from "../store/audit-store.js";
import { allow, authentication, type Access } from "./auth.js";
import { dashboardPages, dashboardRoutes, type DashboardDeps } from "./dashboard.js";
import { securityHeaders } from "./security.js";
import { signInRoutes, type SignInDeps } from "./sign-in.js";
import { chatRoutes } from "./routes/chat.js";
import { documentRoutes, type DocumentDeps } from "./routes/documents.js";
import { importRoutes, type ImportDeps } from "./routes/imports.js";
import { memberRoutes } from "./routes/members.js";
import { remindRoutes } from "./routes/remind.js";

export interface HttpDeps {
  /** the machines' token (Authorization: Bearer) */
  token: string;
  /** the composition root's pino instance, so requests and the rest log alike */
  logger: FastifyBaseLogger;
  bot: Bot;
  members: MemberStore;
  access: AccessPolicy;
  audit: AuditStore;
  signIn: SignInDeps;
  dashboard: DashboardDeps;
  documents: DocumentDeps;
  imports: Omit<ImportDeps, "audit" | "now">;
  runner: ReminderRunner;
  channels: Pick<Channels, "routes">;
  now(): Date;
}

export function buildHttp(d: HttpDeps): FastifyInstance {
  // large enough for a report's text or a plan workbook sent by the CLI
  const server = Fastify({ loggerInstance: d.logger, bodyLimit: 8 * 1024 * 1024 });
  server.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
    const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
    if (status >= 500) server.log.error(err);
    const message =
      status === 413 ? "请求体太大。" : status === 415 ? "请以 JSON 发送（Content-Type: application/json）。" : status === 400 ? `请求格式有误：${err.message}` : "服务器内部错误，请稍后再试。";
    void reply.status(status).send({ error: message });
  });

  server.register(securityHeaders);
  server.register(authentication, {
    token: d.token,
    person: async (session) => {
      const id = await d.signIn.sessions.member(session, d.now());
      return id ? d.members.identify(id, d.access) : undefined;
    },
  });
  server.get("/healthz", async () => ({ status: "ok" }));
  server.register(async (pages) => {
    dashboardPages(pages);
    signInRoutes(pages, d.signIn);
  });

  /** a route plugin that takes only the given callers (src/http/auth.ts decides who is calling) */
  const scope = (access: Access, routes: (api: FastifyInstance) => Promise<void>) =>
    server.register(async (api) => {
      api.addHook("onRequest", allow(access));
      await routes(api);
    });
  // chat as any api: member is for machines; a person chats in WeCom or Telegram
  scope("machine", (api) => chatRoutes(api, { bot: d.bot }));
  scope("signed-in", async (api) => {
    await dashboardRoutes(api, d.dashboard);
    await documentRoutes(api, d.documents);
  });
  scope("admin", async (api) => {
    await remindRoutes(api, { runner: d.runner, audit: d.audit, now: d.now });
    await importRoutes(api, { ...d.imports, audit: d.audit, now: d.now });
    await memberRoutes(api, { members: d.members, audit: d.audit, now: d.now });
  });
  server.register(async (hooks) => d.channels.routes(hooks));
  return server;
}
