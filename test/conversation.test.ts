// Conversation state that must never change a figure silently: 撤销 while a change waits, notes
// that travel with a report, status texts that show old → new and can be undone, and refusals
// that speak of people, not ids.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestService, TOKEN, type TestService } from "./helpers/service.js";

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ dataDir: "memory://" });
  await svc.chat("admin", "绑定 api:rs1 市人社局");
  await svc.chat("admin", "绑定 api:rs2 市人社局");
});
afterAll(async () => svc?.close());

const value = (name: string) => svc.value(name);

async function statusText(name: string): Promise<string> {
  return svc.chat("viewer", `${name}进展`);
}

describe("撤销 while a change waits for 确认", () => {
  it("cancels the waiting change, says so, and leaves the earlier report in place", async () => {
    expect(await svc.chat("rs1", "城镇新增就业 2400 人")).toContain("已更新");
    const held = await svc.chat("rs1", "城镇新增就业 2300 人");
    expect(held).toContain("确认");
    const r = await svc.chat("rs1", "撤销");
    expect(r).toContain("已取消");
    expect(r).toContain("城镇新增就业");
    expect(await value("城镇新增就业")).toBe(2400);
    // the held change is gone: 确认 now has nothing to apply
    expect(await svc.chat("rs1", "确认")).toContain("没有待确认");
    expect(await value("城镇新增就业")).toBe(2400);
    // and the earlier report can still be undone on purpose
    expect(await svc.chat("rs1", "撤销")).toContain("已撤销");
    expect(await value("城镇新增就业")).toBe(2230);
  });

  it("a new report while a change waits says the waiting one was dropped", async () => {
    expect(await svc.chat("rs1", "创业培训 100 人")).toContain("确认");
    const r = await svc.chat("rs1", "职业技能培训 320 人");
    expect(r).toContain("已更新");
    expect(r).toContain("待确认");
    expect(r).toContain("创业培训");
    expect(await svc.chat("rs1", "确认")).toContain("没有待确认");
    expect(await value("创业培训")).toBe(170);
  });
});

describe("notes travel with the report", () => {
  it("keeps 备注 in the 填报记录, the dashboard feed and the Excel export", async () => {
    const r = await svc.chat("rs1", "新增农村劳动力转移就业 2400人，备注：含4月上旬数据");
    expect(r).toContain("已更新");
    expect(r).toContain("含4月上旬数据");
    expect(await value("新增农村劳动力转移就业")).toBe(2400);
    expect(await svc.chat("viewer", "新增农村劳动力转移就业的填报记录")).toContain("含4月上旬数据");
    const feed = await fetch(`${svc.url}/api/dashboard`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((x) => x.json() as Promise<{ updates: { name: string; text: string }[] }>);
    expect(feed.updates.find((u) => u.name === "新增农村劳动力转移就业")?.text).toContain("含4月上旬数据");
    const xlsx = await fetch(`${svc.url}/api/export.xlsx`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const sheet = wb.getWorksheet("填报记录");
    expect(sheet).toBeDefined();
    const cells: string[] = [];
    sheet!.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells).toContain("含4月上旬数据");
  });
});

describe("status texts", () => {
  it("shows old → new and can be undone", async () => {
    expect(await svc.chat("admin", "数字惠民工程：已完成测试工作，5月上线")).toContain("已更新");
    const r = await svc.chat("admin", "数字惠民工程：已完成上线试运行");
    expect(r).toContain("已完成测试工作，5月上线");
    expect(r).toContain("已完成上线试运行");
    expect(r).toMatch(/→/);
    const undone = await svc.chat("admin", "撤销");
    expect(undone).toContain("已撤销");
    expect(undone).toContain("已完成测试工作，5月上线");
    expect(await statusText("数字惠民工程")).toContain("已完成测试工作，5月上线");
  });

  it("asks about a text that says nothing about progress instead of storing it", async () => {
    const before = await statusText("数字惠民工程");
    const r = await svc.chat("admin", "数字惠民工程那个事情处理一下");
    expect(r).not.toContain("已更新");
    expect(await statusText("数字惠民工程")).toBe(before);
    // told what to send instead
    expect(r).toMatch(/进展/);
  });
});

describe("undo refusals", () => {
  it("never shows a member id, and undoing twice walks back through one's own reports", async () => {
    expect(await svc.chat("rs1", "就业困难人员就业 570 人")).toContain("已更新");
    expect(await svc.chat("rs1", "就业困难人员就业 580 人")).toContain("已更新");
    expect(await svc.chat("rs1", "撤销")).toContain("已撤销");
    expect(await value("就业困难人员就业")).toBe(570);
    const again = await svc.chat("rs1", "撤销");
    expect(again).not.toContain("api:");
    expect(again).toContain("已撤销");
    expect(await value("就业困难人员就业")).toBe(562);
  });

  it("names the other person by unit and role when someone else changed the figure since", async () => {
    expect(await svc.chat("rs1", "就业困难人员就业 575 人")).toContain("已更新");
    expect(await svc.chat("rs2", "就业困难人员就业 578 人")).toContain("已更新");
    const r = await svc.chat("rs1", "撤销");
    expect(r).toContain("无法撤销");
    expect(r).not.toContain("api:");
    expect(r).toContain("市人社局");
    expect(await value("就业困难人员就业")).toBe(578);
  });
});
