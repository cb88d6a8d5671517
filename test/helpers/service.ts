// A real service on 127.0.0.1 for tests: the app from the composition root and the Fastify
// server listening on a free port, talked to with fetch.
import { compose, type App } from "../../src/app.js";
import type { Channels } from "../../src/channels/mount.js";
import type { ReminderRunner } from "../../src/reminders/runner.js";
import { loadConfig } from "../../src/config.js";
import { listen } from "../../src/service.js";
import type { DatabaseTarget } from "../../src/store/database.js";

export const TOKEN = "test-token-0123456789";

export interface TestService {
  app: App;
  channels: Channels;
  runner: ReminderRunner;
  url: string;
  chat(user: string, text: string): Promise<string>;
  /** an indicator's stored value, by its catalogue name, as GET /api/indicators gives it */
  value(name: string): Promise<number | null>;
  close(): Promise<void>;
}

export async function startTestService(target: DatabaseTarget, env: Record<string, string> = {}, opts: { logger?: object } = {}): Promise<TestService> {
  const config = loadConfig({ DUBAN_TODAY: "2025-04-20", DUBAN_ADMINS: "api:admin", DUBAN_API_TOKEN: TOKEN, LOG_LEVEL: "silent", ...env });
  // the service's own composition root; no scheduler: tests run reminders with their own clock
  const app = await compose(config, { target, token: TOKEN, ...(opts.logger ? { logger: opts.logger } : {}) });
  const url = await listen(app, "127.0.0.1", 0);
  return {
    app,
    channels: app.channels,
    runner: app.runner,
    url,
    async chat(user, text) {
      const res = await fetch(`${url}/api/chat`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ user, text }),
      });
      const body = (await res.json()) as { reply?: string; error?: string };
      if (!res.ok) throw new Error(`HTTP ${res.status} ${body.error}`);
      return body.reply!;
    },
    async value(name) {
      const res = await fetch(`${url}/api/indicators`, { headers: { authorization: `Bearer ${TOKEN}` } });
      const { indicators: rows } = (await res.json()) as { indicators: { name: string; value: number | null }[] };
      const row = rows.find((r) => r.name === name);
      if (!row) throw new Error(`no indicator ${name}`);
      return row.value;
    },
    close: () => app.close(),
  };
}

/** The number a numbered-choice reply gives the option naming `name` (`2. 城镇新增就业（…）`). */
export function optionOf(reply: string, name: string): string {
  const m = new RegExp(`(\\d+)\\. ${name}[（(]`, "u").exec(reply);
  if (!m) throw new Error(`no option ${name} in: ${reply}`);
  return m[1]!;
}
