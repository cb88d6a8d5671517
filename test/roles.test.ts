// DUBAN_DEFAULT_ROLE=none: a member nobody bound is refused with what to do, until an admin binds them.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestService, type TestService } from "./helpers/service.js";

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ dataDir: "memory://" }, { DUBAN_DEFAULT_ROLE: "none" });
});
afterAll(async () => svc?.close());

it("refuses unbound members and tells them how to get access", async () => {
  const r = await svc.chat("stranger", "总体进度");
  expect(r).toContain("api:stranger");
  expect(r).toContain("绑定");
  expect(await svc.chat("admin", "绑定 api:stranger 查看")).toContain("只读用户");
  expect(await svc.chat("stranger", "总体进度")).toContain("总体进度");
  expect(await svc.chat("stranger", "城镇新增就业 2400 人")).toContain("只读");
  expect(await svc.chat("stranger", "我是谁")).toContain("只读用户");
});

it("rejects a malformed member id or unknown unit when binding", async () => {
  expect(await svc.chat("admin", "绑定 zhangsan 市人社局")).toContain("格式不对");
  expect(await svc.chat("admin", "绑定 wecom:zhangsan 市外星局")).toContain("没有找到单位");
});
