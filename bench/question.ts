// Part 1: a progress question through POST /api/chat against a bare GET /healthz round trip, in
// the same run on the same service (embedded PGlite, fresh folder), so the ratio is the cost of
// answering beyond HTTP itself. Sequential, as one chat channel delivers; the two alternate, so
// a busy moment on the shared machine falls on both alike.
import { rm } from "node:fs/promises";
import { ms, show, startService, stats, tempDir, timed, type Row } from "./shared.js";

const QUESTION = "就业困难人员进度多少";
const EXPECT = "93.67%";
const GOAL = 5;

export async function question(n: number): Promise<Row[]> {
  const dir = await tempDir("question");
  const svc = await startService({ DUBAN_DATA_DIR: dir });
  const healthz = () => fetch(`${svc.url}/healthz`).then((r) => r.text());
  try {
    for (let i = 0; i < 20; i++) await Promise.all([healthz(), svc.chat("viewer", QUESTION)]); // warm-up
    const q: number[] = [];
    const h: number[] = [];
    for (let i = 0; i < n; i++) {
      h.push((await timed(healthz)).ms);
      const { ms: t, value: reply } = await timed(() => svc.chat("viewer", QUESTION));
      if (!reply.includes(EXPECT)) throw new Error(`unexpected reply to ${QUESTION}: ${reply}`);
      q.push(t);
    }
    const [qs, hs] = [stats(q), stats(h)];
    const ratio = qs.p50 / hs.p50;
    console.log(`question "${QUESTION}": ${show(qs)}`);
    console.log(`GET /healthz:               ${show(hs)}`);
    console.log(`ratio: p50 ${ratio.toFixed(1)}×, p99 ${(qs.p99 / hs.p99).toFixed(1)}×`);
    return [
      { measure: "question p50 / p99 (PGlite)", value: `${ms(qs.p50)} / ${ms(qs.p99)}`, goal: "" },
      { measure: "/healthz p50 / p99", value: `${ms(hs.p50)} / ${ms(hs.p99)}`, goal: "" },
      { measure: "question p50 ÷ /healthz p50", value: `${ratio.toFixed(1)}×`, goal: `≤ ${GOAL}×`, met: ratio <= GOAL },
    ];
  } finally {
    await svc.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
