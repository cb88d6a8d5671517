// The plan is data: the 专报's header names come from the configuration, and (below) a plan
// exported to Excel comes back as another year's plan that renders the same 专报.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { buildReport } from "../src/report/index.js";

describe("the 专报's header names", () => {
  let app: App;
  beforeAll(async () => {
    const env = { LOG_LEVEL: "silent", DUBAN_TODAY: "2025-04-20", DUBAN_ADMINS: "api:admin", DUBAN_ORG_NAME: "平江县民生实事", DUBAN_OFFICE_NAME: "县民生实事办公室" };
    app = await createApp(loadConfig(env), { dataDir: "memory://" });
  }, 120_000);
  afterAll(() => app?.close());

  it("come from DUBAN_ORG_NAME and DUBAN_OFFICE_NAME, in the CLI's report and the bot's", async () => {
    const text = String(await buildReport(app.reports, { format: "text" }));
    expect(text.split("\n").slice(0, 3)).toEqual(["平江县民生实事 工作专报", "2025年4月", "县民生实事办公室"]);
    const said = await app.bot.handle({ memberId: "api:admin", channel: "api", text: "工作专报" });
    expect(said.split("\n").slice(0, 3)).toEqual(["平江县民生实事 工作专报", "2025年4月", "县民生实事办公室"]);
  });

  it("default to today's names", () => {
    const c = loadConfig({});
    expect([c.DUBAN_ORG_NAME, c.DUBAN_OFFICE_NAME]).toEqual(["汨罗市民生补短提质攻坚", "市民生补短提质攻坚工作专班"]);
    expect(loadConfig({ DUBAN_ORG_NAME: " " }).DUBAN_ORG_NAME).toBe("汨罗市民生补短提质攻坚");
  });
});
