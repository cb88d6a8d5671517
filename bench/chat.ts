// `npm run bench`: end-to-end latency of POST /api/chat against the real service on embedded
// PGlite (a fresh data folder), and the service's memory. Requests are sequential, as one chat
// channel delivers them. Prints medians and p99 over N requests of each kind (default 200).
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServiceProcess, type ServiceProcess } from "../scripts/service-process.js";

const N = Number(process.env.BENCH_N ?? 200);

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p90: at(0.9), p99: at(0.99), max: s[s.length - 1]! };
}

async function timed(svc: ServiceProcess, user: string, texts: string[], expect: string): Promise<number[]> {
  const out: number[] = [];
  for (const text of texts) {
    const t0 = performance.now();
    const reply = await svc.chat(user, text);
    out.push(performance.now() - t0);
    if (!reply.includes(expect)) throw new Error(`unexpected reply to ${text}: ${reply}`);
  }
  return out;
}

/** Resident memory now (VmRSS) or at its peak (VmHWM), in MiB. */
async function memMiB(pid: number, field: "VmRSS" | "VmHWM" = "VmRSS"): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)![1]) / 1024;
}

const fmt = (x: number) => x.toFixed(1);

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), "duban-bench-"));
  const started = performance.now();
  const svc = await startServiceProcess({
    DUBAN_DATA_DIR: dir,
    DUBAN_API_TOKEN: randomBytes(16).toString("hex"),
    DUBAN_TODAY: "2025-04-20",
    DUBAN_ADMINS: "api:bench",
  });
  const startup = performance.now() - started;
  try {
    await timed(svc, "bench", Array(20).fill("总体进度"), "总体进度"); // warm-up
    const warmRss = await memMiB(svc.pid);
    const queries = await timed(svc, "viewer", Array(N).fill("就业困难人员进度多少"), "93.67%");
    // reports that stay plausible (no 确认 needed): 城镇新增就业 2231, 2232, …
    const reports = await timed(svc, "bench", Array.from({ length: N }, (_, n) => `城镇新增就业 ${2231 + n} 人`), "已更新");
    const laggards = await timed(svc, "viewer", Array(Math.min(N, 50)).fill("哪些指标落后了"), "落后");
    const rss = await memMiB(svc.pid);
    const peak = await memMiB(svc.pid, "VmHWM");
    const q = stats(queries);
    const r = stats(reports);
    const l = stats(laggards);
    console.log(`service start (fresh PGlite folder, migrate + seed): ${fmt(startup)} ms`);
    console.log(`query  "就业困难人员进度多少" ×${N}: median ${fmt(q.median)} ms, p90 ${fmt(q.p90)} ms, p99 ${fmt(q.p99)} ms, max ${fmt(q.max)} ms`);
    console.log(`report "城镇新增就业 N 人"     ×${N}: median ${fmt(r.median)} ms, p90 ${fmt(r.p90)} ms, p99 ${fmt(r.p99)} ms, max ${fmt(r.max)} ms`);
    console.log(`laggards list               ×${laggards.length}: median ${fmt(l.median)} ms, p99 ${fmt(l.p99)} ms`);
    console.log(`service RSS: ${fmt(warmRss)} MiB after warm-up, ${fmt(rss)} MiB after ${2 * N + laggards.length + 20} requests, peak ${fmt(peak)} MiB (start-up included)`);
  } finally {
    await svc.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
