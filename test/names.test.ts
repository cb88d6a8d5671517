// People are shown by their names: set by an admin (绑定 … 张三, 设置姓名, POST /api/members) or
// by themselves (我叫张三), and used wherever a reply, a record or the Excel export names someone.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestService, TOKEN, type TestService } from "./helpers/service.js";

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ dataDir: "memory://" });
});
afterAll(async () => svc?.close());

const storedName = async (id: string) => (await svc.app.members.get(id))?.name;

const postMember = (body: unknown) =>
  fetch(`${svc.url}/api/members`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("an admin names people", () => {
  it("binds with a name after the unit, with or without a role word, and the role word still works alone", async () => {
    const a = await svc.chat("admin", "绑定 api:xf1 市人社局 张三");
    expect(a).toContain("张三（api:xf1）");
    expect(a).toContain("填报员");
    const b = await svc.chat("admin", "绑定 api:xf2 市人社局 填报员 李四");
    expect(b).toContain("李四（api:xf2）");
    expect(await svc.chat("admin", "绑定 api:boss2 管理员")).toContain("管理员");
    expect((await svc.app.members.get("api:boss2"))?.role).toBe("admin");
    expect(await storedName("api:xf1")).toBe("张三");
    expect(await storedName("api:xf2")).toBe("李四");
    // binding again without a name keeps the name
    await svc.chat("admin", "绑定 api:xf1 市人社局");
    expect(await storedName("api:xf1")).toBe("张三");
  });

  it("sets a name with 设置姓名, 修改姓名 or 设置名字", async () => {
    await svc.chat("admin", "绑定 api:xf3 市人社局");
    expect(await svc.chat("admin", "设置姓名 api:xf3 王五")).toBe("已把 api:xf3 的姓名设为 王五。");
    expect(await svc.chat("admin", "修改姓名 api:xf3 王五一")).toBe("已把 api:xf3 的姓名设为 王五一。");
    expect(await svc.chat("admin", "设置名字 api:xf3 王五")).toBe("已把 api:xf3 的姓名设为 王五。");
    expect(await storedName("api:xf3")).toBe("王五");
  });

  it("refuses a non-admin naming someone else, in one sentence, and changes nothing", async () => {
    const r = await svc.chat("xf2", "设置姓名 api:xf1 赵六");
    expect(r).toContain("管理员");
    expect(r.split("\n")).toHaveLength(1);
    expect(await storedName("api:xf1")).toBe("张三");
  });

  it("refuses names that are empty of letters, too long or look like an id, and keeps the old name", async () => {
    for (const bad of ["！！！", "……", "张".repeat(21)]) {
      const r = await svc.chat("admin", `设置姓名 api:xf3 ${bad}`);
      expect(r, bad).toContain("姓名");
      expect(r, bad).not.toContain("已把");
    }
    expect(await svc.chat("admin", "设置姓名 api:xf3")).not.toContain("已把");
    expect(await storedName("api:xf3")).toBe("王五");
  });

  it("asks to bind first when the member does not exist", async () => {
    const r = await svc.chat("admin", "设置姓名 wecom:nobody 张三");
    expect(r).toContain("绑定 wecom:nobody");
    expect(await svc.app.members.get("wecom:nobody")).toBeUndefined();
  });
});

describe("members name themselves", () => {
  it("我叫 and 我的姓名 set one's own name, shown by 我是谁", async () => {
    await svc.chat("admin", "绑定 api:xf4 市人社局");
    expect(await svc.chat("xf4", "我是谁")).toMatch(/^您是 api:xf4，身份/);
    expect(await svc.chat("xf4", "我叫孙七")).toContain("孙七");
    expect(await svc.chat("xf4", "我是谁")).toMatch(/^您是 孙七（api:xf4），身份：市人社局填报员/);
    await svc.chat("xf4", "我的姓名 周八");
    expect(await storedName("api:xf4")).toBe("周八");
    // 设置姓名 with one's own id is allowed too
    expect(await svc.chat("xf4", "设置姓名 api:xf4 孙七")).toContain("孙七");
    expect(await storedName("api:xf4")).toBe("孙七");
  });
});

describe("names are used wherever someone is named", () => {
  it("the undo refusal, the 填报记录 and the Excel sheet name the person", async () => {
    expect(await svc.chat("xf1", "就业困难人员就业 575 人")).toContain("已更新");
    expect(await svc.chat("xf2", "就业困难人员就业 578 人")).toContain("已更新");
    const r = await svc.chat("xf1", "撤销");
    expect(r).toContain("无法撤销");
    expect(r).toContain("已被李四修改过");
    const history = await svc.chat("viewer", "就业困难人员就业的填报记录");
    expect(history).toContain("李四");
    expect(history).toContain("张三");
    expect(await svc.chat("viewer", "就业困难人员就业进度多少")).toContain("李四");
    const xlsx = await fetch(`${svc.url}/api/export.xlsx`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const cells: string[] = [];
    wb.getWorksheet("填报记录")!.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells.some((c) => c.includes("李四"))).toBe(true);
  });
});

describe("POST /api/members", () => {
  it("takes an optional name and refuses a bad one", async () => {
    const ok = await postMember({ member: "wecom:qianjiu", role: "reporter", unit: "市人社局", name: " 钱九 " });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { member: { name: string } }).member.name).toBe("钱九");
    expect(await storedName("wecom:qianjiu")).toBe("钱九");
    const bad = await postMember({ member: "wecom:qianjiu", role: "reporter", unit: "市人社局", name: "？？" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain("姓名");
    const without = await postMember({ member: "wecom:qianjiu", role: "viewer" });
    expect(((await without.json()) as { member: { name: string } }).member.name).toBe("钱九");
  });
});
