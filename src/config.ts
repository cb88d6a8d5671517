// The environment, validated once at start-up; a wrong value stops the service with a clear message.
import path from "node:path";
import { z } from "zod";
import { parseDate } from "./domain/schedule.js";

const list = z
  .string()
  .optional()
  .transform((s) => (s ?? "").split(/[,，\s]+/).filter(Boolean));

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DUBAN_DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  DUBAN_API_TOKEN: z.string().min(8, "DUBAN_API_TOKEN 至少 8 个字符").optional().or(z.literal("").transform(() => undefined)),
  DUBAN_TODAY: z
    .string()
    .optional()
    .refine((d) => !d || parseDate(d) !== undefined, "DUBAN_TODAY 应为 YYYY-MM-DD 格式的日期"),
  DUBAN_ADMINS: list,
  DUBAN_DEFAULT_ROLE: z.enum(["viewer", "none"]).default("viewer"),
  DUBAN_SCHEDULE_BASIS: z.enum(["monthly", "daily"]).default("monthly"),
  DUBAN_PLAN_YEAR: z.coerce.number().int().min(2000).max(2100).default(2025),
  DUBAN_PENDING_MINUTES: z.coerce.number().positive().default(30),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = z.infer<typeof ConfigSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join(".")}: ${i.message}`);
    throw new Error(`配置有误：\n${lines.join("\n")}`);
  }
  return { ...parsed.data, DUBAN_DATA_DIR: path.resolve(parsed.data.DUBAN_DATA_DIR) };
}

/** Today in Asia/Shanghai as YYYY-MM-DD, whatever the server's TZ; DUBAN_TODAY overrides. */
export function todayIn(config: Pick<Config, "DUBAN_TODAY">, now = new Date()): string {
  if (config.DUBAN_TODAY) return config.DUBAN_TODAY;
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(now);
}
