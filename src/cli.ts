// The `duban` command. Data commands go through the running service's API when one owns the
// data folder (PGlite is one process's database), and open the database directly otherwise,
// migrating and seeding a fresh folder first, as the service does.
import { z } from "zod";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { compose, createApp } from "./app.js";
import { indicatorRows, type IndicatorRow } from "./catalog/listing.js";
import { loadConfig, type Config } from "./config.js";
import { checkPersonName } from "./domain/person-name.js";
import { dateError } from "./domain/schedule.js";
import { Role } from "./domain/roles.js";
import type { Outgoing } from "./reminders/outbox.js";
import { describeImport, reportWithGaps, exportWorkbook, importPlanWorkbook, importReportText, type ReportFormat, type ReportImport, type ReportRequest } from "./report/index.js";
import type { PlanImport } from "./report/xlsx.js";
import { readServiceFile, startService } from "./service.js";
import type { AuditAction, AuditDetail } from "./store/audit-store.js";
import type { MemberInfo } from "./store/member-store.js";
import { cleanText } from "./domain/text.js";
import { userInfo } from "node:os";

interface RemindAnswer {
  moment: { date: string; time: string };
  due: { kind: string; period: string; dueOn: string }[];
  outgoing?: Outgoing[];
  sent?: Outgoing[];
  logged?: Outgoing[];
  failed?: { outgoing: Outgoing; error: string }[];
  /** failed this time; the scheduler tries them again on later ticks */
  retrying?: { outgoing: Outgoing; error: string }[];
  skipped?: Outgoing[];
  quiet?: boolean;
  notes: string[];
}

interface Backend {
  ask(user: string, text: string): Promise<string>;
  importReport(text: string, apply: boolean, source: string, force: boolean): Promise<ReportImport>;
  importPlan(data: Buffer, apply: boolean): Promise<PlanImport & { applied?: boolean; exists?: boolean }>;
  exportXlsx(date?: string): Promise<Buffer>;
  /** the document, and what the whole 专报 still lacks */
  report(req: ReportRequest): Promise<{ out: string | Buffer; missing: string[] }>;
  remind(date: string | undefined, send: boolean): Promise<RemindAnswer>;
  indicators(): Promise<IndicatorRow[]>;
  addMember(member: string, role: Role, unit?: string, name?: string): Promise<MemberInfo>;
  close(): Promise<void>;
}

const USAGE = `用法：
  duban start                                   启动服务（HTTP 端口 PORT，默认 3000）
  duban ask [--user 名字] "就业困难人员进度多少"    问一句，打印回复
  duban chat [--user 名字]                        交互式对话
  duban indicators [--json]                     列出全部指标
  duban member add <成员> --role admin|reporter|viewer [--unit 单位] [--name 姓名]
  duban report [--date 2025-04-20] [--format text|md|docx] [--out 文件] [--issue 第3期] [--section whole|progress]
                                                生成工作专报【工作进度】部分
  duban import report <专报.txt> [--apply] [--force]
                                                从工作专报读出数字，逐项核对后 --apply 写入
                                                （--force 连同暂缓的可疑数字一并写入）
  duban export xlsx [--out 文件] [--date 日期]     导出 Excel（每个板块一张表，另含“计划”表）
  duban import xlsx <计划.xlsx> [--apply]         导入下一年度计划（逐行校验，有错不写入）
  duban remind --dry-run [--date 2025-04-21]    打印到期的提醒会发给谁、发什么（不发送）
  duban remind --now [--date 2025-04-21]        立即发送到期且尚未发送的提醒
  duban db migrate                              迁移数据库并导入 2025 年计划`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case "start":
      return start(config);
    case "ask":
      return ask(config, rest);
    case "chat":
      return chat(config, rest);
    case "indicators":
      return indicators(config, rest);
    case "member":
      return member(config, rest);
    case "db":
      return db(config, rest);
    case "remind":
      return remind(config, rest);
    case "report":
      return report(config, rest);
    case "import":
      return importCommand(config, rest);
    case "export":
      return exportCommand(config, rest);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return 0;
    default:
      console.error(`未知命令：${command}\n${USAGE}`);
      return 2;
  }
}

