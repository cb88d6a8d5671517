// Part 3: memory and start-up on embedded PGlite. First start on a fresh folder (migrate, seed):
// the peak resident memory (VmHWM). Then a restart on that folder: time to healthy. Then 1,000
// mixed messages, sequential (questions, reports, lists, overviews): resident memory (VmRSS)
// halfway and after, so a leak shows as growth between the two.
import { rm } from "node:fs/promises";
import { mb, ms, memMB, show, startService, stats, tempDir, timed, type Row } from "./shared.js";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1000);

/** What a day's traffic looks like, roughly: mostly questions, some reports. `n` varies the reports. */
const MIX: ((n: number) => [user: string, text: string, expect: string])[] = [
  () => ["viewer", "就业困难人员进度多少", "93.67%"],
  () => ["viewer", "医疗救助完成了多少", "医疗救助"],
  (n) => ["reporter", `城镇新增就业 新增 ${1 + (n % 3)} 人`, "已更新"],
  () => ["viewer", "哪些指标落后了", "落后"],
  () => ["viewer", "市人社局的指标", "市人社局"],
  () => ["viewer", "总体进度", "总体进度"],
  () => ["viewer", "城镇新增就业比上月增加了多少", "城镇新增就业"],
  (n) => ["reporter", `失业人员再就业 新增 ${1 + (n % 3)} 人`, "已更新"],
  () => ["viewer", "城镇新增就业的填报记录", "城镇新增就业"],
  () => ["viewer", "哪些指标已经完成", "完成"],
];

export async function memory(): Promise<Row[]> {
  const dir = await tempDir("memory");
  try {
    const first = await startService({ DUBAN_DATA_DIR: dir });
    const peak = await memMB(first.pid, "VmHWM");
    console.log(`first start (fresh folder, migrate + seed): healthy after ${ms(first.readyMs)}, peak RSS ${mb(peak)}`);
    await first.stop();

    const svc = await startService({ DUBAN_DATA_DIR: dir });
    try {
      console.log(`restart on the existing folder: healthy after ${ms(svc.readyMs)}, RSS ${mb(await memMB(svc.pid, "VmRSS"))}`);
      await svc.chat("admin", "绑定 api:reporter 市人社局");
      const times: number[] = [];
      let half = 0;
      for (let n = 0; n < MESSAGES; n++) {
        const [user, text, expect] = MIX[n % MIX.length]!(Math.floor(n / MIX.length));
        const { ms: t, value: reply } = await timed(() => svc.chat(user, text));
        if (!reply.includes(expect)) throw new Error(`unexpected reply to ${text}: ${reply}`);
        times.push(t);
        if (n === Math.floor(MESSAGES / 2)) half = await memMB(svc.pid, "VmRSS");
      }
      const rss = await memMB(svc.pid, "VmRSS");
      console.log(`${MESSAGES} mixed messages: ${show(stats(times))}; RSS ${mb(half)} halfway, ${mb(rss)} after, peak ${mb(await memMB(svc.pid, "VmHWM"))}`);
      return [
        { measure: "peak RSS, first start (PGlite)", value: mb(peak), goal: "≤ 600 MB", met: peak <= 600 },
        { measure: "restart to healthy", value: ms(svc.readyMs), goal: "≤ 2000 ms", met: svc.readyMs <= 2000 },
        { measure: `RSS after ${MESSAGES} mixed messages`, value: `${mb(rss)} (halfway ${mb(half)})`, goal: "≤ 300 MB", met: rss <= 300 },
      ];
    } finally {
      await svc.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
