// Connects the configured chat channels to the HTTP server and the bot. Each channel owns its
// route and wire format; none of them decides anything about meaning or permission.
import type { FastifyInstance } from "fastify";
import type { App } from "../app.js";
import { DEFAULT_RETRY } from "./delivery.js";
import type { Log } from "./log.js";
import { createTelegram, type TelegramChannel } from "./telegram/telegram.js";
import { wecomAibot } from "./wecom/aibot.js";
import { WeComApi } from "./wecom/api.js";
import { wecomCallback } from "./wecom/callback.js";
import { GroupRobot } from "./wecom/robot.js";

export interface Channels {
  wecomApi?: WeComApi;
  /** group robots by unit name, for reminders into a unit's group chat */
  robots: Map<string, GroupRobot>;
  telegram?: TelegramChannel;
  /** starts what runs on its own (Telegram long polling) once the server listens */
  start(): void;
  stop(): Promise<void>;
}

export function mountChannels(server: FastifyInstance, app: App, log: Log): Channels {
  const c = app.config;
  // the bot owns every reply, the welcome on entering the chat too
  const welcome = (memberId: string) => app.bot.welcome(memberId);
  const retry = { ...DEFAULT_RETRY, baseMs: c.DUBAN_RETRY_BASE_MS };
  const wecomApi =
    c.WECOM_CORP_ID && c.WECOM_SECRET && c.WECOM_AGENT_ID
      ? new WeComApi({ baseUrl: c.WECOM_API_BASE, corpId: c.WECOM_CORP_ID, secret: c.WECOM_SECRET, agentId: c.WECOM_AGENT_ID, retry, log })
      : undefined;
  // WeCom callbacks carry no name: a member nobody named is looked up once in the directory
  if (wecomApi) app.names.addDirectory("wecom", (userid) => wecomApi.userName(userid));
  if (c.WECOM_CORP_ID && c.WECOM_TOKEN && c.WECOM_AES_KEY) {
    const keys = { token: c.WECOM_TOKEN, aesKey: c.WECOM_AES_KEY, receiveId: c.WECOM_CORP_ID };
    void server.register(wecomCallback, {
      path: c.WECOM_CALLBACK_PATH, keys, inbox: app.inbox, api: wecomApi, replyDeadlineMs: c.WECOM_REPLY_DEADLINE_MS, welcome, log,
    });
  }
  if (c.WECOM_AIBOT_TOKEN && c.WECOM_AIBOT_AES_KEY) {
    // an internal 智能机器人 encrypts with an empty receive id
    const keys = { token: c.WECOM_AIBOT_TOKEN, aesKey: c.WECOM_AIBOT_AES_KEY, receiveId: "" };
    void server.register(wecomAibot, { path: c.WECOM_AIBOT_PATH, keys, inbox: app.inbox, replyDeadlineMs: c.WECOM_REPLY_DEADLINE_MS, welcome, log });
  }
  const robots = new Map(Object.entries(c.WECOM_ROBOT_KEYS).map(([unit, key]) => [unit, new GroupRobot({ baseUrl: c.WECOM_API_BASE, key, retry, log })]));
  let telegram: TelegramChannel | undefined;
  if (c.TELEGRAM_BOT_TOKEN) {
    telegram = createTelegram({ token: c.TELEGRAM_BOT_TOKEN, apiRoot: c.TELEGRAM_API_ROOT, inbox: app.inbox, retry, log });
    if (c.TELEGRAM_MODE === "webhook") telegram.mountWebhook(server, c.TELEGRAM_WEBHOOK_PATH, c.TELEGRAM_SECRET_TOKEN!);
  }
  return {
    wecomApi,
    robots,
    telegram,
    start() {
      if (telegram && c.TELEGRAM_MODE === "polling") telegram.startPolling();
    },
    async stop() {
      await telegram?.stop();
    },
  };
}
