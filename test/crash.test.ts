// No acknowledged message lost: real service processes take encrypted WeCom report callbacks
// under load, delivered and retried as WeCom does (no 200 within 5 s → again, up to 3 times),
// and one is killed with SIGKILL mid-load. Then, from the database: every message any delivery
// got a 200 for has exactly one effect, and none has two. On PostgreSQL (TEST_DATABASE_URL) two
// instances share the database and the survivor carries on; on PGlite the one instance is
// restarted on its data folder.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceProcess, type ServiceProcess } from "../scripts/service-process.js";
import type { HttpFake } from "./fakes/http-fake.js";
import { AES_KEY, CORP_ID, TOKEN, fakeWeCom, openReply, sign, textXml } from "./fakes/wecom.js";
import { testTargets } from "./helpers/databases.js";

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const MEMBERS = 40;
const PER_MEMBER = 10; // amounts 1..PER_MEMBER: (member, amount) names a message
const INDICATORS = ["城镇新增就业", "失业人员再就业"] as const;
const CONCURRENCY = 16;
// bounded by time, not by count, so a slow machine sends fewer messages rather than taking longer
const LOAD_MS = 12_000;
const LOAD_MAX_MS = 25_000; // on a loaded machine, go on until ENOUGH messages were acknowledged
const ENOUGH = 30;
const KILL_AT_MS = 4_000;
const API_TOKEN = "crash-test-token-0123456789";

interface Message {
  user: string;
  amount: number;
  indicator: (typeof INDICATORS)[number];
  msgId: string;
  acked: boolean;
  deliveries: number;
  passive?: string;
}

const user = (m: number) => `crash${String(m).padStart(2, "0")}`;

let fake: HttpFake;
let dbUrl: string | undefined;
let drop: () => Promise<void> = async () => undefined;
const dirs: string[] = [];
const procs: ServiceProcess[] = [];
let first: ServiceProcess;
let second: ServiceProcess | undefined;

async function start(dataDir?: string): Promise<ServiceProcess> {
  const dir = dataDir ?? (await mkdtemp(path.join(tmpdir(), "duban-crash-")));
  if (!dataDir) dirs.push(dir);
  const p = await startServiceProcess({
    DUBAN_API_TOKEN: API_TOKEN,
    DATABASE_URL: dbUrl ?? "",
    DUBAN_DATA_DIR: dir,
    DUBAN_TODAY: "2025-04-20",
    DUBAN_ADMINS: ["api:admin", ...Array.from({ length: MEMBERS }, (_, m) => `wecom:${user(m)}`)].join(","),
    DUBAN_REMINDERS: "off",
    WECOM_CORP_ID: CORP_ID, WECOM_TOKEN: TOKEN, WECOM_AES_KEY: AES_KEY, WECOM_SECRET: "app-secret", WECOM_AGENT_ID: "1000002",
    WECOM_API_BASE: fake.url,
    DUBAN_RETRY_BASE_MS: "20",
    DUBAN_INBOX_LEASE_MS: "3000",
    DUBAN_INBOX_SWEEP_MS: "500",
    LOG_LEVEL: "error",
  });
  procs.push(p);
  return p;
}

beforeAll(async () => {
  fake = await fakeWeCom().start();
  if (onPostgres) {
    const created = await testTargets.find((t) => t.name === "postgres")!.create();
    dbUrl = (created.target as { url: string }).url;
    drop = created.drop;
  }
  first = await start();
  second = onPostgres ? await start() : undefined;
});

afterAll(async () => {
  for (const p of procs) {
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  await drop();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  await fake?.stop();
});

/**
 * Holds the test indicators' rows (a transaction of our own) until the instance `pid` holds an
 * unanswered message, so its report waits on them; returns how to let go.
 */
async function holdVictimMidMessage(url: string, pid: number): Promise<() => Promise<void>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query("BEGIN");
  await c.query(`SELECT 1 FROM "Indicator" WHERE "name" = ANY($1) FOR UPDATE`, [[...INDICATORS]]);
  for (const end = Date.now() + 5_000; Date.now() < end; await new Promise((r) => setTimeout(r, 10))) {
    const held = await c.query(`SELECT count(*)::int AS n FROM "InboundMessage" WHERE "holder" LIKE $1 AND "reply" IS NULL`, [`%:${pid}:%`]);
    if (Number(held.rows[0]?.n) > 0) break;
  }
  return async () => {
    await c.query("ROLLBACK");
    await c.end();
  };
}

