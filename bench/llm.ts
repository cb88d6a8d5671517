// `npm run bench:llm`: the latency the model path adds, against the fake OpenAI-compatible
// server on 127.0.0.1 answering at once, so what is measured is the service's own work around
// the model (shortlist, prompt, the SDK round trip, validation). BENCH_N requests of each path.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServiceProcess, type ServiceProcess } from "../scripts/service-process.js";
import { fakeOpenAI } from "../test/fakes/openai.js";

const N = Number(process.env.BENCH_N ?? 100);

async function timed(svc: ServiceProcess, text: string, expect: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    const reply = await svc.chat(`bench-${i % 7}`, text);
    out.push(performance.now() - t0);
    if (!reply.includes(expect)) throw new Error(`unexpected reply: ${reply}`);
  }
  return out.sort((a, b) => a - b);
}

const at = (s: number[], q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;

async function main() {
  const model = await fakeOpenAI().start();
  model.byText.set("老人吃饭的食堂建了几个", { intent: "query", codes: ["elderly-canteens"], unit: null, section: null, lines: [] });
  const dir = await mkdtemp(path.join(tmpdir(), "duban-bench-llm-"));
  const svc = await startServiceProcess({
    DUBAN_DATA_DIR: dir, DUBAN_API_TOKEN: randomBytes(16).toString("hex"), DUBAN_TODAY: "2025-04-20",
    DUBAN_LLM_BASE_URL: `${model.url}/v1`, DUBAN_LLM_MODEL: "scripted", DUBAN_LLM_API_KEY: "bench", DUBAN_LLM_DAILY_TOKENS: "100000000",
  });
  try {
    await timed(svc, "老人吃饭的食堂建了几个", "新建社区老年助餐点"); // warm-up
    const rules = await timed(svc, "助餐点建了几个", "新建社区老年助餐点");
    const modelPath = await timed(svc, "老人吃饭的食堂建了几个", "新建社区老年助餐点");
    console.log(`rules path  ×${N}: median ${at(rules, 0.5).toFixed(1)} ms, p90 ${at(rules, 0.9).toFixed(1)} ms`);
    console.log(`model path  ×${N}: median ${at(modelPath, 0.5).toFixed(1)} ms, p90 ${at(modelPath, 0.9).toFixed(1)} ms (fake server answers at once)`);
    console.log(`added by the model path: median ${(at(modelPath, 0.5) - at(rules, 0.5)).toFixed(1)} ms; model calls: ${model.chats().length}`);
  } finally {
    await svc.stop();
    await model.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
