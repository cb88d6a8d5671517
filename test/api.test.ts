// The bot end to end through POST /api/chat on 127.0.0.1, on embedded PGlite and, when
// TEST_DATABASE_URL is set, on the PostgreSQL server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTargets } from "./helpers/databases.js";
import { startTestService, TOKEN, type TestService } from "./helpers/service.js";

describe.each(testTargets)("on $name", (db) => {
let svc: TestService;
let drop: () => Promise<void>;
beforeAll(async () => {
  const created = await db.create();
  drop = created.drop;
  svc = await startTestService(created.target);
  await svc.chat("admin", "绑定 api:rs 市人社局");
  await svc.chat("admin", "绑定 api:jy 市教育局");
  await svc.chat("admin", "绑定 api:xf 消防救援大队");
});
afterAll(async () => {
  await svc?.close();
  await drop?.();
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${svc.url}/api/chat`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("HTTP boundary", () => {
  it("is healthy once ready", async () => {
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
  });
  it("refuses a missing or wrong token", async () => {
    const none = await fetch(`${svc.url}/api/chat`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(none.status).toBe(401);
    const wrong = await post({ user: "a", text: "总体进度" }, { authorization: "Bearer nope" });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toContain("未授权");
  });
  it("answers 400 with a clear message for a malformed body", async () => {
    const bad = await post("{not json");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toContain("请求格式有误");
    const missing = await post({ user: "alice" });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toContain("text");
    const arr = await post([1, 2]);
    expect(arr.status).toBe(400);
  });
  it("cleans NUL, control bytes and lone surrogates from user and text instead of failing", async () => {
    // JSON.stringify writes a lone surrogate as \udXXX: exactly what a careless client sends
    const r = await post({ user: "nul\u0000user\ud800", text: "就业困难人员\u0000进度\udc00多少\u0007" });
    expect(r.status).toBe(200);
    expect((await r.json()).reply).toContain("93.67%");
    const report = await post({ user: "rs", text: "失业人员再就业又增加了\u00003人\ud83d" });
    expect(report.status).toBe(200);
    expect((await report.json()).reply).toContain("（增加 3 人）");
    expect(await svc.chat("rs", "撤销")).toContain("已撤销");
    const empty = await post({ user: "\u0000", text: "总体进度" });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error).toContain("user");
    const imported = await fetch(`${svc.url}/api/import/report`, {
      method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ text: "工作专报\u0000\ud800 没有数字", source: "专报\u0000\udfff" }),
    });
    expect(imported.status).toBe(200);
    expect((await imported.json()).figures).toEqual([]);
  });
});

describe("queries", () => {
  it("answers the full picture of one indicator", async () => {
    const r = await svc.chat("viewer1", "就业困难人员进度多少");
    for (const s of ["就业困难人员就业", "562 人", "600 人", "93.67%", "时序进度 33.33%", "超前", "市人社局", "2025-04-20"]) expect(r).toContain(s);
  });
  it("lists laggards by gap", async () => {
    const r = await svc.chat("viewer1", "哪些指标落后了");
    expect(r.indexOf("向阳花")).toBeLessThan(r.indexOf("无线感烟火灾探测报警器"));
    expect(r.indexOf("无线感烟火灾探测报警器")).toBeLessThan(r.indexOf("创业培训"));
    expect(r).not.toContain("职工医疗互助");
  });
  it("answers per unit, per section, overview and help", async () => {
    expect(await svc.chat("v", "市人社局的指标")).toContain("城镇新增就业");
    expect(await svc.chat("v", "就业方面的进度")).toContain("失业人员再就业");
    expect(await svc.chat("v", "总体进度")).toMatch(/落后 \d+ 项/);
    expect(await svc.chat("v", "帮助")).toContain("城镇新增就业 2400 人");
  });
  it("continues an ambiguous name with the number chosen", async () => {
    const ask = await svc.chat("v2", "新增就业");
    expect(ask).toContain("1. 城镇新增就业");
    const r = await svc.chat("v2", "2");
    expect(r).toContain("新增农村劳动力转移就业");
    expect(r).toContain("2363 人");
  });
});

describe("reports", () => {
  it("lets a reporter change its own unit's indicator and undo it", async () => {
    const r = await svc.chat("rs", "城镇新增就业 2400 人");
    expect(r).toContain("2230 人 → 2400 人");
    expect(r).toContain("40.00%");
    expect(await svc.chat("v", "城镇新增就业")).toContain("2400 人");
    const undo = await svc.chat("rs", "撤销");
    expect(undo).toContain("2400 人 → 2230 人");
    expect(await svc.chat("v", "城镇新增就业")).toContain("37.17%"); // the printed figure is back
    const history = await svc.chat("v", "城镇新增就业的填报记录");
    expect(history).toContain("已撤销");
  });

  it("refuses other units' indicators and viewers, saying why", async () => {
    expect(await svc.chat("jy", "就业困难人员就业 590 人")).toContain("由市人社局负责");
    expect(await svc.chat("nobody", "就业困难人员就业 590 人")).toContain("只读");
    expect(await svc.chat("v", "就业困难人员就业")).toContain("562 人");
    expect(await svc.chat("rs", "绑定 api:x 市人社局")).toContain("只有管理员");
  });

  it("holds a suspicious change until 确认, and 取消 drops it", async () => {
    const held = await svc.chat("rs", "创业培训 100 人");
    expect(held).toContain("170 人 → 100 人");
    expect(held).toContain("确认");
    expect(await svc.chat("v", "创业培训多少人")).toContain("170 人");
    expect(await svc.chat("rs", "取消")).toContain("已取消");
    expect(await svc.chat("rs", "确认")).toContain("没有待确认");
    const jump = await svc.chat("rs", "失业人员再就业 1.2万人");
    expect(jump).toContain("超过了全年目标");
    expect(await svc.chat("rs", "确认")).toContain("12000 人");
    await svc.chat("rs", "撤销");
  });

  it("takes increments and multi-line messages, all or nothing", async () => {
    const inc = await svc.chat("xf", "烟感报警器又装了95个");
    expect(inc).toContain("605 个 → 700 个");
    const bad = await svc.chat("admin", "城镇新增就业 2500 人\n就业困难人员就业 很多 人");
    expect(bad).toContain("未做任何修改");
    expect(await svc.chat("v", "城镇新增就业")).toContain("2230 人");
    const both = await svc.chat("admin", "城镇新增就业 2500 人\n就业困难人员就业 600 人");
    expect(both).toContain("2230 人 → 2500 人");
    expect(both).toContain("562 人 → 600 人");
    expect(await svc.chat("admin", "撤销")).toContain("2500 人 → 2230 人");
    expect(await svc.chat("v", "就业困难人员就业")).toContain("562 人");
  });

  it("refuses impossible figures with what to type instead", async () => {
    expect(await svc.chat("admin", "城镇新增就业 -5 人")).toContain("不能为负");
    expect(await svc.chat("admin", "城镇新增就业 40%")).toContain("不是百分比");
    expect(await svc.chat("admin", "数字惠民工程 3个")).toContain("按文字填报");
    expect(await svc.chat("admin", "城镇新增就业 2400 人\n城镇新增就业 2500 人")).toContain("出现了两次");
    expect(await svc.chat("v", "城镇新增就业")).toContain("2230 人");
    expect(await svc.chat("admin", "城镇调查失业率 5.8%")).toContain("未达标");
    expect(await svc.chat("admin", "撤销")).toContain("5.8% → 4.7%");
  });

  it("takes a text note for a qualitative item", async () => {
    expect(await svc.chat("admin", "数字惠民工程：已完成测试工作，下月上线")).toContain("已更新");
    expect(await svc.chat("v", "数字惠民工程进展")).toContain("已完成测试工作，下月上线");
  });

  it("lets an admin edit lead unit, deadline and aliases, kept in the history", async () => {
    expect(await svc.chat("rs", "设置牵头单位 充电桩 市住建局")).toContain("只有管理员");
    expect(await svc.chat("admin", "设置牵头单位 充电桩 市住建局")).toContain("由市发改局改为市住建局");
    expect(await svc.chat("v", "充电桩")).toContain("牵头单位：市住建局");
    expect(await svc.chat("admin", "设置期限 烟感报警器 10月31日")).toContain("2025-10-31");
    expect(await svc.chat("v", "烟感报警器进度")).toContain("时序进度 40.00%");
    expect(await svc.chat("admin", "设置期限 烟感报警器 某天")).toContain("不是日期");
    expect(await svc.chat("admin", "添加别名 补充配置电脑 学生电脑")).toContain("已为");
    expect(await svc.chat("v", "学生电脑多少台")).toContain("补充配置电脑");
    expect(await svc.chat("v", "充电桩的填报记录")).toContain("市发改局 → 市住建局");
  });

  it("sends the laggards chart as a PNG and the report as a Word file", async () => {
    const chart = await post({ user: "v", text: "落后指标图" });
    const c = (await chart.json()) as { reply: string; image: { name: string; png: string } };
    expect(c.reply).toContain("落后指标图");
    expect(Buffer.from(c.image.png, "base64").subarray(1, 4).toString()).toBe("PNG");
    const doc = (await (await post({ user: "v", text: "生成本月专报" })).json()) as { reply: string; file: { name: string; data: string } };
    expect(doc.reply).toContain("【工作进度】");
    expect(doc.reply).toContain("(一)省级十大重点民生实事");
    expect(doc.file.name).toMatch(/\.docx$/);
    expect(Buffer.from(doc.file.data, "base64").subarray(0, 2).toString()).toBe("PK");
    expect(await svc.chat("v", "本月进度摘要")).toContain("【本月进度摘要】");
  });

  it("never loses a report when many arrive at once", async () => {
    const before = await svc.app.plans.catalog();
    const start = before.indicators.find((i) => i.code === "reemployment")!.value!;
    const replies = await Promise.all(Array.from({ length: 20 }, () => svc.chat("rs", "失业人员再就业又增加了1人")));
    for (const r of replies) expect(r).toContain("已更新");
    const after = await svc.app.plans.catalog();
    expect(after.indicators.find((i) => i.code === "reemployment")!.value).toBe(start + 20);
  });
});
});
