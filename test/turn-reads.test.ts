// What a turn costs the database, and that the catalogue each instance keeps in memory is never
// stale: a change committed through one instance (or by hand in SQL) shows in the next answer of
// the other, on embedded PGlite (two apps over one database) and on PostgreSQL (two pools).
import { PGlite } from "@electric-sql/pglite";
import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseTarget } from "../src/store/database.js";
import { testTargets } from "./helpers/databases.js";
import { startTestService, type TestService } from "./helpers/service.js";

const running: TestService[] = [];
const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
  for (const d of drops.splice(0)) await d();
});

async function twoInstances(name: string): Promise<[TestService, TestService]> {
  const made = await testTargets.find((t) => t.name === name)!.create();
  drops.push(made.drop);
  // two apps on one PGlite share its handle: each has its own Prisma client and its own cache
  const target: DatabaseTarget = name === "pglite" ? { pglite: await PGlite.create("memory://") } : made.target;
  const a = await startTestService(target);
  running.push(a);
  const b = await startTestService(target);
  running.push(b);
  return [a, b];
}

describe.each(testTargets.map((t) => t.name))("the catalogue kept in memory, on %s", (name) => {
  it("answers with what the other instance committed: figures, names, aliases, owners, edits in SQL", { timeout: 120_000 }, async () => {
    const [a, b] = await twoInstances(name);
    expect(await a.chat("viewer", "城镇新增就业进度多少")).toContain("当前：2230 人");
    await b.chat("admin", "绑定 api:r1 市人社局 填报员");
    expect(await b.chat("r1", "城镇新增就业 2400 人")).toContain("已更新");
    const after = await a.chat("viewer", "城镇新增就业进度多少");
    expect(after).toContain("当前：2400 人");
    expect(after).toContain("（api:r1）");
    // the reporter's name set on the other instance: the remembered 最后更新 line follows
    await b.chat("admin", "设置姓名 api:r1 张三");
    expect(await a.chat("viewer", "城镇新增就业进度多少")).toContain("（张三）");
    // a new alias and a new owner, set through b, are understood and shown by a
    expect(await a.chat("viewer", "甲乙丙丁进度多少")).not.toContain("当前：2400 人");
    await b.chat("admin", "添加别名 城镇新增就业 甲乙丙丁");
    expect(await a.chat("viewer", "甲乙丙丁进度多少")).toContain("当前：2400 人");
    await b.chat("admin", "设置牵头单位 城镇新增就业 市教育局");
    expect(await a.chat("viewer", "城镇新增就业进度多少")).toContain("牵头单位：市教育局");
    // a figure and a target written by hand, without the service: the triggers see them too
    await b.app.db.prisma.$executeRaw`UPDATE "Indicator" SET "value" = 2500 WHERE "code" = 'urban-jobs'`;
    expect(await a.chat("viewer", "城镇新增就业进度多少")).toContain("当前：2500 人");
    await b.app.db.prisma.$executeRaw`UPDATE "Indicator" SET "target" = 10000 WHERE "code" = 'urban-jobs'`;
    expect(await a.chat("viewer", "城镇新增就业进度多少")).toContain("全年目标：10000 人");
    // a unit's new alias, written by hand: the Unit trigger bumps the revision too
    expect(await a.chat("viewer", "甲乙局的指标")).not.toContain("失业人员再就业");
    await b.app.db.prisma.$executeRaw`UPDATE "Unit" SET "aliases" = array_append("aliases", '甲乙局') WHERE "name" = '市人社局'`;
    expect(await a.chat("viewer", "甲乙局的指标")).toContain("失业人员再就业");
  });

  it("never loses an increment when two instances report on one indicator and others at once", { timeout: 120_000 }, async () => {
    const [a, b] = await twoInstances(name);
    await a.chat("admin", "绑定 api:r1 市人社局 填报员");
    await a.chat("admin", "绑定 api:r2 市教育局 填报员");
    const hot = Array.from({ length: 30 }, (_, n) => (n % 2 ? a : b).chat("r1", "城镇新增就业新增 2 人"));
    const cold = Array.from({ length: 10 }, (_, n) => (n % 2 ? b : a).chat("r2", "补充配置电脑新增 3 台"));
    const replies = await Promise.all([...hot, ...cold]);
    expect(replies.filter((r) => r.includes("已更新"))).toHaveLength(40);
    expect(await b.value("城镇新增就业")).toBe(2230 + 60);
    expect(await a.value("补充配置电脑")).toBe(1200 + 30);
    const rows = await a.app.db.prisma.update.count({ where: { indicator: { code: "urban-jobs" }, kind: "add" } });
    expect(rows).toBe(30);
  });
});

describe("what a turn costs the database (PGlite)", () => {
  it("a question is one statement; a report on /api/chat is two, with no transaction", { timeout: 60_000 }, async () => {
    const db = await PGlite.create("memory://");
    const calls: string[] = [];
    let counting = false;
    // every way a driver reaches PGlite: a statement, a script, a transaction
    const seen = (method: string, what: unknown) => counting && calls.push(`${method}: ${String(what).slice(0, 60)}`);
    const { query, exec, transaction } = { query: db.query.bind(db), exec: db.exec.bind(db), transaction: db.transaction.bind(db) };
    db.query = (sql, ...rest) => (seen("query", sql), query(sql, ...rest));
    db.exec = (sql, ...rest) => (seen("exec", sql), exec(sql, ...rest));
    db.transaction = (fn) => (seen("transaction", ""), transaction(fn));
    const svc = await startTestService({ pglite: db });
    running.push(svc);
    await svc.chat("admin", "绑定 api:r1 市人社局 填报员");
    await svc.chat("viewer", "就业困难人员进度多少"); // the first turn loads the structure
    const cost = async (user: string, text: string) => {
      calls.length = 0;
      counting = true;
      const reply = await svc.chat(user, text);
      counting = false;
      return { reply, calls: [...calls] };
    };
    const question = await cost("viewer", "就业困难人员进度多少");
    expect(question.reply).toContain("93.67%");
    expect(question.calls).toHaveLength(1);
    const report = await cost("r1", "城镇新增就业 2300 人");
    expect(report.reply).toContain("已更新");
    expect(report.calls).toHaveLength(2);
    expect(report.calls.some((c) => c.startsWith("transaction"))).toBe(false);
    // the next question reads the new figures in its one statement, and who changed it once
    const next = await cost("viewer", "城镇新增就业进度多少");
    expect(next.reply).toContain("当前：2300 人");
    expect(next.calls).toHaveLength(2);
    expect((await cost("viewer", "城镇新增就业进度多少")).calls).toHaveLength(1);
  });
});