async function start(config: Config): Promise<number> {
  const service = await startService(config);
  const where = config.DATABASE_URL ? "PostgreSQL" : `PGlite（${config.DUBAN_DATA_DIR}）`;
  console.log(`duban 已启动：${service.url}，数据库：${where}`);
  const stop = async () => {
    await service.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return new Promise<number>(() => undefined); // runs until a signal
}

async function backend(config: Config): Promise<Backend> {
  const live = await readServiceFile(config);
  if (live) return remote(live.url, config.DUBAN_API_TOKEN ?? live.token);
  // the same channels and runner as the service, without listening: a reminder sent from the
  // CLI goes out through WeCom or Telegram as the scheduler's would
  const app = await compose({ ...config, LOG_LEVEL: "silent" }, { token: "cli-local" });
  const runner = app.runner;
  // what an admin does here is recorded as theirs, as through the API or chat
  const record = (action: AuditAction, target: string, detail: AuditDetail) =>
    app.audit.record({ actor: `cli:${userInfo().username}`, channel: "cli", action, target, detail, at: app.clock.now() });
  return {
    ask: (user, text) => app.bot.handle({ memberId: `api:${user}`, channel: "cli", text }),
    report: (req) => reportWithGaps(app.reports, req),
    importReport: async (text, apply, source, force) => {
      const result = await importReportText(app.reports, text, apply, source, force);
      if (apply) await record("import", source, { kind: "report", force });
      return result;
    },
    importPlan: async (data, apply) => {
      const result = await importPlanWorkbook(app.reports, data, apply);
      if (apply) await record("import", "计划表", { kind: "xlsx" });
      return result;
    },
    exportXlsx: (date) => exportWorkbook(app.reports, date),
    remind: async (date, send) => {
      const now = app.clock.now();
      const moment = runner.moment(now, date);
      if (!send) {
        const { due, outbox } = await runner.preview(moment);
        return { moment, due, outgoing: outbox.outgoing, notes: outbox.notes };
      }
      const result = await runner.run(moment, now, true);
      await record("remind", moment.date, { sent: result.sent.length, failed: result.failed.length });
      return result;
    },
    indicators: async () => indicatorRows(await app.plans.catalog()),
    addMember: async (m, role, unit, name) => {
      const member = await app.members.put(m, role, unit, name);
      await record("member", member.id, { role: member.role, unit: member.unitName, ...(name ? { name } : {}) });
      return member;
    },
    close: () => app.close(),
  };
}

/** The API's error sentence ({"error": "…"}), or the status when it sent none. */
function apiError(body: unknown, status: number): string {
  return z.object({ error: z.string() }).safeParse(body).data?.error ?? `HTTP ${status}`;
}

function remote(url: string, token: string): Backend {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json: unknown = await res.json();
    if (!res.ok) throw new Error(apiError(json, res.status));
    // our own API's answer, shaped by the route that sent it (src/http/routes)
    // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion
    return json as T;
  };
  return {
    ask: async (user, text) => (await call<{ reply: string }>("POST", "/api/chat", { user, text })).reply,
    remind: (date, send) => call<RemindAnswer>("POST", "/api/remind", { date, send }),
    importReport: (text, apply, source, force) => call<ReportImport>("POST", "/api/import/report", { text, apply, source, force }),
    importPlan: (data, apply) => call("POST", "/api/import/xlsx", { data: data.toString("base64"), apply }),
    exportXlsx: async (date) => {
      const res = await fetch(`${url}/api/export.xlsx${date ? `?date=${date}` : ""}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(apiError(await res.json(), res.status));
      return Buffer.from(await res.arrayBuffer());
    },
    report: async (req) => {
      const query = new URLSearchParams(Object.entries(req).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
      const res = await fetch(`${url}/api/report?${query}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(apiError(await res.json(), res.status));
      const out = req.format === "docx" ? Buffer.from(await res.arrayBuffer()) : await res.text();
      return { out, missing: missingHeader(res.headers.get("x-duban-missing")) };
    },
    indicators: async () => (await call<{ indicators: IndicatorRow[] }>("GET", "/api/indicators")).indicators,
    addMember: async (member, role, unit, name) => (await call<{ member: MemberInfo }>("POST", "/api/members", { member, role, unit, name })).member,
    close: async () => undefined,
  };
}

async function using<T>(config: Config, fn: (b: Backend) => Promise<T>): Promise<T> {
  const b = await backend(config);
  try {
    return await fn(b);
  } finally {
    await b.close();
  }
}

async function ask(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { user: { type: "string", default: "cli" } }, allowPositionals: true });
  const text = cleanText(positionals.join(" "));
  if (!text.trim()) {
    console.error('请写上要问的话，例如：duban ask "就业困难人员进度多少"');
    return 2;
  }
  console.log(await using(config, (b) => b.ask(values.user, text)));
  return 0;
}

