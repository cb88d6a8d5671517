// Part 2: report throughput on PostgreSQL with two service instances on one fresh database, 20
// reports in flight spread over both. (a) through POST /api/chat; (b) through the WeCom callback,
// encrypted and signed, each message delivered three times; (c) 100 reports at once on one hot
// indicator while the others keep reporting. After each, the database itself is asked whether
// every acknowledged report was applied exactly once: each indicator's value is its start plus
// the acknowledged increments, and there is one Update row per report (per WeCom message).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { z } from "zod";
import { type ServiceProcess } from "../scripts/service-process.js";
import type { HttpFake } from "../test/fakes/http-fake.js";
import { AES_KEY, CORP_ID, TOKEN as WECOM_TOKEN, fakeWeCom, postCallback, textXml } from "../test/fakes/wecom.js";
import { ms, pool, show, startService, stats, timed, type Row, type Stats } from "./shared.js";

const PG_URL = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const REPORTS = Number(process.env.BENCH_REPORTS ?? 1000);
const IN_FLIGHT = 20;
const HOT = 100;
const GOAL = { perSecond: 300, p99: 500 };

// Ten counts of seven units, each thousands below its target: the three parts add +1..3 a report
// and stay plausible, so every report is stored at once, without asking 确认.
const INDICATORS = [
  ["城镇新增就业", "市人社局", "人"],
  ["失业人员再就业", "市人社局", "人"],
  ["新增农村劳动力转移就业", "市人社局", "人"],
  ["新发放创业担保贷款", "市人社局", "万元"],
  ["新生儿疾病免费筛查与诊断服务", "市卫健委", "人"],
  ["孕产妇致畸基因免费筛查", "市卫健委", "人"],
  ["无线感烟火灾探测报警器", "市消防救援大队", "个"],
  ["补充配置电脑", "市教育局", "台"],
  ["医疗救助", "市医保局", "人次"],
  ["全市城乡电网提质改造建设投资", "国网汨罗市供电公司", "万元"],
] as const;
// WeCom members are bound with a name, so the service never asks the directory for one
const NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄勇", "周杰", "吴霞"];

interface Report {
  ind: number;
  amount: number;
  /** which instance takes it (the first delivery, for WeCom) */
  via: number;
}

const text = (r: Report) => `${INDICATORS[r.ind]![0]} 新增 ${r.amount} ${INDICATORS[r.ind]![2]}`;
/** the reply says the report was stored, with its increment */
const stored = (reply: string, r: Report) => reply.includes("已更新") && reply.includes(`（增加 ${r.amount} ${INDICATORS[r.ind]![2]}）`);
/** The k-th of `n` reports (undefined past the last), on indicator `ind(k)`, alternating instances. */
const reports = (n: number, ind: (k: number) => number) => (k: number): Report | undefined => (k < n ? { ind: ind(k), amount: 1 + (k % 3), via: k % 2 } : undefined);

/**
 * What a load saw: each acknowledged report with when it was sent and its latency, the wall time,
 * and what went wrong. `late`: acknowledged with no answer, which the channel sends later (WeCom
 * past its reply deadline); its latency is the acknowledgement's, a lower bound.
 */
interface Load {
  acked: (Report & { at: number; ms: number; late: boolean })[];
  wallMs: number;
  errors: string[];
}

/** Sends the reports `next` gives (until undefined) through `send`, which answers the reply (undefined: late). */
async function load(next: (k: number) => Report | undefined, send: (r: Report, k: number) => Promise<string | undefined>, inFlight = IN_FLIGHT): Promise<Load> {
  const out: Load = { acked: [], wallMs: 0, errors: [] };
  const t0 = performance.now();
  await pool(next, inFlight, async (r, k) => {
    try {
      const at = performance.now();
      const { ms: t, value: reply } = await timed(() => send(r, k));
      if (reply !== undefined && !stored(reply, r)) throw new Error(`not stored: ${text(r)} → ${reply.slice(0, 80)}`);
      out.acked.push({ ...r, at, ms: t, late: reply === undefined });
    } catch (e) {
      out.errors.push(String(e));
    }
  });
  out.wallMs = performance.now() - t0;
  return out;
}

