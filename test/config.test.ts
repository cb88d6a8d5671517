import { describe, expect, it } from "vitest";
import { loadConfig, todayIn } from "../src/config.js";

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
    expect(() => loadConfig({ DUBAN_TODAY: "2025-13-01" })).toThrow(/DUBAN_TODAY/);
    expect(() => loadConfig({ WECOM_CORP_ID: "ww1" })).toThrow(/WECOM_TOKEN/);
    expect(() => loadConfig({ WECOM_AES_KEY: "short" })).toThrow(/43/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: "1:x", TELEGRAM_MODE: "webhook" })).toThrow(/TELEGRAM_SECRET_TOKEN/);
  });
  it("takes today in Asia/Shanghai whatever the server's zone", () => {
    expect(todayIn({}, new Date("2025-04-20T17:00:00Z"))).toBe("2025-04-21");
    expect(todayIn({ DUBAN_TODAY: "2025-04-20" })).toBe("2025-04-20");
  });
});
