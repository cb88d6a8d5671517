// Runs the service: the app, the HTTP server, and a service file in the data folder that tells
// the CLI a live process owns the embedded database (so the CLI goes through the API).
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { createApp, type App } from "./app.js";
import type { Config } from "./config.js";
import type { Channels } from "./channels/mount.js";
import { buildServer } from "./http/server.js";
import type { ReminderRunner } from "./reminders/runner.js";
import { startScheduler, type Scheduler } from "./reminders/scheduler.js";

export interface ServiceFile {
  pid: number;
  url: string;
  token: string;
}

export interface RunningService {
  app: App;
  channels: Channels;
  runner: ReminderRunner;
  scheduler?: Scheduler;
  url: string;
  token: string;
  close(): Promise<void>;
}

export function serviceFilePath(config: Config): string {
  return path.join(config.DUBAN_DATA_DIR, "service.json");
}

export async function readServiceFile(config: Config): Promise<ServiceFile | undefined> {
  try {
    const file = JSON.parse(await readFile(serviceFilePath(config), "utf8")) as ServiceFile;
    process.kill(file.pid, 0); // throws when no such process
    return file;
  } catch {
    return undefined;
  }
}

export async function startService(config: Config, opts: { logger?: boolean | object; scheduler?: boolean } = {}): Promise<RunningService> {
  const app = await createApp(config);
  // no token configured: make one for this data folder, readable by the local CLI only
  const token = config.DUBAN_API_TOKEN ?? randomBytes(24).toString("hex");
  const { server, channels, runner } = buildServer(app, { token, logger: opts.logger });
  try {
    await server.listen({ port: config.PORT, host: config.HOST });
  } catch (e) {
    await app.close();
    throw e;
  }
  channels.start();
  const listening = server.server.address();
  if (typeof listening === "object" && listening) app.signIn.address.listening(config.HOST, listening.port);
  const scheduler = opts.scheduler === false ? undefined : startScheduler(runner, app.reminders, server.log, () => app.clock.now());
  // messages acknowledged by an instance that died are answered by whichever instance runs
  const sweeper = app.inbox.startSweeper(config.DUBAN_INBOX_SWEEP_MS);
  const addr = server.server.address();
  const port = typeof addr === "object" && addr ? addr.port : config.PORT;
  const url = `http://127.0.0.1:${port}`;
  await mkdir(config.DUBAN_DATA_DIR, { recursive: true });
  await writeFile(serviceFilePath(config), JSON.stringify({ pid: process.pid, url, token } satisfies ServiceFile), { mode: 0o600 });
  let closed = false;
  return {
    app,
    channels,
    runner,
    scheduler,
    url,
    token,
    async close() {
      if (closed) return;
      closed = true;
      await scheduler?.stop();
      await sweeper.stop();
      await channels.stop();
      await server.close();
      await app.close();
      await rm(serviceFilePath(config), { force: true });
    },
  };
}