interface Snapshot {
  values: number[];
  lastUpdate: number;
}

async function snapshot(db: pg.Client): Promise<Snapshot> {
  const names = INDICATORS.map((i) => i[0]);
  const rows = (await db.query<{ name: string; value: string }>(`SELECT "name", "value"::text AS "value" FROM "Indicator" WHERE "name" = ANY($1)`, [names])).rows;
  const last = (await db.query<{ id: number }>(`SELECT COALESCE(MAX("id"), 0) AS "id" FROM "Update"`)).rows[0]!.id;
  return { values: names.map((n) => Number(rows.find((r) => r.name === n)!.value)), lastUpdate: last };
}

/** The problems found: an indicator off its start plus the increments applied, or Update rows ≠ reports. */
async function exactlyOnce(db: pg.Client, before: Snapshot, applied: Report[]): Promise<string[]> {
  const after = await snapshot(db);
  const problems: string[] = [];
  INDICATORS.forEach(([name], i) => {
    const sum = applied.filter((r) => r.ind === i).reduce((s, r) => s + r.amount, 0);
    const want = before.values[i]! + sum;
    if (Math.abs(after.values[i]! - want) > 1e-6) problems.push(`${name}: ${after.values[i]} ≠ ${before.values[i]} + ${sum}`);
  });
  const rows = Number((await db.query(`SELECT COUNT(*) AS "n" FROM "Update" WHERE "id" > $1`, [before.lastUpdate])).rows[0].n);
  if (rows !== applied.length) problems.push(`${rows} Update rows for ${applied.length} reports`);
  return problems;
}

/** Each WeCom message applied once: its inbox row applied, and its batch holding exactly one Update. */
async function wecomOnce(db: pg.Client, msgIds: string[]): Promise<string[]> {
  const { rows } = await db.query<{ messageId: string; applied: boolean; updates: string }>(
    `SELECT m."messageId", m."appliedAt" IS NOT NULL AS "applied", COUNT(u."id") AS "updates"
     FROM "InboundMessage" m LEFT JOIN "Update" u ON u."batchId" = m."batchId"
     WHERE m."channel" = 'wecom' AND m."messageId" = ANY($1) GROUP BY m."id"`,
    [msgIds],
  );
  const bad = rows.filter((r) => !r.applied || r.updates !== "1");
  const problems = bad.slice(0, 5).map((r) => `message ${r.messageId}: applied ${r.applied}, ${r.updates} Update rows`);
  if (bad.length > 5) problems.push(`… ${bad.length - 5} more`);
  if (rows.length !== msgIds.length) problems.push(`${rows.length} inbox rows for ${msgIds.length} messages`);
  return problems;
}

