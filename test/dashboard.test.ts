// The dashboard in headless Chromium (Debian's package, driven by playwright-core): it loads,
// shows the seeded numbers, filters, highlights laggards, draws a history, and a screenshot
// is written to test-output/. .ci/run installs Chromium and requires this test to run.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestService, TOKEN, type TestService } from "./helpers/service.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available && process.env.DUBAN_REQUIRE_BROWSER) throw new Error(`Chromium not found at ${CHROMIUM}`);

describe.runIf(available)("dashboard in Chromium", () => {
  let svc: TestService;
  let browser: Browser;
  beforeAll(async () => {
    svc = await startTestService({ dataDir: "memory://" });
    await svc.chat("admin", "城镇新增就业 2400 人");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.close();
  });

  it("asks for the token, then shows the seeded numbers, filters and a history chart", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } }); // a phone
    await page.goto(`${svc.url}/`);
    await page.waitForSelector("#login:not(.hidden)");
    await page.fill("#token", "wrong-token");
    await page.click("#login-form button");
    await page.waitForFunction(() => document.getElementById("login-error")!.textContent!.includes("令牌不对"));

    await page.goto(`${svc.url}/?token=${TOKEN}`);
    await page.waitForSelector(".ind");
    const body = await page.textContent("#list");
    expect(body).toContain("就业困难人员就业");
    expect(body).toContain("562 人 / 600 人，完成 93.67%，时序 33.33%");
    expect(body).toContain("2400 人 / 6000 人，完成 40.00%");
    expect(await page.textContent("#sub")).toContain("截至 2025-04-20");
    const behind = await page.$$eval(".ind.behind .name span:first-child", (els) => els.map((e) => e.textContent));
    expect(behind.join()).toContain("创业培训");
    expect(behind.join()).toContain("无线感烟火灾探测报警器");

    await page.selectOption("#section", "E");
    const employment = await page.textContent("#list");
    expect(employment).toContain("失业人员再就业");
    expect(employment).not.toContain("补充配置电脑");
    await page.check("#onlyBehind");
    expect(await page.$$eval(".ind", (els) => els.length)).toBe(1);
    await page.uncheck("#onlyBehind");
    await page.selectOption("#section", "");
    await page.selectOption("#unit", "市教育局");
    expect(await page.$$eval(".ind", (els) => els.length)).toBe(3);
    await page.selectOption("#unit", "");

    await page.click(".ind[data-code='urban-jobs']");
    await page.waitForFunction(() => document.getElementById("chart-title")!.textContent!.includes("城镇新增就业"));
    await page.waitForSelector("#chart canvas");
    expect(await page.textContent("#feed")).toContain("城镇新增就业：2230 人 → 2400 人");
    await mkdir("test-output", { recursive: true });
    await page.screenshot({ path: "test-output/dashboard.png", fullPage: true });
    const wide = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await wide.goto(`${svc.url}/?token=${TOKEN}`);
    await wide.waitForSelector(".ind");
    await wide.click(".ind[data-code='urban-jobs']");
    await wide.waitForSelector("#chart canvas");
    await wide.screenshot({ path: "test-output/dashboard-wide.png" });
  });

  it("serves the laggards chart as a PNG, behind the token", async () => {
    expect((await fetch(`${svc.url}/api/charts/laggards.png`)).status).toBe(401);
    const res = await fetch(`${svc.url}/api/charts/laggards.png`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.headers.get("content-type")).toBe("image/png");
    const png = Buffer.from(await res.arrayBuffer());
    expect(png.subarray(1, 4).toString()).toBe("PNG");
  });
});
