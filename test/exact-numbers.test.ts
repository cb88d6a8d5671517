// Figures stay exactly what people wrote (8.61 万人, 1.2 亿元, 63.8 人) through rounding, unit
// conversion, set, add, undo, import and the migration of old double columns. The reference
// below is plain BigInt arithmetic on decimal text, independent of the decimal library.
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plan2025 } from "../src/catalog/plan2025.js";
import { seedPlan } from "../src/store/seed.js";
import { addExact, ceilTo, formatNumber, formatPct, roundTo, scaleExact, toIndicatorUnit } from "../src/domain/numbers.js";
import { openDatabase, type Database } from "../src/store/database.js";
import { MIGRATIONS_DIR, migrate, readMigrations } from "../src/store/migrator.js";
import { PlanStore } from "../src/store/plan-store.js";
import { testTargets } from "./helpers/databases.js";
import { startTestService, TOKEN, type TestService } from "./helpers/service.js";

// ---- reference: decimal text as (integer units, scale), with BigInt only ----

interface Dec {
  n: bigint;
  scale: number;
}

function parseDec(text: string): Dec {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!m) throw new Error(`not a decimal: ${text}`);
  const frac = m[3] ?? "";
  const scale = frac.length - Number(m[4] ?? 0);
  const digits = BigInt(`${m[2]}${frac}`) * (scale < 0 ? 10n ** BigInt(-scale) : 1n);
  return { n: m[1] ? -digits : digits, scale: Math.max(scale, 0) };
}

/** Canonical text: no exponent, no trailing zeros, "0" for zero (what numeric::text shows for it). */
function decText({ n, scale }: Dec): string {
  const neg = n < 0n;
  const s = (neg ? -n : n).toString().padStart(scale + 1, "0");
  const int = s.slice(0, s.length - scale);
  const frac = s.slice(s.length - scale).replace(/0+$/, "");
  return `${neg && n !== 0n ? "-" : ""}${int}${frac ? `.${frac}` : ""}`;
}

const canonical = (text: string) => decText(parseDec(text));

function rescale(d: Dec, scale: number): bigint {
  return scale >= d.scale ? d.n * 10n ** BigInt(scale - d.scale) : d.n;
}

function sumRef(texts: string[]): string {
  const ds = texts.map(parseDec);
  const scale = Math.max(0, ...ds.map((d) => d.scale));
  return decText({ n: ds.reduce((acc, d) => acc + rescale(d, scale), 0n), scale });
}

/** Multiplies by 10^k (k may be negative) by moving the point. */
function shiftRef(text: string, k: number): string {
  const d = parseDec(text);
  return k >= 0 ? decText({ n: d.n * 10n ** BigInt(k), scale: d.scale }) : decText({ n: d.n, scale: d.scale - k });
}

/** Half away from zero at `places`, on the number's shortest round-trip digits; the rounded text. */
function roundRef(x: number, places: number): string {
  const d = parseDec(String(x));
  if (d.scale <= places) return decText(d);
  const div = 10n ** BigInt(d.scale - places);
  const abs = d.n < 0n ? -d.n : d.n;
  const q = abs / div + (2n * (abs % div) >= div ? 1n : 0n);
  return decText({ n: d.n < 0n ? -q : q, scale: places });
}

const roundRefNumber = (x: number, places: number) => {
  const text = roundRef(x, places);
  // a negative that rounds to zero stays -0, as Math.round-style rounding of a negative does
  return text === "0" && (x < 0 || Object.is(x, -0)) ? -0 : Number(text);
};

/** Non-negative decimals with up to 4 fractional digits and magnitudes up to 1e12, as canonical text. */
const decimalText = fc
  .oneof(
    { weight: 1, arbitrary: fc.constantFrom("8.61", "1.2", "63.8", "0.7", "0.0001", "999999999999.9999", "549755813888.0003", "0") },
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 4 }), fc.bigInt({ min: 0n, max: 9999n }))
        .map(([int, scale, frac]) => decText({ n: int * 10n ** BigInt(scale) + (frac % 10n ** BigInt(scale)), scale })),
    },
  )
  .filter((t) => parseDec(t).n <= 10n ** 12n * 10n ** BigInt(parseDec(t).scale));

/** Those a double holds exactly: up to 15 significant digits (the figures people type). */
const significant = (t: string) => parseDec(t).n.toString().replace(/^0+/, "").length;
const doubleSafeText = decimalText.filter((t) => significant(t) <= 15);

const anyDouble = fc.double({ noNaN: true, noDefaultInfinity: true });