/** One WeCom delivery: true when it got an HTTP 200 within 5 s. */
async function deliver(url: string, msg: Message): Promise<boolean> {
  const { encrypted, params } = sign(TOKEN, AES_KEY, CORP_ID, textXml(msg.user, `${msg.indicator}又增加了${msg.amount}人`, msg.msgId));
  const body = `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><AgentID><![CDATA[1000002]]></AgentID><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
  msg.deliveries++;
  try {
    const res = await fetch(`${url}/wecom/callback?${new URLSearchParams({ ...params })}`, {
      method: "POST", headers: { "content-type": "text/xml" }, body, signal: AbortSignal.timeout(5000),
    });
    const text = await res.text();
    if (res.status !== 200) return false;
    msg.passive = openReply(text) ?? msg.passive;
    return true;
  } catch {
    return false; // refused, reset by the kill, or no answer within 5 s
  }
}

describe("kill -9 mid-load", () => {
  it(`applies every acknowledged message exactly once (${onPostgres ? "PostgreSQL, two instances" : "PGlite, restart"})`, async () => {
    const [a, b] = [first, second];
    const dataDir = dirs[0]!;
    const initial = await values(a!);
    // a first answer compiles and loads what every later one uses: not part of the load
    await Promise.all([a, b].map((p) => p?.chat("admin", "总体进度")));

    const messages: Message[] = [];
    for (let m = 0; m < MEMBERS; m++) {
      for (let k = 1; k <= PER_MEMBER; k++) {
        messages.push({ user: user(m), amount: k, indicator: INDICATORS[m % 2]!, msgId: String(7_400_000_000_000_000_000n + BigInt(m * 100 + k)), acked: false, deliveries: 0 });
      }
    }
    messages.sort(() => Math.random() - 0.5);

    // where a delivery goes: either live instance, as a load balancer would send it
    let live: ServiceProcess[] = b ? [a!, b] : [a!];
    let killedAt = -1;
    let started = 0;
    let restarting: Promise<void> | undefined;
    let resumedAt = 0;
    const victim = a!;
    const t0 = Date.now();
    // mid-load: after KILL_AT_MS, or sooner on a fast machine, at a third of the messages
    let killing: Promise<void> | undefined;
    const killNow = () => void (killing ??= killVictim());
    const killVictim = async () => {
      // PostgreSQL: a report is one short statement, so the kill could land when the victim holds
      // nothing. Hold the indicators' rows from here until it holds a message it took, then kill
      const release = b ? await holdVictimMidMessage(dbUrl!, victim.pid) : undefined;
      killedAt = started;
      process.kill(victim.pid, "SIGKILL");
      live = live.filter((p) => p !== victim);
      await release?.();
      // PGlite: one process owns the folder; a new one starts on it, as a supervisor would
      if (!b) restarting = start(dataDir).then((p) => void ((live = [p]), (resumedAt = Date.now())));
    };
    const kill = setTimeout(killNow, KILL_AT_MS);

    async function send(msg: Message) {
      for (let attempt = 0; attempt < 4 && !msg.acked; attempt++) {
        if (attempt) await new Promise((r) => setTimeout(r, 300));
        if (!live.length) continue; // nothing listening: the delivery fails
        const target = live[Math.floor(Math.random() * live.length)]!;
        msg.acked = await deliver(target.url, msg);
      }
    }

    async function worker() {
      for (;;) {
        // PGlite: new messages wait for the restart (in-flight ones fail meanwhile), and go on a while after
        if (!live.length) await restarting;
        const elapsed = Date.now() - t0;
        const enough = messages.filter((m) => m.acked).length >= ENOUGH || elapsed > LOAD_MAX_MS;
        if (elapsed > LOAD_MS && enough && (b || Date.now() - resumedAt > 3000)) return;
        const msg = messages[started++];
        if (!msg) return;
        if (started >= messages.length / 3) killNow();
        await send(msg);
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    clearTimeout(kill);
    await killing;
    await restarting;
    const survivor = live[0]!;

    // the survivor's sweeper answers what the dead instance held: wait until every message is done
    const db = await openDb(dataDir, survivor);
    const ids = messages.slice(0, started).map((m) => m.msgId);
    const open = async () => Number((await db.query(`SELECT count(*) AS n FROM "InboundMessage" WHERE "messageId" = ANY($1) AND "reply" IS NULL`, [ids]))[0]!.n);
    for (const end = Date.now() + 30_000; Date.now() < end && (await open()) > 0; ) await new Promise((r) => setTimeout(r, 250));
    const sent = messages.slice(0, started);

    const rows = await db.query(
      `SELECT u."memberId", i."name", u."oldValue", u."newValue" FROM "Update" u JOIN "Indicator" i ON i."id" = u."indicatorId" WHERE u."memberId" LIKE 'wecom:crash%' AND u."kind" = 'add'`,
    );
    const effects = new Map<string, number>();
    for (const r of rows) {
      const key = `${(r.memberId as string).slice(6)}/${Math.round((r.newValue as number) - (r.oldValue as number))}/${r.name as string}`;
      effects.set(key, (effects.get(key) ?? 0) + 1);
    }
    const keyOf = (m: Message) => `${m.user}/${m.amount}/${m.indicator}`;
    const acked = sent.filter((m) => m.acked);
    const lost = acked.filter((m) => effects.get(keyOf(m)) !== 1);
    const twice = [...effects.entries()].filter(([, n]) => n > 1);
    const unknown = [...effects.keys()].filter((k) => !sent.some((m) => keyOf(m) === k));
    const final = Object.fromEntries(
      (await db.query(`SELECT "name", "value" FROM "Indicator" WHERE "name" = ANY($1)`, [[...INDICATORS]])).map((r) => [r.name as string, r.value as number]),
    );
    const taken = Number((await db.query(`SELECT count(*) AS n FROM "InboundMessage" WHERE "messageId" = ANY($1) AND "attempts" > 1`, [ids]))[0]!.n);
    await db.close();
    // the answers users saw: in the callback's response, or sent later through message/send
    const sentLater = fake.calls("/cgi-bin/message/send").map((r) => r.body as { touser: string; text?: { content: string } });
    const answered = (m: Message) =>
      [m.passive, ...sentLater.filter((b) => b.touser === m.user).map((b) => b.text?.content)].some((t) => t?.includes(`${m.indicator}：`) && t.includes(`（增加 ${m.amount} 人）`));
    const unanswered = acked.filter((m) => !answered(m));

    console.log(
      `crash test: ${sent.length} messages, ${acked.length} acknowledged, ${sent.reduce((n, m) => n + m.deliveries, 0)} deliveries, ` +
        `killed after ${killedAt}, ${taken} taken over from a holder, ${rows.length} effects, ${unanswered.length} acknowledged without an answer seen, ${Date.now() - t0} ms`,
    );
    expect(killedAt).toBeGreaterThan(0);
    expect(acked.length).toBeGreaterThanOrEqual(10);
    // the kill caught messages in flight: received and taken over by the survivor, or cut off
    // before the victim stored them and delivered again (or never acknowledged). Which depends on
    // the instant of the kill (a report is now one short statement, so often none is held), so
    // none alone is required here; the takeover itself is proven deterministically in
    // wecom.test.ts (a holder that died).
    const cutOff = sent.filter((m) => m.deliveries > 1 || !m.acked).length;
    expect(taken + cutOff).toBeGreaterThan(0);
    // on PostgreSQL the victim was killed holding a message: the survivor took it over
    if (b) expect(taken).toBeGreaterThan(0);
    expect(lost.map(keyOf)).toEqual([]);
    expect(twice).toEqual([]);
    expect(unknown).toEqual([]);
    // the indicators moved by exactly the effects recorded
    for (const name of INDICATORS) {
      const moved = rows.filter((r) => r.name === name).reduce((s, r) => s + Math.round((r.newValue as number) - (r.oldValue as number)), 0);
      expect(final[name]! - initial[name]!).toBe(moved);
    }
  }, 90_000);
});

async function values(p: ServiceProcess): Promise<Record<string, number>> {
  const { indicators } = await p.get<{ indicators: { name: string; value: number | null }[] }>("/api/indicators");
  return Object.fromEntries(INDICATORS.map((n) => [n, indicators.find((i) => i.name === n)!.value ?? 0]));
}

interface Db {
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/**
 * PostgreSQL directly. PGlite belongs to one process: the survivor gets time to sweep (its
 * lease and a few sweeps), is stopped as an operator would, and the folder is opened here.
 */
async function openDb(dataDir: string, survivor: ServiceProcess): Promise<Db> {
  if (dbUrl) {
    const client = new pg.Client({ connectionString: dbUrl });
    client.on("error", () => undefined); // the database is dropped after the test
    await client.connect();
    return { query: async (sql, params) => (await client.query(sql, params)).rows, close: () => client.end() };
  }
  await new Promise((r) => setTimeout(r, 6000));
  await survivor.stop();
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create(dataDir);
  return { query: async (sql, params) => (await db.query(sql, params)).rows as Record<string, unknown>[], close: () => db.close() };
}
