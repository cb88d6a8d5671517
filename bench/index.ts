// `npm run bench`: every performance figure of issue 13 in one run, each beside its goal.
// 1. question latency against a bare /healthz (PGlite); 2. report throughput with two instances
// on PostgreSQL, through /api/chat and the WeCom callback, and one hot indicator; 3. memory and
// start-up (PGlite). BENCH_N (default 200): questions timed; BENCH_REPORTS (default 1,000): reports
// per throughput part; BENCH_MESSAGES (default 1,000): mixed messages for memory; BENCH_SKIP_PG=1
// or BENCH_PG_URL: skip or point the PostgreSQL part. See bench/README.md.
import { availableParallelism, loadavg } from "node:os";
import { memory } from "./memory.js";
import { question } from "./question.js";
import { printTable, type Row } from "./shared.js";
import { throughput } from "./throughput.js";

const N = Number(process.env.BENCH_N ?? 200);

// the machine's load, before and after: figures taken on a busy machine are slower than the service
const load = () => `load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}`;

async function main() {
  const rows: Row[] = [];
  console.log(`${load()} (${availableParallelism()} cores)`);
  console.log(`\n== 1. question latency (PGlite, ${N} sequential, after warm-up)`);
  rows.push(...(await question(N)));
  console.log("\n== 2. report throughput (PostgreSQL, two instances, 20 in flight)");
  rows.push(...(await throughput()));
  console.log("\n== 3. memory and start-up (PGlite)");
  rows.push(...(await memory()));
  console.log(`\n== summary (${load()})`);
  printTable(rows);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
