// What the API's bodies and queries must look like, checked with zod at the boundary; a wrong one
// gets a 400 that says in one sentence what was wrong.
import type { FastifyReply } from "fastify";
import { z } from "zod";
import { dateError } from "../domain/schedule.js";

/** a real date as YYYY-MM-DD: 2025-13-45 gets a clear 400, never a database error */
export const isoDate = z.string().superRefine((d, ctx) => {
  const error = dateError(d);
  if (error) ctx.addIssue({ code: "custom", message: error });
});

/** The body parsed, or undefined after a 400 with the first problem in words. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | undefined {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}：` : "";
  const message = issue?.code === "invalid_type" && issue.path.length === 0 ? "请求体应为 JSON 对象，例如 {\"user\":\"alice\",\"text\":\"总体进度\"}" : `${where}${issue?.message ?? "格式不对"}`;
  void reply.status(400).send({ error: `请求格式有误：${message}` });
  return undefined;
}

/** A download with a Chinese file name (RFC 6266 / 5987): browsers save it under that name. */
export function attachment(name: string): string {
  return `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
}
