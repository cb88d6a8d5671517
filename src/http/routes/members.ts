// Members and the admin log: POST /api/members binds someone (recorded), GET /api/audit reads
// who did what outside the figures, people by name with their id.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { actorText, auditText } from "../../domain/audit-text.js";
import { authorName, PersonName } from "../../domain/person-name.js";
import { cleanString } from "../../domain/text.js";
import { Role } from "../../domain/roles.js";
import { shanghaiDateTime } from "../../shanghai.js";
import type { AuditStore } from "../../store/audit-store.js";
import { UnknownUnit, type MemberStore } from "../../store/member-store.js";
import { actorOf } from "../auth.js";
import { parseBody } from "../bodies.js";

const MemberBody = z.object({
  member: z.string().regex(/^(api|wecom|telegram|cli):[^\s:]{1,64}$/, "member 应为 渠道:账号，例如 wecom:zhangsan"),
  role: Role,
  unit: cleanString(z.string().min(1).max(100)).optional(),
  /** the display name; absent keeps the one the member has */
  name: PersonName.optional(),
});

export async function memberRoutes(api: FastifyInstance, d: { members: MemberStore; audit: AuditStore; now(): Date }): Promise<void> {
  api.post("/api/members", async (req, reply) => {
    const body = parseBody(MemberBody, req.body, reply);
    if (!body) return;
    if (body.role === "reporter" && !body.unit) return reply.status(400).send({ error: "填报员需要指定单位（unit）。" });
    try {
      const member = await d.members.put(body.member, body.role, body.unit, body.name);
      await d.audit.record({ ...actorOf(req), action: "member", target: member.id, detail: { role: member.role, unit: member.unitName, ...(body.name ? { name: body.name } : {}) }, at: d.now() });
      return { member };
    } catch (e) {
      if (e instanceof UnknownUnit) return reply.status(400).send({ error: `没有找到单位“${e.unit}”。` });
      throw e;
    }
  });

  api.get("/api/audit", async () => {
    const people = new Map((await d.members.list()).map((m) => [m.id, m]));
    // admins read this: a member by name with the id beside it, so they can act on it
    const named = (id: string) => {
      const m = people.get(id);
      return m ? `${authorName(m)}（${id}）` : id;
    };
    const events = await d.audit.recent(100);
    return { events: events.map((e) => ({ ...e, at: shanghaiDateTime(e.at), who: actorText(e.actor, named), text: auditText(e, named) })) };
  });
}