async function chat(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { user: { type: "string", default: "cli" } } });
  await using(config, async (b) => {
    // created once the database is open, so input typed (or piped) meanwhile is not lost
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
    console.log("督办机器人（输入「帮助」查看用法，Ctrl+D 退出）");
    rl.setPrompt("> ");
    rl.prompt();
    // the async iterator queues lines, so piped input is answered line by line, none lost
    for await (const line of rl) {
      // a pasted NUL or control byte would be refused by the database: cleaned, the line is answered
      const text = cleanText(line);
      if (text.trim()) console.log(await b.ask(values.user, text));
      rl.prompt();
    }
    rl.close();
  });
  return 0;
}

async function indicators(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false } } });
  const rows = await using(config, (b) => b.indicators());
  if (values.json) console.log(JSON.stringify(rows, null, 2));
  else for (const r of rows) console.log([r.code, r.name, r.unit, r.target ?? "-", r.value ?? "-", r.owner].join("\t"));
  return 0;
}

async function member(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { role: { type: "string" }, unit: { type: "string" }, name: { type: "string" } },
    allowPositionals: true,
  });
  const [sub, id] = positionals;
  const role = Role.safeParse(values.role).data;
  if (sub !== "add" || !id || !role) {
    console.error("用法：duban member add <成员，如 wecom:zhangsan> --role admin|reporter|viewer [--unit 单位] [--name 姓名]");
    return 2;
  }
  if (role === "reporter" && !values.unit) {
    console.error("填报员需要 --unit 单位，例如：--unit 市人社局");
    return 2;
  }
  const name = values.name === undefined ? undefined : checkPersonName(values.name);
  if (name && !name.ok) {
    console.error(`${name.problem}，例如：--name 张三`);
    return 2;
  }
  const m = await using(config, (b) => b.addMember(id, role, values.unit, name?.name));
  console.log(`已保存：${m.id} ${m.role}${m.unitName ? ` ${m.unitName}` : ""}${m.name ? ` 姓名：${m.name}` : ""}`);
  return 0;
}

/** The list /api/report sends in its x-duban-missing header; none when absent or unreadable. */
function missingHeader(value: string | null): string[] {
  if (!value) return [];
  try {
    const list = z.array(z.string()).safeParse(JSON.parse(decodeURIComponent(value)));
    return list.success ? list.data : [];
  } catch {
    return [];
  }
}

async function report(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { date: { type: "string" }, format: { type: "string", default: "text" }, out: { type: "string" }, issue: { type: "string" }, section: { type: "string", default: "whole" } },
  });
  const format = z.enum(["text", "md", "docx"]).safeParse(values.format).data;
  const section = z.enum(["whole", "progress"]).safeParse(values.section).data;
  if (badDate(values.date)) return 2;
  if (!format || !section) {
    console.error("用法：duban report [--date 2025-04-20] [--format text|md|docx] [--out 文件] [--issue 第3期] [--section whole|progress]");
    return 2;
  }
  if (format === "docx" && !values.out) {
    console.error("Word 格式需要 --out 文件名，例如：--out 工作专报.docx");
    return 2;
  }
  const { out, missing } = await using(config, (b) => b.report({ date: values.date, format, issue: values.issue, section }));
  // on stderr, so the document alone can be piped to a file
  if (missing.length) console.error(["专报还缺：", ...missing.map((m) => `- ${m}`)].join("\n"));
  if (values.out) {
    await writeFile(values.out, out);
    console.log(`已写入 ${values.out}`);
  } else {
    console.log(out.toString());
  }
  return 0;
}

async function importCommand(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { apply: { type: "boolean", default: false }, force: { type: "boolean", default: false } }, allowPositionals: true });
  const [what, file] = positionals;
  if ((what !== "report" && what !== "xlsx") || !file) {
    console.error("用法：duban import report <专报.txt> [--apply] 或 duban import xlsx <计划.xlsx> [--apply]");
    return 2;
  }
  const data = await readFile(file).catch(() => undefined);
  if (!data) {
    console.error(`读不到文件：${file}`);
    return 2;
  }
  if (what === "xlsx") {
    const r = await using(config, (b) => b.importPlan(data, values.apply));
    if (!r.ok) {
      console.error(`计划有 ${r.errors.length} 处错误，未写入任何内容：\n${r.errors.join("\n")}`);
      return 1;
    }
    const count = r.indicators;
    if (!values.apply) console.log(`${r.plan.year} 年计划校验通过：${r.plan.sections.length} 个板块，${count} 项指标，${r.plan.units.length} 个牵头单位。加 --apply 写入。`);
    else console.log(r.exists ? `${r.plan.year} 年计划已经存在，未改动。` : `已导入 ${r.plan.year} 年计划：${count} 项指标。`);
    return 0;
  }
  const r = await using(config, (b) => b.importReport(cleanText(data.toString("utf8")), values.apply, cleanText(path.basename(file)), values.force));
  console.log(describeImport(r, values.apply));
  return 0;
}

