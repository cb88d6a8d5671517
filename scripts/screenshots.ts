// Screenshots of the dashboard for the README: a service like the tests' (in-memory PGlite,
// DUBAN_TODAY 2025-04-20) with a few reports so the ranking and the feed have something to show,
// opened in Chromium at desktop (1280) and phone (390) width with an indicator's history open.
// Writes docs/dashboard-desktop.png, docs/dashboard-phone.png and docs/dashboard-phone-ranking.png. Run: npm run screenshots
import { mkdir } from "node:fs/promises";
import { chromium, type Page } from "playwright-core";
import { startTestService } from "../test/helpers/service.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const svc = await startTestService({ dataDir: "memory://" });
try {
  await svc.chat("admin", "绑定 api:rs1 市人社局");
  await svc.chat("admin", "绑定 api:jy1 市教育局");
  await svc.chat("admin", "绑定 api:sj1 市数据局");
  await svc.chat("admin", "设置姓名 api:rs1 李娜");
  await svc.chat("admin", "我叫王芳");
  await svc.chat("rs1", "城镇新增就业 2400 人，备注：含4月上旬数据");
  await svc.chat("rs1", "创业培训 190 人");
  await svc.chat("jy1", "补充配置电脑 1300 台");
  await svc.chat("sj1", "数字惠民工程：已完成测试工作，5月上线");

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  await mkdir("docs", { recursive: true });
  const open = async (width: number, height: number): Promise<Page> => {
    // signed in as people are: the link the bot sends for 看板
    const link = /http:\/\/\S+\/login\/\S+/.exec(await svc.chat("admin", "看板"))![0];
    const page = await (await browser.newContext({ viewport: { width, height } })).newPage();
    await page.goto(link);
    await page.waitForURL(`${svc.url}/`);
    await page.waitForSelector(".ind");
    return page;
  };

  const desktop = await open(1280, 1500);
  await desktop.click(".ind[data-code='urban-jobs']");
  await desktop.waitForSelector("#chart canvas");
  await desktop.screenshot({ path: "docs/dashboard-desktop.png" });

  // the phone: what the screen shows after tapping a row, its chart right under it
  const phone = await open(390, 844);
  await phone.selectOption("#section", "E");
  await phone.click(".ind[data-code='startup-training']");
  await phone.waitForSelector(".chart-card.in-list #chart canvas");
  await phone.screenshot({ path: "docs/dashboard-phone.png" });
  // further down on the phone: the unit ranking and who has not reported
  const ranking = await open(390, 844);
  await ranking.locator("#ranking").scrollIntoViewIfNeeded();
  await ranking.evaluate(() => document.getElementById("ranking")!.closest(".card")!.scrollIntoView({ block: "start" }));
  await ranking.screenshot({ path: "docs/dashboard-phone-ranking.png" });
  await browser.close();
  console.log("已写入 docs/dashboard-desktop.png、docs/dashboard-phone.png 和 docs/dashboard-phone-ranking.png");
} finally {
  await svc.close();
}
