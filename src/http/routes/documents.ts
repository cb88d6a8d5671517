// The month's 工作专报 and the Excel export, for anyone signed in (the dashboard's downloads).
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { dateError } from "../../domain/schedule.js";
import { cleanString } from "../../domain/text.js";
import { ReportRequestError } from "../../report/index.js";
import { attachment, isoDate } from "../bodies.js";

const ReportQuery = z.object({
  date: isoDate.optional(),
  format: z.enum(["text", "md", "docx"], { error: "format 应为 text、md 或 docx" }).default("text"),
  issue: cleanString(z.string().max(20)).optional(),
  section: z.enum(["whole", "progress"], { error: "section 应为 whole 或 progress" }).default("whole"),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

export interface DocumentDeps {
  /** the document, and what the whole 专报 still lacks */
  report(q: ReportQuery): Promise<{ out: string | Buffer; missing: string[] }>;
  workbook(date?: string): Promise<Buffer>;
  today(): string;
}

export async function documentRoutes(api: FastifyInstance, d: DocumentDeps): Promise<void> {
  api.get("/api/report", async (req, reply) => {
    const q = ReportQuery.safeParse(req.query);
    if (!q.success) return reply.status(400).send({ error: `请求格式有误：${q.error.issues[0]?.message}` });
    let made: { out: string | Buffer; missing: string[] };
    try {
      made = await d.report(q.data);
    } catch (e) {
      if (e instanceof ReportRequestError) return reply.status(400).send({ error: e.message });
      throw e;
    }
    const { out, missing } = made;
    // for the CLI, which says on stderr what the 专报 lacks (a header is ASCII: the list URI-encoded)
    if (missing.length) reply.header("x-duban-missing", encodeURIComponent(JSON.stringify(missing)));
    if (typeof out === "string") return reply.type("text/plain; charset=utf-8").send(out);
    return reply
      .type("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
      .header("content-disposition", attachment(`工作专报-${q.data.date ?? d.today()}.docx`))
      .send(out);
  });

  api.get<{ Querystring: { date?: string } }>("/api/export.xlsx", async (req, reply) => {
    const date = req.query.date;
    const error = date === undefined ? undefined : dateError(date);
    if (error) return reply.status(400).send({ error: `请求格式有误：${error}` });
    return reply
      .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", attachment(`民生实事进度-${date ?? d.today()}.xlsx`))
      .send(await d.workbook(date));
  });
}
