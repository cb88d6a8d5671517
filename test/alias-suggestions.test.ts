// A phrasing a member picked an indicator for becomes an alias suggestion: stored (so it outlives
// the instance), noted on an admin's next reply, listed, approved through the edit path or rejected.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { optionOf, startTestService, type TestService } from "./helpers/service.js";

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ dataDir: "memory://" });
  await svc.chat("admin", "绑定 api:rs 市人社局");
});
afterAll(async () => svc?.close());

const value = (name: string) => svc.value(name);

describe("alias suggestions", () => {
  it("offers the phrase picked from a choice, and an approved one names the indicator from then on", async () => {
    const ask = await svc.chat("rs", "新增就业 2500 人");
    expect(ask).toContain("请回复序号");
    expect(await svc.chat("rs", optionOf(ask, "城镇新增就业"))).toContain("已更新");
    expect(await value("城镇新增就业")).toBe(2500);
    // noted once on an admin's next reply
    expect(await svc.chat("admin", "城镇新增就业进度")).toContain("别名建议");
    expect(await svc.chat("admin", "城镇新增就业进度")).not.toContain("别名建议");
    const list = await svc.chat("admin", "别名建议");
    expect(list).toContain("1. “新增就业” → 城镇新增就业");
    // a reporter may not decide
    expect(await svc.chat("rs", "采纳别名 1")).toContain("只有管理员");
    expect(await svc.chat("admin", "采纳别名 1")).toContain("已采纳");
    expect(await svc.chat("admin", "别名建议")).toContain("没有待处理");
    expect(await svc.chat("rs", "新增就业 2600 人")).toContain("已更新");
    expect(await value("城镇新增就业")).toBe(2600);
  });

  it("a rejected suggestion adds nothing", async () => {
    const ask = await svc.chat("rs", "培训 300人");
    expect(ask).toContain("请回复序号");
    await svc.chat("rs", optionOf(ask, "职业技能培训"));
    expect(await svc.chat("admin", "别名建议")).toContain("“培训” → 职业技能培训");
    expect(await svc.chat("admin", "忽略别名 1")).toContain("已忽略");
    expect(await svc.chat("admin", "别名建议")).toContain("没有待处理");
    expect(await svc.chat("rs", "培训 320人")).toContain("请回复序号");
    expect(await svc.chat("admin", "采纳别名 1")).toContain("没有待处理");
  });

  it("删除别名 takes an alias away", async () => {
    expect(await svc.chat("admin", "删除别名 城镇新增就业 新增就业")).toContain("已删除");
    expect(await svc.chat("rs", "新增就业 2700 人")).toContain("请回复序号");
    expect(await svc.chat("admin", "删除别名 城镇新增就业 不存在的名字")).toContain("没有别名");
    expect(await svc.chat("rs", "删除别名 城镇新增就业 城镇就业")).toContain("只有管理员");
    expect(await value("城镇新增就业")).toBe(2600);
  });
});
