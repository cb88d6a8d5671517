// Starts the real service (`bin/duban.js start`) as a child process on a free loopback port,
// for the eval and benchmark scripts: they talk to it over HTTP exactly as a channel would.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));

export interface ServiceProcess {
  url: string;
  pid: number;
  /** from spawn to the first healthy /healthz, in ms */
  readyMs: number;
  chat(user: string, text: string): Promise<string>;
  get<T>(path: string): Promise<T>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : 0));
    });
  });
}

export async function startServiceProcess(env: Record<string, string>): Promise<ServiceProcess> {
  const token = env.DUBAN_API_TOKEN;
  if (!token) throw new Error("DUBAN_API_TOKEN is required");
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, "bin", "duban.js"), "start"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "warn", ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}`);
    // polled every 20 ms: the benchmark times start-up to healthy
    if (i > 3000) throw new Error("service did not become healthy in 60 s");
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const readyMs = performance.now() - t0;
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  return {
    url,
    pid: child.pid!,
    readyMs,
    async chat(user, text) {
      const res = await fetch(`${url}/api/chat`, { method: "POST", headers, body: JSON.stringify({ user, text }) });
      const body = (await res.json()) as { reply?: string; error?: string };
      if (!res.ok || body.reply === undefined) throw new Error(`HTTP ${res.status}: ${body.error ?? ""}`);
      return body.reply;
    },
    async get<T>(p: string) {
      return (await (await fetch(`${url}${p}`, { headers })).json()) as T;
    },
    /** SIGTERM and wait for the exit (SIGKILL after 15 s), so the next start finds the folder free */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
