// `npm run bench:report`: how long rendering the full 工作专报 progress section takes, as text
// and as a Word document, from the seeded data on embedded PGlite (BENCH_N runs each).
import { createApp } from "../src/app.js";
import { loadConfig, reportNames } from "../src/config.js";
import { reportDocx } from "../src/report/docx.js";
import { progressReport, reportText } from "../src/report/render.js";
import { buildReport } from "../src/report/index.js";

const N = Number(process.env.BENCH_N ?? 50);

async function time(label: string, fn: () => Promise<unknown> | unknown) {
  await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} median ${ms[Math.floor(N / 2)]!.toFixed(1)} ms, max ${ms.at(-1)!.toFixed(1)} ms (×${N})`);
}

async function main() {
  const app = await createApp(loadConfig({ LOG_LEVEL: "silent", DUBAN_TODAY: "2025-04-20" }), { dataDir: "memory://" });
  try {
    const catalog = await app.plans.catalog();
    const report = progressReport(catalog, { ...reportNames(loadConfig({})), issue: "第3期", date: "2025-04-20" });
    await time("render text (pure, from a loaded catalogue)", () => reportText(progressReport(catalog, report.meta)));
    await time("render .docx (pure, from a loaded catalogue)", () => reportDocx(report));
    await time("duban report --format text (load + render)", () => buildReport(app.reports, { format: "text" }));
    await time("duban report --format docx (load + render)", () => buildReport(app.reports, { format: "docx" }));
    await time("duban report --date 2025-04-20 (history replay)", () => buildReport(app.reports, { format: "text", date: "2025-04-20" }));
  } finally {
    await app.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
