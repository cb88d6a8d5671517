// Runs the service: the app, the HTTP server, and a service file in the data folder that tells
// the CLI a live process owns the embedded database (so the CLI goes through the API).
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { compose, type App, type Service } from "./app.js";
import type { Config } from "./config.js";
import type { Channels } from "./channels/mount.js";
import type { ReminderRunner } from "./reminders/runner.js";
import { startScheduler, type Scheduler } from "./reminders/scheduler.js";

/** written by a running service into its data folder, read by the CLI on the same machine */
const ServiceFileSchema = z.object({ pid: z.number().int(), url: z.string(), token: z.string() });
export type ServiceFile = z.infer<typeof ServiceFileSchema>;

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
    const file = ServiceFileSchema.parse(JSON.parse(await readFile(serviceFilePath(config), "utf8")));
    process.kill(file.pid, 0); // throws when no such process
    return file;
  } catch {
    return undefined;
  }
}

export async function startService(config: Config, opts: { logger?: object; scheduler?: boolean } = {}): Promise<RunningService> {
  // no token configured: make one for this data folder, readable by the local CLI only
  const token = config.DUBAN_API_TOKEN ?? randomBytes(24).toString("hex");
  const svc = await compose(config, { token, ...(opts.logger ? { logger: opts.logger } : {}) });
  let url: string;
  try {
    url = await listen(svc, config.HOST, config.PORT);
  } catch (e) {
    await svc.close();
    throw e;
  }
  const scheduler = opts.scheduler === false ? undefined : startScheduler(svc.runner, svc.reminders, svc.log, () => svc.clock.now());
  // messages acknowledged by an instance that died are answered by whichever instance runs
  const sweeper = svc.inbox.startSweeper(config.DUBAN_INBOX_SWEEP_MS);
  await mkdir(config.DUBAN_DATA_DIR, { recursive: true });
  await writeFile(serviceFilePath(config), JSON.stringify({ pid: process.pid, url, token } satisfies ServiceFile), { mode: 0o600 });
  let closed = false;
  return {
    app: svc,
    channels: svc.channels,
    runner: svc.runner,
    scheduler,
    url,
    token,
    async close() {
      if (closed) return;
      closed = true;
      await scheduler?.stop();
      await sweeper.stop();
      await svc.close();
      await rm(serviceFilePath(config), { force: true });
    },
  };
}

/** Listens, starts the channels that run on their own, and tells sign-in links where we are. */
export async function listen(svc: Service, host: string, port: number): Promise<string> {
  await svc.http.listen({ port, host });
  svc.channels.start();
  const addr = svc.http.server.address();
  const actual = typeof addr === "object" && addr ? addr.port : port;
  svc.signIn.address.listening(host, actual);
  return `http://127.0.0.1:${actual}`;
}
