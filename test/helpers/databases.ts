// The databases every storage test runs on: embedded PGlite always, and the PostgreSQL server
// named by TEST_DATABASE_URL when set. Each PostgreSQL use gets a database of its own, dropped
// afterwards, so reruns start clean and nothing is left on the shared server.
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { DatabaseTarget } from "../../src/store/database.js";

export interface TestTarget {
  name: string;
  /** a fresh, empty database and how to drop it */
  create(): Promise<{ target: DatabaseTarget; drop(): Promise<void> }>;
}

const pglite: TestTarget = {
  name: "pglite",
  async create() {
    return { target: { dataDir: "memory://" }, drop: async () => undefined };
  },
};

function postgres(url: string): TestTarget {
  return {
    name: "postgres",
    async create() {
      const name = `duban_test_${process.pid}_${randomBytes(4).toString("hex")}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      const u = new URL(url);
      u.pathname = `/${name}`;
      return {
        target: { url: u.toString() },
        async drop() {
          const c = new pg.Client({ connectionString: url });
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          await c.end();
        },
      };
    },
  };
}

export const testTargets: TestTarget[] = [pglite, ...(process.env.TEST_DATABASE_URL ? [postgres(process.env.TEST_DATABASE_URL)] : [])];
