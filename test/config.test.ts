import { describe, expect, it } from "vitest";
import { clockFrom } from "../src/clock.js";
import { loadConfig } from "../src/config.js";

describe("configuration", () => {
  it("has working defaults", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, DUBAN_DEFAULT_ROLE: "viewer", DUBAN_SCHEDULE_BASIS: "monthly", TELEGRAM_MODE: "polling", WECOM_ROBOT_KEYS: {} });
  });
  it("parses lists and robot keys", () => {
    const c = loadConfig({ DUBAN_ADMINS: "api:alice, wecom:zhangsan", WECOM_ROBOT_KEYS: "市人社局=k1，市教育局=k2" });
    expect(c.DUBAN_ADMINS).toEqual(["api:alice", "wecom:zhangsan"]);
    expect(c.WECOM_ROBOT_KEYS).toEqual({ 市人社局: "k1", 市教育局: "k2" });
  });
  it("says what is wrong in Chinese", () => {
    expect(() => loadConfig({ DUBAN_TODAY: "2025-13-01" })).toThrow(/DUBAN_TODAY: “2025-13-01”不是有效日期：月份应在 01 到 12 之间，请写成 YYYY-MM-DD/);
    expect(() => loadConfig({ DUBAN_TODAY: "2025-02-30" })).toThrow(/2025 年 2 月只有 28 天/);
    expect(() => loadConfig({ WECOM_CORP_ID: "ww1" })).toThrow(/WECOM_TOKEN/);
    expect(() => loadConfig({ WECOM_AES_KEY: "short" })).toThrow(/43/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: "1:x", TELEGRAM_MODE: "webhook" })).toThrow(/TELEGRAM_SECRET_TOKEN/);
  });
  it("fixes the day for the whole process with DUBAN_TODAY, and not when it is empty", () => {
    expect(clockFrom(loadConfig({ DUBAN_TODAY: "2025-04-20" })).today()).toBe("2025-04-20");
    expect(loadConfig({ DUBAN_TODAY: "" }).DUBAN_TODAY).toBeUndefined();
  });
});
