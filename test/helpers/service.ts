// A real service on 127.0.0.1 for tests: the app from the composition root and the Fastify
// server listening on a free port, talked to with fetch.
import { createApp, type App } from "../../src/app.js";
import type { Channels } from "../../src/channels/mount.js";
import type { ReminderRunner } from "../../src/reminders/runner.js";
import { loadConfig } from "../../src/config.js";
import { buildServer } from "../../src/http/server.js";
import type { DatabaseTarget } from "../../src/store/database.js";

export const TOKEN = "test-token-0123456789";

export interface TestService {
  app: App;
  channels: Channels;
  runner: ReminderRunner;
  url: string;
  chat(user: string, text: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestService(target: DatabaseTarget, env: Record<string, string> = {}, opts: { logger?: object } = {}): Promise<TestService> {
  const config = loadConfig({ DUBAN_TODAY: "2025-04-20", DUBAN_ADMINS: "api:admin", DUBAN_API_TOKEN: TOKEN, LOG_LEVEL: "silent", ...env });
  const app = await createApp(config, target);
  // no scheduler: tests run reminders with their own clock (test/reminders.test.ts)
  const { server, channels, runner } = buildServer(app, { token: TOKEN, logger: opts.logger });
  await server.listen({ port: 0, host: "127.0.0.1" });
  channels.start();
  const addr = server.server.address();
  const url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  if (typeof addr === "object" && addr) app.signIn.address.listening("127.0.0.1", addr.port);
  return {
    app,
    channels,
    runner,
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
    async close() {
      await channels.stop();
      await server.close();
      await app.close();
    },
  };
}
