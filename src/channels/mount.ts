// The configured chat channels: their clients (for sending) and one Fastify plugin with their
// webhook routes. Each channel gets its own slice of the settings; none of them decides anything
// about meaning or permission, and none writes a reply of its own (the bot owns every reply).
import type { FastifyInstance } from "fastify";
import type { Config } from "../config.js";
import type { Inbox } from "./answer-once.js";
import { DEFAULT_RETRY } from "./delivery.js";
import type { Log } from "../log.js";
import { createTelegram, type TelegramChannel } from "./telegram/telegram.js";
import { wecomAibot } from "./wecom/aibot.js";
import { WeComApi } from "./wecom/api.js";
import { wecomCallback } from "./wecom/callback.js";
import { GroupRobot } from "./wecom/robot.js";

/** What each channel needs from the environment, and nothing else. */
export interface ChannelSettings {
  /** first pause before re-sending a failed message */
  retryBaseMs: number;
  /** the self-built app's message API (send, user/get) */
  wecomApi?: { baseUrl: string; corpId: string; secret: string; agentId: number };
  /** the self-built app's callback */
  wecomCallback?: { path: string; token: string; aesKey: string; corpId: string; replyDeadlineMs: number };
  /** the 智能机器人 in group chats */
  wecomAibot?: { path: string; token: string; aesKey: string; replyDeadlineMs: number };
  /** group robots by unit name, for reminders into a unit's group chat */
  robots: { baseUrl: string; keys: Record<string, string> };
  telegram?: { token: string; apiRoot: string; mode: "webhook" | "polling"; webhookPath: string; secretToken?: string };
}

export function channelSettings(c: Config): ChannelSettings {
  return {
    retryBaseMs: c.DUBAN_RETRY_BASE_MS,
    ...(c.WECOM_CORP_ID && c.WECOM_SECRET && c.WECOM_AGENT_ID ? { wecomApi: { baseUrl: c.WECOM_API_BASE, corpId: c.WECOM_CORP_ID, secret: c.WECOM_SECRET, agentId: c.WECOM_AGENT_ID } } : {}),
    ...(c.WECOM_CORP_ID && c.WECOM_TOKEN && c.WECOM_AES_KEY
      ? { wecomCallback: { path: c.WECOM_CALLBACK_PATH, token: c.WECOM_TOKEN, aesKey: c.WECOM_AES_KEY, corpId: c.WECOM_CORP_ID, replyDeadlineMs: c.WECOM_REPLY_DEADLINE_MS } }
      : {}),
    ...(c.WECOM_AIBOT_TOKEN && c.WECOM_AIBOT_AES_KEY
      ? { wecomAibot: { path: c.WECOM_AIBOT_PATH, token: c.WECOM_AIBOT_TOKEN, aesKey: c.WECOM_AIBOT_AES_KEY, replyDeadlineMs: c.WECOM_REPLY_DEADLINE_MS } }
      : {}),
    robots: { baseUrl: c.WECOM_API_BASE, keys: c.WECOM_ROBOT_KEYS },
    ...(c.TELEGRAM_BOT_TOKEN
      ? { telegram: { token: c.TELEGRAM_BOT_TOKEN, apiRoot: c.TELEGRAM_API_ROOT, mode: c.TELEGRAM_MODE, webhookPath: c.TELEGRAM_WEBHOOK_PATH, ...(c.TELEGRAM_SECRET_TOKEN ? { secretToken: c.TELEGRAM_SECRET_TOKEN } : {}) } }
      : {}),
  };
}

export interface ChannelDeps {
  inbox: Inbox;
  /** the bot's greeting when someone opens the chat (WeCom enter_chat events) */
  welcome: (memberId: string) => Promise<string>;
  /** a channel with a member directory offers it for names (WeCom user/get) */
  addDirectory?: (channel: string, lookup: (userid: string) => Promise<string | undefined>) => void;
  log: Log;
}

export interface Channels {
  wecomApi?: WeComApi;
  robots: Map<string, GroupRobot>;
  telegram?: TelegramChannel;
  /** the webhook routes, registered once by the HTTP server */
  routes(server: FastifyInstance): Promise<void>;
  /** starts what runs on its own (Telegram long polling) once the server listens */
  start(): void;
  stop(): Promise<void>;
}

export function createChannels(s: ChannelSettings, d: ChannelDeps): Channels {
  const retry = { ...DEFAULT_RETRY, baseMs: s.retryBaseMs };
  const wecomApi = s.wecomApi ? new WeComApi({ ...s.wecomApi, retry, log: d.log }) : undefined;
  // WeCom callbacks carry no name: a member nobody named is looked up once in the directory
  if (wecomApi) d.addDirectory?.("wecom", (userid) => wecomApi.userName(userid));
  const robots = new Map(Object.entries(s.robots.keys).map(([unit, key]) => [unit, new GroupRobot({ baseUrl: s.robots.baseUrl, key, retry, log: d.log })]));
  const telegram = s.telegram ? createTelegram({ token: s.telegram.token, apiRoot: s.telegram.apiRoot, inbox: d.inbox, retry, log: d.log }) : undefined;
  return {
    wecomApi,
    robots,
    telegram,
    async routes(server) {
      if (s.wecomCallback) {
        const { path, token, aesKey, corpId, replyDeadlineMs } = s.wecomCallback;
        await server.register(wecomCallback, { path, keys: { token, aesKey, receiveId: corpId }, inbox: d.inbox, api: wecomApi, replyDeadlineMs, welcome: d.welcome, log: d.log });
      }
      if (s.wecomAibot) {
        const { path, token, aesKey, replyDeadlineMs } = s.wecomAibot;
        // an internal 智能机器人 encrypts with an empty receive id
        await server.register(wecomAibot, { path, keys: { token, aesKey, receiveId: "" }, inbox: d.inbox, replyDeadlineMs, welcome: d.welcome, log: d.log });
      }
      if (telegram && s.telegram?.mode === "webhook") telegram.mountWebhook(server, s.telegram.webhookPath, s.telegram.secretToken!);
    },
    start() {
      if (telegram && s.telegram?.mode === "polling") telegram.startPolling();
    },
    async stop() {
      await telegram?.stop();
    },
  };
}
