// What the store reads back from JSON and free-text columns is checked, not cast: a value that
// breaks the shape never passes as a typed one. Data that decides what is due or who may do what
// (a schedule, a role) is refused with an error naming the row; data with a safe default (a
// reminder setting, a robot's @-mentions, an audit detail) falls back to it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plan2025 } from "../src/catalog/plan2025.js";
import { seedPlan } from "../src/store/seed.js";
import { Prisma } from "../src/generated/prisma/client.js";
import { DEFAULT_SETTINGS } from "../src/domain/reminder-settings.js";
import { AuditStore } from "../src/store/audit-store.js";
import { openDatabase, type Database } from "../src/store/database.js";
import { MemberStore } from "../src/store/member-store.js";
import { migrate } from "../src/store/migrator.js";
import { PlanStore } from "../src/store/plan-store.js";
import { DEFAULT_RETRY_POLICY, ReminderStore } from "../src/store/reminder-store.js";
import { testTargets } from "./helpers/databases.js";

describe.each(testTargets)("on $name", (target) => {
  let db: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await target.create();
    drop = created.drop;
    db = await openDatabase(created.target);
    await migrate(db.sql);
    await seedPlan(db.prisma, plan2025);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it("keeps each valid reminder setting and drops a broken one for its default", async () => {
    const store = new ReminderStore(db.prisma);
    await db.prisma.setting.upsert({ where: { key: "reminders" }, create: { key: "reminders", value: { fillDay: "abc", fillTime: "10:00" } }, update: { value: { fillDay: "abc", fillTime: "10:00" } } });
    expect(await store.settings()).toEqual({ ...DEFAULT_SETTINGS, fillTime: "10:00" });
    // a change on top of a broken row keeps the valid part and writes a clean row
    expect(await store.updateSettings({ digestWeekday: 3 })).toEqual({ ...DEFAULT_SETTINGS, fillTime: "10:00", digestWeekday: 3 });
  });

  it("reads settings that are not an object as the defaults", async () => {
    const store = new ReminderStore(db.prisma);
    await db.prisma.setting.update({ where: { key: "reminders" }, data: { value: "garbage" } });
    expect(await store.settings()).toEqual(DEFAULT_SETTINGS);
  });

  it("refuses a schedule of the wrong shape, naming the indicator", async () => {
    const plans = new PlanStore(db, 2025);
    const row = await db.prisma.indicator.findFirstOrThrow({ orderBy: { id: "asc" } });
    await db.prisma.indicator.update({ where: { id: row.id }, data: { schedule: { deadline: 20250531 } } });
    await expect(plans.catalog()).rejects.toThrow(row.code);
    await db.prisma.indicator.update({ where: { id: row.id }, data: { schedule: row.schedule ?? Prisma.DbNull } });
  });

  it("refuses an indicator kind or comparator it does not know, naming the indicator", async () => {
    const plans = new PlanStore(db, 2025);
    const row = await db.prisma.indicator.findFirstOrThrow({ orderBy: { id: "desc" } });
    await db.prisma.indicator.update({ where: { id: row.id }, data: { kind: "percent" } });
    await expect(plans.catalog()).rejects.toThrow(row.code);
    await db.prisma.indicator.update({ where: { id: row.id }, data: { kind: row.kind, comparator: "eq" } });
    await expect(plans.catalog()).rejects.toThrow(row.code);
    await db.prisma.indicator.update({ where: { id: row.id }, data: { comparator: row.comparator } });
    expect((await plans.catalog()).indicators.at(-1)!.kind).toBe(row.kind);
  });

  it("refuses a member whose stored role is none of admin, reporter, viewer", async () => {
    const members = new MemberStore(db.prisma);
    await db.prisma.member.create({ data: { id: "api:odd", role: "superuser" } });
    await expect(members.get("api:odd")).rejects.toThrow("api:odd");
    await db.prisma.member.delete({ where: { id: "api:odd" } });
  });

  it("reads @-mentions that are not a list of ids as none", async () => {
    const store = new ReminderStore(db.prisma);
    const now = new Date("2025-04-25T01:00:00Z");
    const claim = await store.claim({ recipient: "g", kind: "fill", period: "2025-04", unit: null, body: "b", mentions: ["zhangsan"] }, "a", now, DEFAULT_RETRY_POLICY);
    await store.finish(claim!, "a", { status: "failed", error: "x", ambiguous: false }, now, DEFAULT_RETRY_POLICY);
    await db.prisma.reminderLog.update({ where: { id: claim!.id }, data: { mentions: [1, 2] } });
    const later = new Date(now.getTime() + DEFAULT_RETRY_POLICY.capMs);
    const again = await store.take(claim!.id, "b", later, DEFAULT_RETRY_POLICY);
    expect(again?.mentions).toEqual([]);
  });

  it("leaves out an audit detail that is not an object", async () => {
    const audit = new AuditStore(db.prisma);
    await db.prisma.auditEvent.create({ data: { actor: "api", channel: "api", action: "import", detail: [1, 2], at: new Date() } });
    await audit.record({ actor: "api", channel: "api", action: "import", detail: { file: "x.txt" }, at: new Date() });
    const rows = await audit.recent(2);
    expect(rows.map((r) => r.detail)).toEqual([{ file: "x.txt" }, undefined]);
  });
});