async function exportCommand(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { out: { type: "string" }, date: { type: "string" } }, allowPositionals: true });
  if (badDate(values.date)) return 2;
  if (positionals[0] !== "xlsx") {
    console.error("用法：duban export xlsx [--out 民生实事进度.xlsx] [--date 2025-04-20]");
    return 2;
  }
  const out = values.out ?? "民生实事进度.xlsx";
  await writeFile(out, await using(config, (b) => b.exportXlsx(values.date)));
  console.log(`已写入 ${out}`);
  return 0;
}

/** --date given and not a real date: says so (2025-13-45 → 月份应在 01 到 12 之间) on stderr. */
function badDate(date: string | undefined, example?: string): boolean {
  const error = date === undefined ? undefined : dateError(date, example);
  if (error) console.error(`--date ${error}`);
  return error !== undefined;
}

async function remind(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { "dry-run": { type: "boolean", default: false }, now: { type: "boolean", default: false }, date: { type: "string" } } });
  if (badDate(values.date, "2025-04-21")) return 2;
  if (values["dry-run"] === values.now) {
    console.error("用法：duban remind --dry-run [--date 2025-04-21] 或 duban remind --now [--date 2025-04-21]");
    return 2;
  }
  const answer = await using(config, (b) => b.remind(values.date, values.now));
  console.log(describeRemind(answer, values.now));
  return answer.failed?.length || answer.retrying?.length ? 1 : 0;
}

const REMINDER_KIND_NAMES: Record<string, string> = {
  digest: "落后指标周报", "digest-admin": "周报汇总（管理员）", fill: "月度填报提醒", "fill-final": "月底第二次提醒", escalation: "未填报单位（管理员）", failures: "发送失败报告",
};

function describeRemind(a: RemindAnswer, sent: boolean): string {
  const lines = [`${a.moment.date} ${a.moment.time}（Asia/Shanghai）`];
  if (a.quiet) return `${lines[0]} 处于免打扰时段，未发送。`;
  if (a.due.length === 0) return `${lines[0]} 没有到期的提醒。`;
  lines.push(`到期：${a.due.map((d) => `${REMINDER_KIND_NAMES[d.kind] ?? d.kind}（${d.period}，${d.dueOn}）`).join("；")}`);
  const show = (title: string, list: Outgoing[] | undefined) => {
    if (!list?.length) return;
    lines.push("", `== ${title}：${list.length} 条 ==`);
    for (const o of list) {
      const at = o.mentions?.length ? `（@${o.mentions.join(" @")}）` : "";
      lines.push(`--- 发给 ${o.recipient}${at} · ${REMINDER_KIND_NAMES[o.kind] ?? o.kind} · ${o.period}`, o.text);
    }
  };
  if (!sent) show("将发送", a.outgoing);
  show("已发送", a.sent);
  show("已记录（无可用渠道）", a.logged);
  show("之前已发送，跳过", a.skipped);
  const failures = (title: string, list: { outgoing: Outgoing; error: string }[] | undefined) => {
    if (!list?.length) return;
    lines.push("", `== ${title}：${list.length} 条 ==`);
    for (const f of list) lines.push(`${f.outgoing.recipient} · ${f.outgoing.kind}：${f.error}`);
  };
  failures("发送失败，稍后自动重试", a.retrying);
  failures("发送失败，已放弃", a.failed);
  if (a.notes.length) lines.push("", ...a.notes);
  return lines.join("\n");
}

async function db(config: Config, args: string[]): Promise<number> {
  if (args[0] !== "migrate") {
    console.error("用法：duban db migrate");
    return 2;
  }
  if (await readServiceFile(config)) {
    console.log("服务正在运行，数据库已由服务迁移。");
    return 0;
  }
  const app = await createApp(config);
  await app.close();
  console.log("数据库已迁移，2025 年计划已就绪。");
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
