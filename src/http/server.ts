// The HTTP face of the service: /healthz, and /api for the CLI and integrations.
// Channel webhooks (WeCom, Telegram) mount here as their own plugins.
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { z } from "zod";
import type { App } from "../app.js";
import { indicatorRows } from "../catalog/listing.js";
import { mountChannels, type Channels } from "../channels/mount.js";
import { createReminderRunner } from "../reminders/index.js";
import { dashboardApi, dashboardPages } from "./dashboard.js";
import { actorOf, allow, authentication, type Access } from "./auth.js";
import { securityHeaders } from "./security.js";
import { actorText, auditText } from "../domain/audit-text.js";
import { authorName } from "../domain/person-name.js";
import { shanghaiDateTime } from "../shanghai.js";
import { signInRoutes } from "./sign-in.js";
import { buildReport, exportWorkbook, importPlanWorkbook, importReportText } from "../report/index.js";
import type { ReminderRunner } from "../reminders/runner.js";
import { Role } from "../nlu/intent.js";
import { dateError } from "../domain/schedule.js";
import { cleanString } from "../domain/text.js";
import { PersonName } from "../domain/person-name.js";
import { UnknownUnit } from "../store/member-store.js";

// every text is cleaned first (src/domain/text.ts): NUL and other control bytes dropped, a lone
// surrogate replaced; PostgreSQL would refuse them, and they mean nothing to the bot
const ChatBody = z.object({
  user: cleanString(z.string({ error: "缺少 user（发消息的人，字符串）" }).trim().min(1, "user 不能为空").max(64, "user 最长 64 个字符").regex(/^[^\s:]+$/, "user 不能含空格或冒号")),
  text: cleanString(z.string({ error: "缺少 text（消息内容，字符串）" }).max(4000, "text 最长 4000 个字符")),
});

/** a real date as YYYY-MM-DD: 2025-13-45 gets a clear 400, never a database error */
const isoDate = z.string().superRefine((d, ctx) => {
  const error = dateError(d);
  if (error) ctx.addIssue({ code: "custom", message: error });
});

const RemindBody = z.object({
  date: isoDate.optional(),
  send: z.boolean().default(false),
});

const ReportQuery = z.object({
  date: isoDate.optional(),
  format: z.enum(["text", "md", "docx"], { error: "format 应为 text、md 或 docx" }).default("text"),
  issue: cleanString(z.string().max(20)).optional(),
});

const ImportReportBody = z.object({
  text: cleanString(z.string({ error: "缺少 text（专报全文）" }).min(1).max(2_000_000)),
  apply: z.boolean().default(false),
  /** write the figures the plausibility checks hold, too */
  force: z.boolean().default(false),
  source: cleanString(z.string().max(200)).default("工作专报导入"),
});

const ImportXlsxBody = z.object({
  data: z.string({ error: "缺少 data（xlsx 文件的 base64）" }).min(1),
  apply: z.boolean().default(false),
});

const MemberBody = z.object({
  member: z.string().regex(/^(api|wecom|telegram|cli):[^\s:]{1,64}$/, "member 应为 渠道:账号，例如 wecom:zhangsan"),
  role: Role,
  unit: cleanString(z.string().min(1).max(100)).optional(),
  /** the display name; absent keeps the one the member has */
  name: PersonName.optional(),
});

export interface ServerOptions {
  token: string;
  logger?: boolean | object;
}

export interface Http {
  server: FastifyInstance;
  channels: Channels;
  runner: ReminderRunner;
}

