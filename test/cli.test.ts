// The `duban` command as an operator runs it: on a fresh data folder with no service, and
// beside a running service that owns the embedded database.
import { spawn, execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const BIN = path.resolve("bin/duban.js");
let dir: string;

const env = (extra: Record<string, string> = {}) => ({
  ...process.env,
  DUBAN_DATA_DIR: dir,
  DATABASE_URL: "",
  DUBAN_TODAY: "2025-04-20",
  DUBAN_ADMINS: "api:boss",
  LOG_LEVEL: "silent",
  ...extra,
});
const duban = async (args: string[], extra?: Record<string, string>) =>
  (await run(process.execPath, [BIN, ...args], { env: env(extra), timeout: 60_000 })).stdout;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "duban-cli-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe("duban CLI", () => {
  it("migrates and seeds a fresh folder, then answers", async () => {
    const out = await duban(["ask", "就业困难人员进度多少"]);
    expect(out).toContain("562 人");
    expect(out).toContain("93.67%");
  });

  it("adds members and lists indicators without a service", async () => {
    expect(await duban(["member", "add", "wecom:zhangsan", "--role", "reporter", "--unit", "市人社局"])).toContain("wecom:zhangsan reporter 市人社局");
    expect(await duban(["member", "add", "wecom:wangwu", "--role", "reporter", "--unit", "市人社局", "--name", " 王五 "])).toContain("姓名：王五");
    expect(await duban(["ask", "--user", "boss", "设置姓名 wecom:wangwu"])).toContain("姓名不能为空");
    const rows = JSON.parse(await duban(["indicators", "--json"])) as { code: string; owner: string; target: number }[];
    expect(rows.find((r) => r.code === "school-computers")).toMatchObject({ owner: "市教育局", target: 3415 });
  });

  it("goes through the API while the service owns the data", async () => {
    const child = spawn(process.execPath, [BIN, "start"], { env: env({ PORT: "0", HOST: "127.0.0.1" }), stdio: ["ignore", "pipe", "inherit"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout!.on("data", (b: Buffer) => {
          const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(b.toString());
          if (m) resolve(m[1]!);
        });
        child.once("exit", (code) => reject(new Error(`service exited ${code}`)));
      });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect(await duban(["ask", "--user", "boss", "城镇新增就业 2400 人"])).toContain("2230 人 → 2400 人");
      expect(await duban(["ask", "城镇新增就业"])).toContain("2400 人");
      expect(await duban(["member", "add", "wecom:lisi", "--role", "viewer"])).toContain("wecom:lisi viewer");
      expect(await duban(["member", "add", "wecom:lisi", "--role", "viewer", "--name", "李四"])).toContain("姓名：李四");
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    // the service is gone: the CLI opens the folder itself and sees what the service wrote
    expect(await duban(["ask", "城镇新增就业"])).toContain("2400 人");
  });

  it("chats line by line from piped input", async () => {
    const child = spawn(process.execPath, [BIN, "chat"], { env: env(), stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
    child.stdin!.end("总体进度\n就业困难人员进度多少\n");
    await new Promise((r) => child.once("exit", r));
    expect(out).toContain("总体进度");
    expect(out).toContain("93.67%");
  });

  it("answers piped lines and reads a report file with NUL bytes in them", async () => {
    const child = spawn(process.execPath, [BIN, "chat", "--user", "boss"], { env: env(), stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
    child.stdin!.end("就业困难人员\u0000进度\u0007多少\n失业人员再就业又增加了\u00003人\n撤销\n");
    expect(await new Promise((r) => child.once("exit", r))).toBe(0);
    expect(out).toContain("93.67%");
    expect(out).toContain("（增加 3 人）");
    expect(out).toContain("已撤销");
    const file = path.join(dir, "nul-report.txt");
    await writeFile(file, Buffer.concat([Buffer.from("工作专报\u0000 2025年4月20日\n"), Buffer.from([0xff, 0xfe, 0x00])]));
    expect(await duban(["import", "report", file])).toContain("专报日期 2025-04-20");
  });

  it("prints what reminders would go to whom on a date, sending nothing", async () => {
    await duban(["member", "add", "wecom:fuz", "--role", "reporter", "--unit", "市妇联"]);
    const out = await duban(["remind", "--dry-run", "--date", "2025-04-21"]);
    expect(out).toContain("落后指标周报（2025-W17，2025-04-21）");
    expect(out).toContain("发给 wecom:fuz");
    expect(out).toContain("还差 27 场");
    expect(out).toContain("发给 api:boss · 周报汇总（管理员）");
    expect(await duban(["remind", "--dry-run", "--date", "2025-04-20"])).toContain("落后指标周报（2025-W16");
    const sent = await duban(["remind", "--now", "--date", "2025-04-21"]);
    expect(sent).toContain("已记录（无可用渠道）"); // no WeCom app configured here: logged, not lost
    expect(await duban(["remind", "--now", "--date", "2025-04-21"])).toContain("之前已发送，跳过");
  });

  it("writes the report and reads figures back from the seed report, never rolling a newer figure back", { timeout: 300_000 }, async () => {
    const md = await duban(["report", "--format", "md", "--issue", "第3期"]);
    expect(md).toContain("### (一)省级十大重点民生实事");
    expect(md).toContain("第3期");
    const dry = await duban(["import", "report", process.env.DUBAN_SEED_REPORT ?? path.resolve("..", "shared", "seed", "000_054569d9a1a13617.txt")]);
    expect(dry).toContain("识别出 58 个数字（专报日期 2025-04-20）");
    // 城镇新增就业 was reported by chat after the report's date (the API test above): history only
    expect(dry).toContain("~ 城镇新增就业：2230 人，完成全年任务的 37.17%，只记入历史：2025-04-20 已有更新的数字 2400 人，当前值不变");
    expect(dry).toContain("加 --apply 执行");
    const applied = await duban(["import", "report", process.env.DUBAN_SEED_REPORT ?? path.resolve("..", "shared", "seed", "000_054569d9a1a13617.txt"), "--apply"]);
    expect(applied).toContain("已写入 0 项，已记入历史 1 项");
    expect(await duban(["ask", "城镇新增就业"])).toContain("2400 人");
    const xlsx = path.join(dir, "plan.xlsx");
    expect(await duban(["export", "xlsx", "--out", xlsx])).toContain("已写入");
    expect(await duban(["import", "xlsx", xlsx])).toContain("2025 年计划校验通过：5 个板块，73 项指标");
  });

  it("explains a usage error", async () => {
    await expect(duban(["member", "add", "x"])).rejects.toMatchObject({ stderr: expect.stringContaining("用法") });
  });

  it("says what is wrong with a --date that does not exist, before touching the data", { timeout: 180_000 }, async () => {
    await expect(duban(["report", "--date", "2025-13-45"])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--date “2025-13-45”不是有效日期：月份应在 01 到 12 之间，请写成 YYYY-MM-DD，例如 2025-04-20"),
    });
    await expect(duban(["remind", "--dry-run", "--date", "2025-02-30"])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("2025 年 2 月只有 28 天") });
  });
});
