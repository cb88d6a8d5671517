// POST /api/remind: what reminders are due (a dry run), or send them now (admins; recorded).
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { ReminderRunner } from "../../reminders/runner.js";
import type { AuditStore } from "../../store/audit-store.js";
import { actorOf } from "../auth.js";
import { isoDate, parseBody } from "../bodies.js";

const RemindBody = z.object({
  date: isoDate.optional(),
  send: z.boolean().default(false),
});

export async function remindRoutes(api: FastifyInstance, d: { runner: ReminderRunner; audit: AuditStore; now(): Date }): Promise<void> {
  api.post("/api/remind", async (req, reply) => {
    const body = parseBody(RemindBody, req.body ?? {}, reply);
    if (!body) return;
    const now = d.now();
    const moment = d.runner.moment(now, body.date);
    if (!body.send) {
      const { due, outbox } = await d.runner.preview(moment);
      return { moment, due, outgoing: outbox.outgoing, notes: outbox.notes };
    }
    const result = await d.runner.run(moment, now, true);
    await d.audit.record({ ...actorOf(req), action: "remind", target: moment.date, detail: { sent: result.sent.length, failed: result.failed.length }, at: now });
    return { moment, due: result.due, quiet: result.quiet, sent: result.sent, logged: result.logged, failed: result.failed, retrying: result.retrying, skipped: result.skipped, notes: result.notes };
  });
}