/** The server with the API, the channel webhooks and the reminder runner that uses the channels. */
export function buildServer(app: App, opts: ServerOptions): Http {
  // large enough for a report's text or a plan workbook sent by the CLI
  const server = Fastify({ logger: opts.logger ?? false, bodyLimit: 8 * 1024 * 1024 });
  const channels = mountChannels(server, app, server.log);
  const runner = createReminderRunner(app, channels, server.log);

  server.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
    const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
    if (status >= 500) server.log.error(err);
    const message =
      status === 413 ? "请求体太大。" : status === 415 ? "请以 JSON 发送（Content-Type: application/json）。" : status === 400 ? `请求格式有误：${err.message}` : "服务器内部错误，请稍后再试。";
    void reply.status(status).send({ error: message });
  });

  server.register(securityHeaders);
  server.register(authentication, {
    token: opts.token,
    person: async (session) => {
      const id = await app.signIn.sessions.member(session, app.clock.now());
      return id ? app.members.identify(id, { admins: app.config.DUBAN_ADMINS, defaultRole: app.config.DUBAN_DEFAULT_ROLE }) : undefined;
    },
  });
  server.get("/healthz", async () => ({ status: "ok" }));
  server.register(async (pages) => {
    dashboardPages(pages);
    signInRoutes(pages, app.signIn);
  });

  /** routes that take the given callers (src/http/auth.ts decides who is calling) */
  const scope = (access: Access, routes: (api: FastifyInstance) => void) =>
    server.register(async (api) => {
      api.addHook("onRequest", allow(access));
      routes(api);
    });

  // chat as any api: member is for machines; a person chats in WeCom or Telegram
  scope("machine", (api) => {
    api.post("/api/chat", async (req, reply) => {
      const body = parseBody(ChatBody, req.body, reply);
      if (!body) return;
      const r = await app.bot.reply({ memberId: `api:${body.user}`, channel: "api", text: body.text });
      // attachments ride along base64-encoded; {"reply"} stays the contract for text
      return {
        reply: r.text,
        ...(r.image ? { image: { name: r.image.name, png: r.image.png.toString("base64") } } : {}),
        ...(r.file ? { file: { name: r.file.name, data: r.file.data.toString("base64") } } : {}),
      };
    });
  });

  scope("signed-in", (api) => {
    api.get("/api/indicators", async () => ({ indicators: indicatorRows(await app.plans.catalog()) }));
    dashboardApi(api, app);

    api.get<{ Querystring: { date?: string; format?: string; issue?: string } }>("/api/report", async (req, reply) => {
      const q = ReportQuery.safeParse(req.query);
      if (!q.success) return reply.status(400).send({ error: `请求格式有误：${q.error.issues[0]?.message}` });
      const out = await buildReport(app.reports, q.data);
      if (typeof out === "string") return reply.type("text/plain; charset=utf-8").send(out);
      return reply
        .type("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .header("content-disposition", attachment(`工作专报-${q.data.date ?? app.clock.today()}.docx`))
        .send(out);
    });

    api.get<{ Querystring: { date?: string } }>("/api/export.xlsx", async (req, reply) => {
      const date = req.query.date;
      const error = date === undefined ? undefined : dateError(date);
      if (error) return reply.status(400).send({ error: `请求格式有误：${error}` });
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", attachment(`民生实事进度-${date ?? app.clock.today()}.xlsx`))
        .send(await exportWorkbook(app.reports, date));
    });
  });

  scope("admin", (api) => {
    api.post("/api/remind", async (req, reply) => {
      const body = parseBody(RemindBody, req.body ?? {}, reply);
      if (!body) return;
      const now = app.clock.now();
      const moment = runner.moment(now, body.date);
      if (!body.send) {
        const { due, plan } = await runner.preview(moment);
        return { moment, due, outgoing: plan.outgoing, notes: plan.notes };
      }
      const result = await runner.run(moment, now, true);
      await app.audit.record({ ...actorOf(req), action: "remind", target: moment.date, detail: { sent: result.sent.length, failed: result.failed.length }, at: now });
      return { moment, due: result.due, quiet: result.quiet, sent: result.sent, logged: result.logged, failed: result.failed, retrying: result.retrying, skipped: result.skipped, notes: result.notes };
    });

    api.post("/api/import/report", async (req, reply) => {
      const body = parseBody(ImportReportBody, req.body, reply);
      if (!body) return;
      const result = await importReportText(app.reports, body.text, body.apply, body.source, body.force);
      if (body.apply) await app.audit.record({ ...actorOf(req), action: "import", target: body.source, detail: { kind: "report", force: body.force }, at: app.clock.now() });
      return result;
    });

    api.post("/api/import/xlsx", async (req, reply) => {
      const body = parseBody(ImportXlsxBody, req.body, reply);
      if (!body) return;
      const result = await importPlanWorkbook(app.reports, Buffer.from(body.data, "base64"), body.apply);
      if (body.apply) await app.audit.record({ ...actorOf(req), action: "import", target: "计划表", detail: { kind: "xlsx" }, at: app.clock.now() });
      return result;
    });

    api.post("/api/members", async (req, reply) => {
      const body = parseBody(MemberBody, req.body, reply);
      if (!body) return;
      if (body.role === "reporter" && !body.unit) return reply.status(400).send({ error: "填报员需要指定单位（unit）。" });
      try {
        const member = await app.members.put(body.member, body.role, body.unit, body.name);
        await app.audit.record({ ...actorOf(req), action: "member", target: member.id, detail: { role: member.role, unit: member.unitName, ...(body.name ? { name: body.name } : {}) }, at: app.clock.now() });
        return { member };
      } catch (e) {
        if (e instanceof UnknownUnit) return reply.status(400).send({ error: `没有找到单位“${e.unit}”。` });
        throw e;
      }
    });

    api.get("/api/audit", async () => {
      const people = new Map((await app.members.list()).map((m) => [m.id, m]));
      // admins read this: a member by name with the id beside it, so they can act on it
      const named = (id: string) => {
        const m = people.get(id);
        return m ? `${authorName(m)}（${id}）` : id;
      };
      const events = await app.audit.recent(100);
      return {
        events: events.map((e) => ({ ...e, at: shanghaiDateTime(e.at), who: actorText(e.actor, named), text: auditText(e, named) })),
      };
    });
  });
  return { server, channels, runner };
}

/** A download with a Chinese file name (RFC 6266 / 5987): browsers save it under that name. */
function attachment(name: string): string {
  return `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | undefined {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}：` : "";
  const message = issue?.code === "invalid_type" && issue.path.length === 0 ? "请求体应为 JSON 对象，例如 {\"user\":\"alice\",\"text\":\"总体进度\"}" : `${where}${issue?.message ?? "格式不对"}`;
  void reply.status(400).send({ error: `请求格式有误：${message}` });
  return undefined;
}
