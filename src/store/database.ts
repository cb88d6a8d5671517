// Opens the one database the service uses: embedded PGlite by default (zero setup, data in a
// folder), or a PostgreSQL server when a URL is given. Both speak the same SQL dialect, and
// both are reached by Prisma through a driver adapter so no native engine is needed.
import { createHash } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client.js";
import { fromTemplate } from "./pglite-template.js";

/** Plain SQL on one connection: `exec` runs a multi-statement script, `query` one statement. */
export interface SqlSession {
  exec(script: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface SqlRunner extends SqlSession {
  /** Runs `fn` on one connection holding a database-wide advisory lock (one migrator at a time). */
  withLock<T>(key: number, fn: (session: SqlSession) => Promise<T>): Promise<T>;
}

export interface Database {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  sql: SqlRunner;
  close(): Promise<void>;
}

export type DatabaseTarget = { url: string } | { dataDir: string } | { pglite: PGlite };

// PostgreSQL's default 128 MB of shared buffers costs ~115 MB of resident memory in PGlite's
// WASM heap; the whole plan is well under a megabyte. Measured and not kept (after 300 chat
// messages): 8 MB of shared buffers, or work_mem, temp_buffers and wal_buffers lowered, changed
// resident memory by less than the run-to-run noise (~5 MB); PGlite's initialMemory cannot go
// below the 128 MB its WASM module declares.
const PGLITE_START = [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"];

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if ("url" in target) return openPostgres(target.url, await postgresDriver());
  const db = "pglite" in target ? target.pglite : await PGlite.create(target.dataDir, { startParams: PGLITE_START, ...(await fromTemplate(target.dataDir)) });
  return fromPGlite(db);
}

/**
 * pglite-prisma-adapter 0.6 (the line for Prisma 6) is typed against an older
 * @prisma/driver-adapter-utils than Prisma 6.19's; the protocol it speaks is the same.
 */
export function pgliteAdapter(db: PGlite): SqlDriverAdapterFactory {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion
  return new PrismaPGlite(db) as unknown as SqlDriverAdapterFactory;
}

function fromPGlite(db: PGlite): Database {
  const prisma = new PrismaClient({ adapter: pgliteAdapter(db) });
  const session: SqlSession = {
    async exec(script) {
      await db.exec(script);
    },
    async query<T>(sql: string, params?: unknown[]) {
      // raw SQL rows: the caller names their shape (the migrator's few queries)
      // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion
      return (await db.query(sql, params)).rows as T[];
    },
  };
  return {
    kind: "pglite",
    prisma,
    // one process owns a PGlite directory, and PGlite serialises its queries
    sql: { ...session, withLock: (_key, fn) => fn(session) },
    async close() {
      await prisma.$disconnect();
      if (!db.closed) await db.close();
    },
  };
}

/** pg and its Prisma adapter (~0.1 s to load), only for a PostgreSQL server. */
async function postgresDriver() {
  const [{ default: pg }, { PrismaPg }] = await Promise.all([import("pg"), import("@prisma/adapter-pg")]);
  return { pg, PrismaPg };
}

function openPostgres(url: string, { pg, PrismaPg }: Awaited<ReturnType<typeof postgresDriver>>): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // an idle connection dropped by the server (restart, failover) must not crash the service;
  // the pool replaces it on the next query
  pool.on("error", () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    prisma,
    sql: {
      async exec(script) {
        await pool.query(script); // no parameters: the simple protocol runs several statements
      },
      async query<T>(sql: string, params?: unknown[]) {
        // a named statement is parsed and planned once per connection: the turn's read and the
        // one-statement report run with every message, and planning them cost the server more
        // than running them
        const name = params?.length ? `duban_${createHash("sha1").update(sql).digest("hex").slice(0, 16)}` : undefined;
        // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion
        return (await pool.query({ text: sql, values: params, ...(name ? { name } : {}) })).rows as T[];
      },
      async withLock(key, fn) {
        const client = await pool.connect();
        try {
          await client.query("SELECT pg_advisory_lock($1)", [key]);
          return await fn({
            async exec(script) {
              await client.query(script);
            },
            async query<T>(sql: string, params?: unknown[]) {
              // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion
              return (await client.query(sql, params)).rows as T[];
            },
          });
        } finally {
          await client.query("SELECT pg_advisory_unlock($1)", [key]).catch(() => undefined);
          client.release();
        }
      },
    },
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}
