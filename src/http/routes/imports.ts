// Admin imports: figures read back out of a 工作专报, and next year's plan workbook. Checked
// first; written with apply; recorded with who did it.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { cleanString } from "../../domain/text.js";
import type { AuditStore } from "../../store/audit-store.js";
import { actorOf } from "../auth.js";
import { parseBody } from "../bodies.js";

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

export interface ImportDeps {
  importReport(text: string, apply: boolean, source: string, force: boolean): Promise<unknown>;
  importPlan(data: Buffer, apply: boolean): Promise<unknown>;
  audit: AuditStore;
  now(): Date;
}

export async function importRoutes(api: FastifyInstance, d: ImportDeps): Promise<void> {
  api.post("/api/import/report", async (req, reply) => {
    const body = parseBody(ImportReportBody, req.body, reply);
    if (!body) return;
    const result = await d.importReport(body.text, body.apply, body.source, body.force);
    if (body.apply) await d.audit.record({ ...actorOf(req), action: "import", target: body.source, detail: { kind: "report", force: body.force }, at: d.now() });
    return result;
  });

  api.post("/api/import/xlsx", async (req, reply) => {
    const body = parseBody(ImportXlsxBody, req.body, reply);
    if (!body) return;
    const result = await d.importPlan(Buffer.from(body.data, "base64"), body.apply);
    if (body.apply) await d.audit.record({ ...actorOf(req), action: "import", target: "计划表", detail: { kind: "xlsx" }, at: d.now() });
    return result;
  });
}