/** A fresh database on the server (created here, dropped by `drop`), or why there is none. */
async function freshDatabase(): Promise<{ url: string; db: pg.Client; drop(): Promise<void> } | string> {
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    return `PostgreSQL not reachable at ${PG_URL} (${e instanceof Error ? e.message : String(e)})`;
  }
  const name = `duban_bench_${process.pid}_${randomBytes(3).toString("hex")}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.end();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

const latency = (l: Load, keep: (a: Load["acked"][number]) => boolean = () => true) => stats(l.acked.filter(keep).map((a) => a.ms));

function summarize(label: string, l: Load, problems: string[]): Row[] {
  const s = latency(l);
  const perSecond = (l.acked.length / l.wallMs) * 1000;
  const late = l.acked.filter((a) => a.late).length;
  console.log(`${label}: ${l.acked.length} reports in ${(l.wallMs / 1000).toFixed(1)} s = ${perSecond.toFixed(0)} reports/s; ${show(s)}`);
  if (late) console.log(`  ${late} answered after the reply deadline, through the message API (timed to the empty acknowledgement)`);
  for (const e of [...l.errors.slice(0, 5), ...problems]) console.log(`  ✗ ${e}`);
  if (l.errors.length > 5) console.log(`  ✗ … ${l.errors.length - 5} more failed`);
  return [
    { measure: `${label}: reports/s`, value: perSecond.toFixed(0), goal: `≥ ${GOAL.perSecond}`, met: perSecond >= GOAL.perSecond },
    { measure: `${label}: p50 / p99`, value: `${ms(s.p50)} / ${ms(s.p99)}`, goal: `p99 ≤ ${GOAL.p99} ms`, met: s.p99 <= GOAL.p99 },
    { measure: `${label}: exactly once`, value: `${problems.length} wrong, ${l.errors.length} failed`, goal: "0, 0", met: !problems.length && !l.errors.length },
  ];
}

/**
 * (b): each message delivered three times, as WeCom retries one it got no answer to: once more on
 * the other instance while the first is at work, once after the first was answered. A report's
 * latency is its first delivery's; the retries hold no slot of the 20, and the wall time runs
 * until the last of them was answered.
 */
async function viaWeCom(svcs: ServiceProcess[], fake: HttpFake, next: (k: number) => Report | undefined, msgId: (k: number) => string): Promise<Load> {
  const retries: Promise<unknown>[] = [];
  const failed: string[] = [];
  const deliver = async (svc: ServiceProcess, xml: string) => {
    const r = await postCallback(`${svc.url}/wecom/callback`, xml);
    if (r.status !== 200) throw new Error(`callback HTTP ${r.status}: ${r.text.slice(0, 80)}`);
    return r.reply ?? "";
  };
  // what the retries got: the stored answer, or an empty 200 (the holder answers)
  const seen = { answer: 0, empty: 0 };
  const retry = (p: Promise<string>) => retries.push(p.then((r) => seen[r ? "answer" : "empty"]++, (e: unknown) => failed.push(`retry: ${String(e)}`)));
  const t0 = performance.now();
  const l = await load(next, async (r, k) => {
    const xml = textXml(`w${r.ind}`, text(r), msgId(k));
    const [mine, other] = [svcs[r.via]!, svcs[1 - r.via]!];
    const first = deliver(mine, xml);
    retry(new Promise((ok) => setTimeout(ok, Math.random() * 50)).then(() => deliver(other, xml)));
    const reply = await first;
    retry(deliver(mine, xml));
    return reply || undefined;
  });
  await Promise.all(retries);
  const wallMs = performance.now() - t0;
  console.log(`retries: ${seen.answer} got the answer, ${seen.empty} an empty 200, ${failed.length} failed`);
  return { ...l, wallMs, errors: [...l.errors, ...failed, ...(await lateAnswers(fake, l))] };
}

const SentText = z.object({ touser: z.string(), text: z.object({ content: z.string() }) });

/** The late answers, each sent once through the message API (waited for up to 20 s): what is missing. */
async function lateAnswers(fake: HttpFake, l: Load): Promise<string[]> {
  const late = l.acked.filter((a) => a.late).map((r) => ({ user: `w${r.ind}`, r }));
  let missing = late;
  for (let wait = 0; wait < 100 && missing.length; wait++) {
    if (wait) await new Promise((ok) => setTimeout(ok, 200));
    // one sent answer to that user with that increment per late report
    const left = fake.calls("/cgi-bin/message/send").flatMap((c) => SentText.safeParse(c.body).data ?? []);
    missing = late.filter(({ user, r }) => {
      const i = left.findIndex((b) => b.touser === user && stored(b.text.content, r));
      if (i >= 0) left.splice(i, 1);
      return i < 0;
    });
  }
  return missing.map(({ r }) => `late answer never sent: ${text(r)}`);
}

/**
 * (c): HOT reports at once on the first indicator, from ten members of its unit, while the other
 * reporters keep IN_FLIGHT / 2 reports going on theirs. Theirs are timed if sent during the burst.
 */
async function hotIndicator(svcs: ServiceProcess[]): Promise<{ hot: Load; others: Load; during: Stats }> {
  let burst = { from: Infinity, to: Infinity };
  const otherReport = reports(Infinity, (k) => 1 + (k % (INDICATORS.length - 1)));
  const othersRun = load((k) => (performance.now() < burst.to ? otherReport(k) : undefined), (r) => svcs[r.via]!.chat(`r${r.ind}`, text(r)), IN_FLIGHT / 2);
  await new Promise((ok) => setTimeout(ok, 1000));
  burst = { from: performance.now(), to: Infinity };
  const hot = await load(reports(HOT, () => 0), (r, k) => svcs[r.via]!.chat(`h${k % 10}`, text(r)), HOT);
  burst = { ...burst, to: performance.now() };
  const others = await othersRun;
  return { hot, others, during: latency(others, (a) => a.at >= burst.from && a.at <= burst.to) };
}

export async function throughput(): Promise<Row[]> {
  const skip = (why: string): Row[] => {
    console.log(`PostgreSQL part skipped: ${why}`);
    return [{ measure: "PostgreSQL throughput (a, b, c)", value: "skipped", goal: why }];
  };
  if (process.env.BENCH_SKIP_PG === "1") return skip("BENCH_SKIP_PG=1");
  const fresh = await freshDatabase();
  if (typeof fresh === "string") return skip(fresh);
  const { url, db } = fresh;
  const fake = await fakeWeCom().start();
  const svcs: ServiceProcess[] = [];
  try {
    const env = {
      DATABASE_URL: url,
      WECOM_CORP_ID: CORP_ID, WECOM_TOKEN: WECOM_TOKEN, WECOM_AES_KEY: AES_KEY, WECOM_SECRET: "s", WECOM_AGENT_ID: "1000002", WECOM_API_BASE: fake.url,
    };
    // one after the other: the first migrates and seeds the empty database
    for (let i = 0; i < 2; i++) svcs.push(await startService(env));
    const a = svcs[0]!;
    for (const [i, [, unit]] of INDICATORS.entries()) {
      await a.chat("admin", `绑定 api:r${i} ${unit}`);
      await a.chat("admin", `绑定 wecom:w${i} ${unit} ${NAMES[i]}`);
      await a.chat("admin", `绑定 api:h${i} ${INDICATORS[0][1]}`);
    }
    // a first answer in each instance loads what every later one uses: not part of the load
    for (const s of svcs) for (let i = 0; i < 10; i++) await s.chat("viewer", "总体进度");
    const each = (k: number) => k % INDICATORS.length;
    const rows: Row[] = [];

    let before = await snapshot(db);
    const api = await load(reports(REPORTS, each), (r) => svcs[r.via]!.chat(`r${r.ind}`, text(r)));
    rows.push(...summarize("(a) /api/chat", api, await exactlyOnce(db, before, api.acked)));

    // every message must be applied once, acknowledged in time or not: WeCom delivered it
    before = await snapshot(db);
    const base = 7_400_000_000_000_000_000n + BigInt(Date.now()) * 10_000n;
    const msgId = (k: number) => String(base + BigInt(k));
    const wecom = await viaWeCom(svcs, fake, reports(REPORTS, each), msgId);
    const sent = Array.from({ length: REPORTS }, (_, k) => reports(REPORTS, each)(k)!);
    const ids = sent.map((_, k) => msgId(k));
    rows.push(...summarize("(b) WeCom, 3 deliveries each", wecom, [...(await exactlyOnce(db, before, sent)), ...(await wecomOnce(db, ids))]));

    before = await snapshot(db);
    const { hot, others, during } = await hotIndicator(svcs);
    const problems = await exactlyOnce(db, before, [...hot.acked, ...others.acked]);
    const hs = latency(hot);
    console.log(`(c) ${HOT} at once on ${INDICATORS[0][0]}: ${show(hs)}; all answered in ${ms(hot.wallMs)}`);
    console.log(`    the other ${INDICATORS.length - 1} indicators meanwhile: ${show(during)}`);
    const errors = [...hot.errors, ...others.errors];
    for (const e of [...errors.slice(0, 5), ...problems]) console.log(`  ✗ ${e}`);
    rows.push(
      { measure: "(c) hot indicator: p50 / p99", value: `${ms(hs.p50)} / ${ms(hs.p99)}`, goal: "" },
      { measure: "(c) others meanwhile: p50 / p99", value: `${ms(during.p50)} / ${ms(during.p99)}`, goal: `p99 ≤ ${GOAL.p99} ms`, met: during.p99 <= GOAL.p99 },
      { measure: "(c) exactly once", value: `${problems.length} wrong, ${errors.length} failed`, goal: "0, 0", met: !problems.length && !errors.length },
    );
    return rows;
  } finally {
    for (const s of svcs) await s.stop();
    await fake.stop();
    await fresh.drop();
  }
}
