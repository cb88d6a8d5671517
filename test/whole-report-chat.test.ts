// The whole 工作专报 as the office makes it: the seed's 8 要闻, its 亮点 and both count messages sent
// through /api/chat of a running service (`duban start`), then `duban report --date 2025-04-20
// --issue 第3期` equals the seed's three sections, in text and in Word read back. The next month,
// with new figures, 要闻 and counts, `duban report` is 第4期 and carries only the new content.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { between, docxParagraphs, lines, normaliseReportText, normaliseSeedText, PROGRESS_TITLE, reportItems, SEED_REPORT, seedCounts, seedHighlight, seedNews } from "./helpers/seed-text.js";

const run = promisify(execFile);
const BIN = path.resolve("bin/duban.js");
const TOKEN = "test-token-0123456789";
let dir: string;
let seed: string;

const env = (today: string) => ({
  ...process.env,
  DUBAN_DATA_DIR: dir,
  DATABASE_URL: "",
  DUBAN_TODAY: today,
  DUBAN_ADMINS: "api:office",
  DUBAN_API_TOKEN: TOKEN,
  LOG_LEVEL: "silent",
});

const dubanOut = async (today: string, args: string[]) => run(process.execPath, [BIN, ...args], { env: env(today), timeout: 120_000, maxBuffer: 8 << 20 });
const duban = async (today: string, args: string[]) => (await dubanOut(today, args)).stdout;

/** `duban start` on the data folder, as of `today`; resolves with its address once it listens. */
async function start(today: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, "start"], { env: { ...env(today), PORT: "0", HOST: "127.0.0.1" }, stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (b: Buffer) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(b.toString());
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`service exited ${code}`)));
  });
  return { url, child };
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
}

async function chat(url: string, user: string, text: string): Promise<string> {
  const res = await fetch(`${url}/api/chat`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, body: JSON.stringify({ user, text }) });
  const body = (await res.json()) as { reply?: string; error?: string };
  if (!res.ok) throw new Error(`HTTP ${res.status} ${body.error}`);
  return body.reply!;
}

/** The seed from its title to its end: the three sections and the title block above them. */
const seedWhole = () => normaliseSeedText(seed);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "duban-whole-"));
  seed = await readFile(SEED_REPORT, "utf8");
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe("the whole 工作专报 from chat", () => {
  it("reproduces the seed's 第3期 from the messages units send", async () => {
    const { url, child } = await start("2025-04-20");
    try {
      await chat(url, "office", "绑定 api:fulian 市妇联");
      await chat(url, "office", "绑定 api:shangwu 市商务粮食局");
      const senders: Record<string, string> = { 市妇联: "fulian", 市商务粮食局: "shangwu" };
      for (const item of seedNews(seed, 2025)) {
        // a unit sends what is its own, the office the rest
        const user = Object.entries(senders).find(([unit]) => item.text.includes(unit))?.[1] ?? "office";
        expect(await chat(url, user, `要闻：${item.text}`)).toMatch(/^✅ 已收录为本期要闻/u);
      }
      const { tallies } = seedCounts(seed);
      const said = (kind: "materials" | "news", unit: string) => Object.entries(tallies[kind]).map(([name, n]) => `${name} ${n} ${unit}`).join("，");
      expect(await chat(url, "office", `资料上传：${said("materials", "条")}`)).toContain("合计 462 条");
      expect(await chat(url, "office", `新闻报道：${said("news", "篇")}`)).toContain("合计 99 篇");
      const article = seedHighlight(seed);
      expect(await chat(url, "fulian", `亮点：${article.title}\n${article.paragraphs.join("\n")}`)).toMatch(/^✅ 已收到亮点/u);

      const text = await duban("2025-04-20", ["report", "--date", "2025-04-20", "--issue", "第3期"]);
      expect(reportItems(normaliseReportText(text))).toEqual(reportItems(seedWhole()));

      const file = path.join(dir, "专报.docx");
      await duban("2025-04-20", ["report", "--date", "2025-04-20", "--issue", "第3期", "--format", "docx", "--out", file]);
      const paragraphs = await docxParagraphs(await readFile(file));
      expect(reportItems(normaliseReportText(paragraphs.map((p) => p.text).join("\n")))).toEqual(reportItems(seedWhole()));
      expect(paragraphs.filter((p) => p.bullet)).toHaveLength(8);
    } finally {
      await stop(child);
    }
  }, 240_000);

  it("numbers the next month's 第4期 and carries only what came since", async () => {
    const { url, child } = await start("2025-05-20");
    try {
      expect(await chat(url, "office", "城镇新增就业 2500 人")).toContain("2230 人 → 2500 人");
      await chat(url, "fulian", "要闻：5月12日，市妇联举办“向阳花”家长课堂。");
      await chat(url, "office", "资料上传：政策文件 70 条");
      expect(await chat(url, "office", "生成本月专报")).toMatch(/^已生成第4期工作专报（2025-05-20），还缺：\n- 本月还没有报送新闻报道数（发送“新闻报道：汨罗级媒体 50 篇，……”），专报暂用上次的数\n- 还没有亮点/u);
      const { stdout: text, stderr } = await dubanOut("2025-05-20", ["report"]);
      // what the issue lacks goes to stderr, the document alone to stdout
      expect(stderr).toMatch(/^专报还缺：\n- 本月还没有报送新闻报道数[\s\S]*\n- 还没有亮点/u);
      expect(text).not.toContain("专报还缺");
      const [, issue, , date] = lines(text);
      expect([issue, date]).toEqual(["第4期", "2025年5月20日"]);
      const news = lines(between(text, "【工作要闻】", PROGRESS_TITLE));
      expect(news).toEqual(["- 5月12日，市妇联举办“向阳花”家长课堂。"]);
      expect(text).toContain("共上传项目数据 466 条，其中政策文件 70 条、建设内容 53 条");
      expect(text).toContain("城镇新增就业 2500 人，完成全年任务的 41.67%");
      expect(between(text, "【工作亮点】")).toContain("本期暂无亮点。");
      // 第3期 made again still holds its own
      expect(normaliseReportText(await duban("2025-05-20", ["report", "--date", "2025-04-20"]))).toContain(normaliseReportText(seedNews(seed, 2025)[0]!.text));
    } finally {
      await stop(child);
    }
    // without the service the CLI opens the folder itself and says the same
    const alone = await dubanOut("2025-05-20", ["report"]);
    expect(lines(alone.stdout)[1]).toBe("第4期");
    expect(alone.stderr).toContain("- 还没有亮点");
    expect((await dubanOut("2025-05-20", ["report", "--section", "progress"])).stderr).toBe("");
  }, 240_000);
});
