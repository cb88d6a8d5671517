// The environment, validated once at start-up; a wrong value stops the service with a clear message.
import path from "node:path";
import { z } from "zod";
import { dateError } from "./domain/schedule.js";
import type { ReminderSettings } from "./reminders/due.js";

const list = z
  .string()
  .optional()
  .transform((s) => (s ?? "").split(/[,，\s]+/).filter(Boolean));

const optional = z.string().optional().or(z.literal("").transform(() => undefined)).transform((s) => s || undefined);
/** a name printed somewhere; left empty it keeps its default */
const named = (fallback: string) => z.string().trim().default(fallback).transform((s) => s || fallback);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "时间应写成 HH:MM，例如 09:00");
const aesKey = z
  .string()
  .regex(/^[A-Za-z0-9]{43}$/, "EncodingAESKey 应为 43 位字母和数字")
  .optional()
  .or(z.literal("").transform(() => undefined));

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DUBAN_DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  DUBAN_API_TOKEN: z.string().min(8, "DUBAN_API_TOKEN 至少 8 个字符").optional().or(z.literal("").transform(() => undefined)),
  /** fixes the date for the whole process (see src/clock.ts): stamps, 今天, reminders */
  DUBAN_TODAY: optional.superRefine((d, ctx) => {
      const error = d ? dateError(d) : undefined;
      if (error) ctx.addIssue({ code: "custom", message: error });
    }),
  DUBAN_ADMINS: list,
  DUBAN_DEFAULT_ROLE: z.enum(["viewer", "none"]).default("viewer"),
  DUBAN_SCHEDULE_BASIS: z.enum(["monthly", "daily"]).default("monthly"),
  DUBAN_PLAN_YEAR: z.coerce.number().int().min(2000).max(2100).default(2025),
  DUBAN_PENDING_MINUTES: z.coerce.number().positive().default(30),
  /** where people open the dashboard: the base of the sign-in links the bot sends (看板) */
  DUBAN_PUBLIC_URL: z.string().url("DUBAN_PUBLIC_URL 应为网址，例如 https://duban.example.gov.cn").regex(/^https?:\/\//, "DUBAN_PUBLIC_URL 应以 http:// 或 https:// 开头").optional().or(z.literal("").transform(() => undefined)),
  /** a sign-in link is spent on first use and lapses after this many minutes */
  DUBAN_LOGIN_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  /** how long a browser stays signed in to the dashboard */
  DUBAN_SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** first pause before re-sending a failed channel message; doubles each try, 5 tries in all */
  DUBAN_RETRY_BASE_MS: z.coerce.number().int().min(1).default(500),
  /** a message's holder silent this long is taken for dead; its message is taken over */
  DUBAN_INBOX_LEASE_MS: z.coerce.number().int().min(500).max(300_000).default(10_000),
  /** how often each instance looks for messages whose holder died */
  DUBAN_INBOX_SWEEP_MS: z.coerce.number().int().min(100).max(300_000).default(3_000),
  // the optional LLM fallback: any OpenAI-compatible chat completions service
  DUBAN_LLM_BASE_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  DUBAN_LLM_API_KEY: optional,
  DUBAN_LLM_MODEL: optional,
  DUBAN_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(4000),
  DUBAN_LLM_DAILY_TOKENS: z.coerce.number().int().min(0).default(500_000),

  // reminders: defaults an admin can change by message (提醒设置)
  DUBAN_REMINDERS: z.enum(["on", "off"]).default("on"),
  DUBAN_DIGEST_DAY: z.coerce.number().int().min(1).max(7).default(1),
  DUBAN_DIGEST_TIME: hhmm.default("09:00"),
  DUBAN_FILL_DAY: z.coerce.number().int().min(1).max(31).default(25),
  DUBAN_FILL_TIME: hhmm.default("09:00"),
  DUBAN_FINAL_TIME: hhmm.default("09:00"),
  DUBAN_ESCALATE_TIME: hhmm.default("17:00"),
  DUBAN_QUIET_HOURS: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, "DUBAN_QUIET_HOURS 应写成 22:00-08:00").default("22:00-08:00"),
  /** whom an unbound member should ask, in the bot's replies */
  DUBAN_ADMIN_CONTACT: z.string().default("专班办公室"),
  /** the 工作专报's header: the programme that issues it, and the office that signs it */
  DUBAN_ORG_NAME: named("汨罗市民生补短提质攻坚"),
  DUBAN_OFFICE_NAME: named("市民生补短提质攻坚工作专班"),

  // WeCom self-built app (自建应用): callback and message API
  WECOM_CORP_ID: optional,
  WECOM_AGENT_ID: z.coerce.number().int().positive().optional().or(z.literal("").transform(() => undefined)),
  WECOM_SECRET: optional,
  WECOM_TOKEN: optional,
  WECOM_AES_KEY: aesKey,
  WECOM_CALLBACK_PATH: z.string().startsWith("/").default("/wecom/callback"),
  WECOM_API_BASE: z.string().url().default("https://qyapi.weixin.qq.com"),
  WECOM_REPLY_DEADLINE_MS: z.coerce.number().int().min(0).max(4500).default(3000),
  /** group robots per unit: 市人社局=KEY1,市教育局=KEY2 */
  WECOM_ROBOT_KEYS: z
    .string()
    .optional()
    .transform((s, ctx) => {
      const out: Record<string, string> = {};
      for (const pair of (s ?? "").split(/[,，]/).map((p) => p.trim()).filter(Boolean)) {
        const [unit, key] = pair.split("=").map((x) => x.trim());
        if (!unit || !key) ctx.addIssue({ code: "custom", message: `WECOM_ROBOT_KEYS 应为 单位=key，用逗号分隔：${pair}` });
        else out[unit] = key;
      }
      return out;
    }),
  // WeCom 智能机器人 (the bot in group chats)
  WECOM_AIBOT_TOKEN: optional,
  WECOM_AIBOT_AES_KEY: aesKey,
  WECOM_AIBOT_PATH: z.string().startsWith("/").default("/wecom/aibot"),

  // Telegram
  TELEGRAM_BOT_TOKEN: optional,
  TELEGRAM_MODE: z.enum(["webhook", "polling"]).default("polling"),
  TELEGRAM_WEBHOOK_PATH: z.string().startsWith("/").default("/telegram/webhook"),
  TELEGRAM_SECRET_TOKEN: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "TELEGRAM_SECRET_TOKEN 只能含字母、数字、_ 和 -").optional().or(z.literal("").transform(() => undefined)),
  TELEGRAM_API_ROOT: z.string().url().default("https://api.telegram.org"),
}).superRefine((c, ctx) => {
  const app = [c.WECOM_CORP_ID, c.WECOM_TOKEN, c.WECOM_AES_KEY];
  if (app.some(Boolean) && !app.every(Boolean)) ctx.addIssue({ code: "custom", message: "企业微信回调需要同时设置 WECOM_CORP_ID、WECOM_TOKEN、WECOM_AES_KEY" });
  if (Boolean(c.WECOM_SECRET) !== Boolean(c.WECOM_AGENT_ID)) ctx.addIssue({ code: "custom", message: "企业微信消息接口需要同时设置 WECOM_SECRET 和 WECOM_AGENT_ID" });
  if (Boolean(c.WECOM_AIBOT_TOKEN) !== Boolean(c.WECOM_AIBOT_AES_KEY)) ctx.addIssue({ code: "custom", message: "智能机器人需要同时设置 WECOM_AIBOT_TOKEN 和 WECOM_AIBOT_AES_KEY" });
  if (c.TELEGRAM_BOT_TOKEN && c.TELEGRAM_MODE === "webhook" && !c.TELEGRAM_SECRET_TOKEN) ctx.addIssue({ code: "custom", message: "Telegram webhook 模式需要设置 TELEGRAM_SECRET_TOKEN" });
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

/** The names in the 工作专报's header. */
export function reportNames(c: Config): { org: string; office: string } {
  return { org: c.DUBAN_ORG_NAME, office: c.DUBAN_OFFICE_NAME };
}

/** The reminder settings the environment sets, below what an admin changes by message. */
export function reminderDefaults(c: Config): Partial<ReminderSettings> {
  // the schema's regex guarantees HH:MM-HH:MM
  const [quietStart = "22:00", quietEnd = "08:00"] = c.DUBAN_QUIET_HOURS.split("-");
  return {
    enabled: c.DUBAN_REMINDERS === "on",
    digestWeekday: c.DUBAN_DIGEST_DAY,
    digestTime: c.DUBAN_DIGEST_TIME,
    fillDay: c.DUBAN_FILL_DAY,
    fillTime: c.DUBAN_FILL_TIME,
    finalTime: c.DUBAN_FINAL_TIME,
    escalateTime: c.DUBAN_ESCALATE_TIME,
    quietStart,
    quietEnd,
  };
}
