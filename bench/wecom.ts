// `npm run bench:wecom`: time from a WeCom callback POST to its encrypted passive reply, over
// BENCH_N messages (default 200), against the real service on a fresh embedded database.
// Each message is encrypted and signed as WeCom does; the reply is decrypted and checked.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AES_KEY, CORP_ID, TOKEN, fakeWeCom, postCallback, textXml } from "../test/fakes/wecom.js";
import { startServiceProcess } from "../scripts/service-process.js";

const N = Number(process.env.BENCH_N ?? 200);

async function main() {
  const fake = await fakeWeCom().start();
  const dir = await mkdtemp(path.join(tmpdir(), "duban-bench-wecom-"));
  const svc = await startServiceProcess({
    DUBAN_DATA_DIR: dir, DUBAN_API_TOKEN: randomBytes(16).toString("hex"), DUBAN_TODAY: "2025-04-20", DUBAN_ADMINS: "wecom:bench",
    WECOM_CORP_ID: CORP_ID, WECOM_TOKEN: TOKEN, WECOM_AES_KEY: AES_KEY, WECOM_SECRET: "s", WECOM_AGENT_ID: "1000002", WECOM_API_BASE: fake.url,
  });
  const cb = `${svc.url}/wecom/callback`;
  try {
    for (let i = 0; i < 20; i++) await postCallback(cb, textXml("bench", "总体进度", `9${i}`)); // warm-up
    const kinds: Record<string, number[]> = { query: [], report: [] };
    for (let i = 0; i < N; i++) {
      const report = i % 2 === 1;
      const text = report ? `城镇新增就业 ${2231 + i} 人` : "就业困难人员进度多少";
      const t0 = performance.now();
      const r = await postCallback(cb, textXml("bench", text, String(7_400_000_000_000_000_000n + BigInt(i))));
      const ms = performance.now() - t0;
      if (!r.reply || !(report ? r.reply.includes("已更新") : r.reply.includes("93.67%"))) throw new Error(`unexpected reply: ${r.status} ${r.reply}`);
      kinds[report ? "report" : "query"]!.push(ms);
    }
    const all = [...kinds.query!, ...kinds.report!];
    for (const [name, ms] of Object.entries({ all, ...kinds })) {
      const s = [...ms].sort((a, b) => a - b);
      const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!.toFixed(1);
      console.log(`callback → passive reply, ${name.padEnd(6)} ×${s.length}: median ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms, max ${s.at(-1)!.toFixed(1)} ms`);
    }
  } finally {
    await svc.stop();
    await fake.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