// ---- pure ----

describe("rounding and formatting every finite double", () => {
  it("rounds the edge cases exactly, half away from zero", () => {
    expect(roundTo(1e-7, 2)).toBe(0);
    expect(roundTo(1e21, 2)).toBe(1e21);
    expect(roundTo(1.5e300, 4)).toBe(1.5e300);
    expect(Object.is(roundTo(-0, 2), -0)).toBe(true);
    expect(roundTo(5e-324, 2)).toBe(0);
    expect(roundTo(0.1 + 0.2, 2)).toBe(0.3);
    expect(roundTo(93.665, 2)).toBe(93.67);
    expect(roundTo(-93.665, 2)).toBe(-93.67);
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(2.5, 0)).toBe(3);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(1.23456789e-5, 8)).toBe(0.00001235);
  });

  it("formats without exponent, rounding noise or -0", () => {
    expect(formatNumber(1e21)).toBe("1000000000000000000000");
    expect(formatNumber(1e-7)).toBe("0");
    expect(formatNumber(1e-7, 8)).toBe("0.0000001");
    expect(formatNumber(-0)).toBe("0");
    expect(formatNumber(-1e-7)).toBe("0");
    expect(formatNumber(5e-324)).toBe("0");
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
    expect(formatNumber(8.61)).toBe("8.61");
    expect(formatNumber(12000)).toBe("12000");
    expect(formatNumber(63.8)).toBe("63.8");
    expect(formatPct(93.665)).toBe("93.67%");
    expect(formatPct(-0.001)).toBe("0.00%");
    expect(formatPct(1e21)).toBe("1000000000000000000000.00%");
  });

  it("rounds up a shortfall without NaN and without counting double noise", () => {
    expect(ceilTo(6.67, 0)).toBe(7);
    expect(ceilTo(6.000000000001, 0)).toBe(6);
    expect(ceilTo(600 * (4 / 12) - 194, 0)).toBe(6);
    expect(ceilTo(1e-9, 2)).toBe(0);
    expect(ceilTo(1e-7, 2)).toBe(0.01);
    expect(ceilTo(1e21, 0)).toBe(1e21);
    expect(ceilTo(0.123456, 2)).toBe(0.13);
  });

  it("roundTo agrees with the BigInt reference for every finite double", () => {
    fc.assert(
      fc.property(anyDouble, fc.integer({ min: 0, max: 12 }), (x, places) => {
        expect(roundTo(x, places)).toBe(roundRefNumber(x, places));
      }),
      { numRuns: 3000 },
    );
  });

  it("formatNumber agrees with the BigInt reference for every finite double", () => {
    fc.assert(
      fc.property(anyDouble, fc.integer({ min: 0, max: 12 }), (x, places) => {
        expect(formatNumber(x, places)).toBe(roundRef(x, places).replace(/^-0$/, "0"));
      }),
      { numRuns: 3000 },
    );
  });

  it("roundTo breaks ties at the written digits away from zero, as the reference does", () => {
    // a figure with a 5 appended (93.665, 1.005, 0.125), rounded just before the 5
    const tie = decimalText.filter((t) => significant(t) <= 14).map((t) => `${t}${t.includes(".") ? "" : "."}5`);
    fc.assert(
      fc.property(tie, fc.boolean(), (t, negative) => {
        const x = negative ? -Number(t) : Number(t);
        const places = t.length - t.indexOf(".") - 2;
        expect(roundTo(x, places)).toBe(roundRefNumber(x, places));
        expect(Math.abs(roundTo(x, places))).toBeGreaterThan(Math.abs(x));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("unit conversion and sums in decimal arithmetic", () => {
  const q = (number: number, magnitude: string, unit: string) => ({ number, magnitude, unit, percent: false });

  it("converts the figures of the issue exactly", () => {
    expect(toIndicatorUnit(q(8.61, "万", "人"), "人")).toBe(86100);
    expect(toIndicatorUnit(q(86100, "", "人"), "万人")).toBe(8.61);
    expect(toIndicatorUnit(q(1.2, "亿", "元"), "万元")).toBe(12000);
    expect(toIndicatorUnit(q(7000, "", "元"), "万元")).toBe(0.7);
    expect(toIndicatorUnit(q(63.8, "", "人"), "万人")).toBe(0.00638);
    expect(toIndicatorUnit(q(1, "", "元"), "亿元")).toBe(1e-8);
    expect(toIndicatorUnit(q(0.3, "", "元"), "万元")).toBe(0.00003);
    expect(addExact(0.1, 0.2)).toBe(0.3);
    expect(addExact(8.61, 0.01)).toBe(8.62);
  });

  it("万/亿/千 and the base unit convert there and back exactly (decimal, any size)", () => {
    const factors = [1, 1e3, 1e4, 1e8];
    const places = new Map([[1, 0], [1e3, 3], [1e4, 4], [1e8, 8]]);
    fc.assert(
      fc.property(decimalText, fc.constantFrom(...factors), fc.constantFrom(...factors), (t, from, to) => {
        const there = scaleExact(t, from, to);
        expect(there.toFixed()).toBe(shiftRef(t, places.get(from)! - places.get(to)!));
        expect(scaleExact(there.toFixed(), to, from).toFixed()).toBe(t);
      }),
      { numRuns: 2000 },
    );
  });

  it("toIndicatorUnit gives the double of the exact result, and converts back to the same number", () => {
    // written magnitude, the indicator's magnitude, measure word, powers of ten between them
    const pairs: [string, string, string, number][] = [
      ["亿", "万", "元", 4], ["万", "", "人", 4], ["", "万", "人", -4], ["", "亿", "元", -8], ["千", "万", "元", -1], ["万", "亿", "元", -4],
    ];
    fc.assert(
      fc.property(doubleSafeText, fc.constantFrom(...pairs), (t, [written, own, base, shift]) => {
        const got = toIndicatorUnit(q(Number(t), written, base), own + base);
        expect(got).toBe(Number(shiftRef(t, shift)));
        expect(toIndicatorUnit(q(got, own, base), written + base)).toBe(Number(t));
      }),
      { numRuns: 2000 },
    );
  });

  it("a sum of numbers is the exact decimal sum", () => {
    fc.assert(
      // below 1e10 each, so every running total of up to 8 still fits a double's 15 digits
      fc.property(fc.array(doubleSafeText.filter((t) => parseDec(t).n < 10n ** BigInt(10 + parseDec(t).scale)), { minLength: 1, maxLength: 8 }), (texts) => {
        const total = texts.reduce((acc, t) => addExact(acc, Number(t)), 0);
        expect(total).toBe(Number(sumRef(texts)));
      }),
      { numRuns: 1000 },
    );
  });
});

// ---- storage, on PGlite and PostgreSQL ----

describe.each(testTargets)("exact figures stored on $name", (target) => {
  let db: Database;
  let drop: () => Promise<void>;
  let plans: PlanStore;
  let batch = 0;
  const ctx = () => ({ memberId: "api:admin", channel: "api", source: "test", batchId: `x-${++batch}` });
  const byCode = async (code: string) => (await plans.catalog()).indicators.find((i) => i.code === code)!;
  const textOf = async (id: number) =>
    (await db.sql.query<{ value: string | null }>(`SELECT "value"::text AS value FROM "Indicator" WHERE id = ${id}`))[0]!.value;

  beforeAll(async () => {
    const created = await target.create();
    drop = created.drop;
    db = await openDatabase(created.target);
    await migrate(db.sql);
    expect(await seedPlan(db.prisma, plan2025)).toBe(true);
    await db.prisma.member.create({ data: { id: "api:admin", role: "admin" } });
    plans = new PlanStore(db, 2025);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it("keeps value, target and the update's old and new values as numeric", async () => {
    const rows = await db.sql.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE (table_name, column_name) IN (('Indicator','value'), ('Indicator','target'), ('Update','oldValue'), ('Update','newValue'))
       ORDER BY table_name, column_name`,
    );
    expect(rows.map((r) => `${r.table_name}.${r.column_name} ${r.data_type}`)).toEqual([
      "Indicator.target numeric", "Indicator.value numeric", "Update.newValue numeric", "Update.oldValue numeric",
    ]);
  });

  it("seeds the plan's figures and targets digit for digit", async () => {
    const rows = await db.sql.query<{ code: string; value: string | null; target: string | null }>(
      `SELECT code, "value"::text AS value, "target"::text AS target FROM "Indicator"`,
    );
    const doctor = rows.find((r) => r.code === "family-doctor-contracts")!;
    expect(doctor.value).toBe("8.61");
    expect(rows.find((r) => r.code === "pension-paid")!.value).toBe("1.66");
    const catalog = await plans.catalog();
    for (const r of rows) {
      const i = catalog.indicators.find((x) => x.code === r.code)!;
      expect(r.value === null ? null : Number(r.value)).toBe(i.value);
      expect(r.target === null ? null : Number(r.target)).toBe(i.target);
      expect(r.value).toBe(i.value === null ? null : canonical(String(i.value)));
    }
  });

  it("reads back exactly what was set, as text or as a number", async () => {
    const ind = await byCode("startup-loans");
    await fc.assert(
      fc.asyncProperty(decimalText, async (t) => {
        const [applied] = await plans.apply([{ indicatorId: ind.id, op: "set", value: t }], ctx());
        expect(await textOf(ind.id)).toBe(t);
        expect(applied!.newValue).toBe(Number(t));
        expect((await byCode("startup-loans")).value).toBe(Number(t));
      }),
      { numRuns: 40 },
    );
    await fc.assert(
      fc.asyncProperty(doubleSafeText, async (t) => {
        await plans.apply([{ indicatorId: ind.id, op: "set", value: Number(t) }], ctx());
        expect(await textOf(ind.id)).toBe(t);
      }),
      { numRuns: 40 },
    );
  });

  it("a sequence of adds equals the exact decimal sum", async () => {
    const ind = await byCode("family-doctor-contracts");
    await fc.assert(
      fc.asyncProperty(decimalText, fc.array(fc.oneof(decimalText, doubleSafeText.map(Number)), { minLength: 1, maxLength: 5 }), async (start, adds) => {
        await plans.apply([{ indicatorId: ind.id, op: "set", value: start }], ctx());
        for (const a of adds) await plans.apply([{ indicatorId: ind.id, op: "add", value: a }], ctx());
        const expected = sumRef([start, ...adds.map(String)]);
        expect(await textOf(ind.id)).toBe(expected);
        expect((await byCode("family-doctor-contracts")).value).toBe(Number(expected));
      }),
      { numRuns: 15 },
    );
    // the sums of the issue, as the bot passes them (numbers)
    await plans.apply([{ indicatorId: ind.id, op: "set", value: 0.1 }], ctx());
    const [applied] = await plans.apply([{ indicatorId: ind.id, op: "add", value: 0.2 }], ctx());
    expect(applied!.newValue).toBe(0.3);
    expect(await textOf(ind.id)).toBe("0.3");
  });

  it("undo restores exactly the previous value, in the indicator and in the history", async () => {
    const ind = await byCode("pension-insured");
    await fc.assert(
      fc.asyncProperty(decimalText, decimalText, fc.boolean(), async (before, change, add) => {
        await plans.apply([{ indicatorId: ind.id, op: "set", value: before }], ctx());
        const c = ctx();
        await plans.apply([{ indicatorId: ind.id, op: add ? "add" : "set", value: change }], c);
        expect(await textOf(ind.id)).toBe(add ? sumRef([before, change]) : change);
        const undone = await plans.undo(c.batchId, ctx());
        expect(undone.ok).toBe(true);
        expect(await textOf(ind.id)).toBe(before);
        const [row] = await db.sql.query<{ newValue: string }>(
          `SELECT "newValue"::text AS "newValue" FROM "Update" WHERE "indicatorId" = ${ind.id} ORDER BY id DESC LIMIT 1`,
        );
        expect(row!.newValue).toBe(before);
        expect((await plans.history(ind.id, 1))[0]!.newValue).toBe(Number(before));
      }),
      { numRuns: 15 },
    );
  });

  it("imports a report's figures and derived target exactly", async () => {
    const ind = await byCode("pension-paid");
    await db.prisma.indicator.update({ where: { id: ind.id }, data: { target: null } });
    await plans.importFigures([{ indicatorId: ind.id, value: 1.2, printedPct: null, target: 63.8 }], ctx());
    expect(await textOf(ind.id)).toBe("1.2");
    const [row] = await db.sql.query<{ target: string }>(`SELECT "target"::text AS target FROM "Indicator" WHERE id = ${ind.id}`);
    expect(row!.target).toBe("63.8");
    expect((await byCode("pension-paid")).target).toBe(63.8);
  });

  it("refuses a value that is not a finite number, writing nothing", async () => {
    const ind = await byCode("startup-loans");
    const before = await textOf(ind.id);
    await expect(plans.apply([{ indicatorId: ind.id, op: "set", value: Number.NaN }], ctx())).rejects.toThrow("数值无效");
    await expect(plans.apply([{ indicatorId: ind.id, op: "add", value: Number.POSITIVE_INFINITY }], ctx())).rejects.toThrow("数值无效");
    expect(await textOf(ind.id)).toBe(before);
  });
});

describe.each(testTargets)("migrating double columns on $name", (target) => {
  let db: Database;
  let drop: () => Promise<void>;
  let oldDir: string;

  beforeAll(async () => {
    const created = await target.create();
    drop = created.drop;
    db = await openDatabase(created.target);
    oldDir = await mkdtemp(path.join(tmpdir(), "duban-migrations-"));
    const all = await readMigrations();
    const before = all.filter((m) => m.name < "20261130120000");
    for (const m of before) await cp(path.join(MIGRATIONS_DIR, m.name), path.join(oldDir, m.name), { recursive: true });
    expect(await migrate(db.sql, oldDir)).toEqual(before.map((m) => m.name));
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
    if (oldDir) await rm(oldDir, { recursive: true, force: true });
  });

  it("turns each double into the decimal its shortest text shows", async () => {
    const doubles = [8.61, 1.2, 63.8, 0.30000000000000004, 12345678901234.567, 1e21, 5e-324, 2230, null];
    await db.sql.exec(`INSERT INTO "Plan" (year, title) VALUES (2025, 't');
      INSERT INTO "Unit" (name, aliases) VALUES ('u', '{}');`);
    let n = 0;
    for (const d of doubles) {
      const lit = d === null ? "NULL" : `${d}::float8`;
      await db.sql.exec(`INSERT INTO "Indicator" ("planId", code, name, aliases, kind, unit, target, value, "unitId")
        SELECT p.id, 'c${n}', 'n${n}', '{}', 'figure', '人', ${lit}, ${lit}, u.id FROM "Plan" p, "Unit" u;
        INSERT INTO "Update" ("indicatorId", channel, kind, "oldValue", "newValue")
        SELECT id, 'seed', 'seed', ${lit}, ${lit} FROM "Indicator" WHERE code = 'c${n}';`);
      n++;
    }
    expect((await migrate(db.sql)).length).toBeGreaterThan(0);
    const rows = await db.sql.query<{ code: string; value: string | null; target: string | null; old: string | null; new: string | null }>(
      `SELECT i.code, i."value"::text AS value, i."target"::text AS target, u."oldValue"::text AS old, u."newValue"::text AS new
       FROM "Indicator" i JOIN "Update" u ON u."indicatorId" = i.id ORDER BY i.id`,
    );
    expect(rows).toHaveLength(doubles.length);
    rows.forEach((r, k) => {
      const d = doubles[k]!;
      const want = d === null ? null : canonical(String(d));
      expect([r.value, r.target, r.old, r.new]).toEqual([want, want, want, want]);
      // and each reads back as the very same double
      if (d !== null) expect(Number(r.value)).toBe(d);
    });
    expect(rows[0]!.value).toBe("8.61");
  });
});

// ---- every reader still gets plain numbers ----

describe("readers outside the store", () => {
  let svc: TestService;
  const get = async <T>(p: string) => (await (await fetch(`${svc.url}${p}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as T;

  beforeAll(async () => {
    svc = await startTestService({ dataDir: "memory://" });
  });
  afterAll(async () => {
    await svc?.close();
  });

  it("get numbers from the API and the dashboard, and a report with a magnitude lands exactly", async () => {
    const reply = await svc.chat("admin", "新发放创业担保贷款 1.2亿元");
    expect(reply).toContain("12000 万元");
    const api = await get<{ indicators: { code: string; value: unknown; target: unknown }[] }>("/api/indicators");
    expect(api.indicators.every((i) => (i.value === null || typeof i.value === "number") && (i.target === null || typeof i.target === "number"))).toBe(true);
    expect(api.indicators.find((i) => i.code === "family-doctor-contracts")!.value).toBe(8.61);
    const loans = api.indicators.find((i) => i.code === "startup-loans")!;
    const history = await get<{ points: { value: unknown }[] }>("/api/indicators/startup-loans/history");
    expect(history.points.length).toBeGreaterThan(0);
    expect(history.points.every((p) => typeof p.value === "number")).toBe(true);
    // past the annual target (about 8000 万元), so it waits for 确认
    expect(reply).toContain("确认");
    expect(loans.value).toBe(6850);
    expect(await svc.chat("admin", "确认")).toContain("已更新");
    const [row] = await svc.app.db.sql.query<{ value: string }>(`SELECT "value"::text AS value FROM "Indicator" WHERE code = 'startup-loans'`);
    expect(row!.value).toBe("12000");
    const after = await get<{ indicators: { code: string; value: unknown }[] }>("/api/indicators");
    expect(after.indicators.find((i) => i.code === "startup-loans")!.value).toBe(12000);
  });
});
