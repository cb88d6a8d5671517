// What the parts of `npm run bench` share: the service's environment, percentiles, memory from
// /proc, a bounded pool of requests in flight, and the summary rows each part adds.
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServiceProcess, type ServiceProcess } from "../scripts/service-process.js";

export const TOKEN = randomBytes(16).toString("hex");

/** A fixed day (the seeded plan's), reminders off: nothing but the load runs. */
export function startService(env: Record<string, string>): Promise<ServiceProcess> {
  return startServiceProcess({ DUBAN_API_TOKEN: TOKEN, DUBAN_TODAY: "2025-04-20", DUBAN_ADMINS: "api:admin", DUBAN_REMINDERS: "off", ...env });
}

export const tempDir = (name: string) => mkdtemp(path.join(tmpdir(), `duban-bench-${name}-`));

export interface Stats {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s.at(-1) ?? NaN };
}

export const ms = (x: number) => `${x.toFixed(1)} ms`;
export const mb = (x: number) => `${x.toFixed(0)} MB`;
export const show = (s: Stats) => `p50 ${ms(s.p50)}, p99 ${ms(s.p99)}, max ${ms(s.max)} (n=${s.n})`;

/** Resident memory now (VmRSS) or at its peak since the process started (VmHWM), in MB (10⁶ bytes). */
export async function memMB(pid: number, field: "VmRSS" | "VmHWM"): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return (Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)![1]) * 1024) / 1e6;
}

/** Runs `fn` on what `next` gives (until undefined), with at most `inFlight` running at once. */
export async function pool<T>(next: (i: number) => T | undefined, inFlight: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let i = 0;
  const worker = async () => {
    for (let item = next(i); item !== undefined; item = next(i)) await fn(item, i++);
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

/** Times one call, in ms. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** One line of the summary: `met` undefined when there is no goal (or the part was skipped). */
export interface Row {
  measure: string;
  value: string;
  goal: string;
  met?: boolean;
}

export function printTable(rows: Row[]): void {
  const cells = rows.map((r) => [r.measure, r.value, r.goal, r.met === undefined ? "—" : r.met ? "yes" : "NO"]);
  const all = [["measure", "value", "goal", "met?"], ...cells];
  // CJK characters take two columns in a terminal
  const width = (s: string) => [...s].reduce((w, c) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);
  const cols = [0, 1, 2, 3].map((c) => Math.max(...all.map((r) => width(r[c]!))));
  const line = (r: string[]) => `| ${r.map((c, i) => c + " ".repeat(cols[i]! - width(c))).join(" | ")} |`;
  console.log(line(all[0]!));
  console.log(`|${cols.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of cells) console.log(line(r));
}
