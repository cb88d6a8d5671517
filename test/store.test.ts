// Storage on every test database: migrations recorded as Prisma records them, seeding once,
// changes written atomically with their Update rows, no lost update under concurrency.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plan2025 } from "../src/catalog/plan2025.js";
import { seedPlan } from "../src/store/seed.js";
import { openDatabase, type Database } from "../src/store/database.js";
import { migrate, readMigrations } from "../src/store/migrator.js";
import { PlanStore } from "../src/store/plan-store.js";
import { testTargets } from "./helpers/databases.js";

describe.each(testTargets)("on $name", (target) => {
  let db: Database;
  let drop: () => Promise<void>;
  let plans: PlanStore;
  const ctx = (batchId: string) => ({ memberId: "api:admin", channel: "api", source: "test", batchId });
  const idOf = async (code: string) => (await plans.catalog()).indicators.find((i) => i.code === code)!;

  beforeAll(async () => {
    const created = await target.create();
    drop = created.drop;
    db = await openDatabase(created.target);
    expect(await migrate(db.sql)).toEqual((await readMigrations()).map((m) => m.name));
    expect(await seedPlan(db.prisma, plan2025)).toBe(true);
    await db.prisma.member.create({ data: { id: "api:admin", role: "admin" } });
    plans = new PlanStore(db, 2025);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it("records migrations in _prisma_migrations and applies each once", async () => {
    const rows = await db.sql.query<{ migration_name: string; finished_at: Date | null; checksum: string }>(
      `SELECT migration_name, finished_at, checksum FROM "_prisma_migrations"`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual((await readMigrations()).map((m) => m.name));
    expect(rows.every((r) => r.finished_at && r.checksum.length === 64)).toBe(true);
    expect(await migrate(db.sql)).toEqual([]);
  });

  it("seeds the plan once, with every section the report has", async () => {
    expect(await seedPlan(db.prisma, plan2025)).toBe(false);
    const catalog = await plans.catalog();
    const top = catalog.sections.filter((s) => s.level === 0).map((s) => s.title);
    expect(top).toEqual(["省级十大重点民生实事", "岳阳市级十大重点民生实事", "保障重点群体就业", "兜牢基本生活底线", "抓好生态问题整治"]);
    const items = (code: string) => catalog.sections.filter((s) => s.parentCode === code);
    const provincialItems = catalog.sections.filter((s) => s.level === 2 && s.code.startsWith("P"));
    expect(provincialItems).toHaveLength(22);
    expect(items("Y")).toHaveLength(7);
    expect(items("E")).toHaveLength(12);
    expect(items("B")).toHaveLength(8);
    expect(items("G")).toHaveLength(4);
    // one indicator placed twice
    expect((await idOf("skills-training")).sectionCodes.sort()).toEqual(["E8", "P04"]);
    expect(await db.prisma.update.count({ where: { kind: "seed" } })).toBe(catalog.indicators.length);
  });

  it("writes nothing when any change of a batch fails", async () => {
    const jobs = await idOf("urban-jobs");
    await expect(
      plans.apply(
        [
          { indicatorId: jobs.id, op: "set", value: 2500 },
          { indicatorId: 999_999, op: "set", value: 1 },
        ],
        ctx("b-fail"),
      ),
    ).rejects.toThrow();
    expect((await idOf("urban-jobs")).value).toBe(2230);
    expect(await db.prisma.update.count({ where: { batchId: "b-fail" } })).toBe(0);
  });

  it("applies one indicator named twice in a batch in order, each on the figure before it", async () => {
    const ind = await idOf("school-computers");
    const applied = await plans.apply(
      [
        { indicatorId: ind.id, op: "add", value: 2 },
        { indicatorId: ind.id, op: "set", value: 1300 },
        { indicatorId: ind.id, op: "add", value: "0.5" },
      ],
      ctx("b-twice"),
    );
    expect(applied.map((a) => [a.oldValue, a.newValue])).toEqual([[ind.value, ind.value! + 2], [ind.value! + 2, 1300], [1300, 1300.5]]);
    expect((await idOf("school-computers")).value).toBe(1300.5);
    const rows = await db.prisma.update.findMany({ where: { batchId: "b-twice" }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.kind)).toEqual(["add", "set", "add"]);
  });

  it("refuses a message applied already, in one statement or in a transaction, and writes nothing", async () => {
    const ind = await idOf("school-computers");
    const message = { channel: "test", messageId: "m-once" };
    await plans.apply([{ indicatorId: ind.id, op: "add", value: 1 }], { ...ctx("b-once"), message });
    // again alone (one statement), and again with the indicator twice (a transaction)
    await expect(plans.apply([{ indicatorId: ind.id, op: "add", value: 1 }], { ...ctx("b-again"), message })).rejects.toMatchObject({ batchId: "b-once" });
    const twice = [{ indicatorId: ind.id, op: "add" as const, value: 1 }, { indicatorId: ind.id, op: "add" as const, value: 1 }];
    await expect(plans.apply(twice, { ...ctx("b-again2"), message })).rejects.toMatchObject({ batchId: "b-once" });
    expect((await idOf("school-computers")).value).toBe(ind.value! + 1);
    expect(await db.prisma.update.count({ where: { batchId: { in: ["b-again", "b-again2"] } } })).toBe(0);
  });

  it("never loses an increment among concurrent reports", async () => {
    const ind = await idOf("reemployment");
    await Promise.all(Array.from({ length: 25 }, (_, n) => plans.apply([{ indicatorId: ind.id, op: "add", value: 2 }], ctx(`c-${n}`))));
    expect((await idOf("reemployment")).value).toBe(ind.value! + 50);
    expect(await db.prisma.update.count({ where: { indicatorId: ind.id, kind: "add" } })).toBe(25);
  });

  it("undoes a batch with compensating rows, and refuses when someone changed it since", async () => {
    const ind = await idOf("hard-to-employ");
    await plans.apply([{ indicatorId: ind.id, op: "set", value: 580 }], ctx("u-1"));
    const undone = await plans.undo("u-1", ctx("u-2"));
    expect(undone.ok).toBe(true);
    const back = await idOf("hard-to-employ");
    expect(back.value).toBe(562);
    expect(back.printedPct).toBe("93.67");
    await plans.apply([{ indicatorId: ind.id, op: "set", value: 570 }], ctx("u-3"));
    await plans.apply([{ indicatorId: ind.id, op: "set", value: 575 }], { ...ctx("u-4"), memberId: "api:admin" });
    const refused = await plans.undo("u-3", ctx("u-5"));
    expect(refused.ok).toBe(false);
    expect((await idOf("hard-to-employ")).value).toBe(575);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("two instances starting together on PostgreSQL", () => {
  it("migrate and seed once between them", async () => {
    const { createApp } = await import("../src/app.js");
    const { loadConfig } = await import("../src/config.js");
    const target = testTargets.find((t) => t.name === "postgres")!;
    const created = await target.create();
    const config = loadConfig({ LOG_LEVEL: "silent" });
    try {
      const apps = await Promise.all([createApp(config, created.target), createApp(config, created.target)]);
      const [a] = apps;
      expect(await a!.db.prisma.plan.count()).toBe(1);
      const migrations = await a!.db.sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM "_prisma_migrations"`);
      expect(Number(migrations[0]!.n)).toBe((await readMigrations()).length);
      for (const app of apps) await app.close();
    } finally {
      await created.drop();
    }
  });
});
