// The eval's scorer (scripts/eval-scorer.ts) is strict: a stand-in bot that answers every message
// with the whole 工作专报, or with one fixed card, or with the right card while storing nothing,
// fails; the real bot passes the same cases.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indicatorRows } from "../src/catalog/listing.js";
import { indicatorDetail } from "../src/bot/render.js";
import { loadConfig, reportNames } from "../src/config.js";
import { progressReport, reportText } from "../src/report/render.js";
import { ADMIN, aboutProblems, categoryTable, expectedValues, messagesIn, scoreQuery, scoreScenario, storedProblems, summaryLine, tallyByCategory, type EvalTarget, type IndicatorRow, type QueryCase, type Scenario } from "../scripts/eval-scorer.js";
import { catalog2025 } from "./helpers/catalog.js";
import { startTestService, TOKEN, type TestService } from "./helpers/service.js";

const catalog = catalog2025();
const ctx = { date: "2025-04-20", planYear: 2025, basis: "monthly" as const };
const rows: IndicatorRow[] = indicatorRows(catalog);
const card = (name: string) => indicatorDetail(catalog.indicators.find((i) => i.name === name)!, ctx);
const wholeReport = reportText(progressReport(catalog, { ...reportNames(loadConfig({})), issue: "第3期", date: "2025-04-20" }));

async function ownCases<T>(file: string): Promise<T[]> {
  const text = await readFile(path.resolve("eval", file), "utf8");
  return text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
}

/** Cases written like ../shared/eval's, so this test does not depend on where that folder is. */
const QUERIES: QueryCase[] = [
  { text: "就业困难人员进度多少", all: ["562", "93.67"], about: "就业困难人员就业" },
  { text: "职工医疗互助", all: ["16275"], about: "职工医疗互助" },
  { text: "落后的有哪些", all: ["创业培训"], none: ["职工医疗互助"] },
];
const SCENARIO: Scenario = {
  name: "admin-updates",
  steps: [
    { as: "admin", text: "城镇新增就业 2500 人" },
    { as: "viewer", text: "城镇新增就业", all: ["2500", "41.67"], about: "城镇新增就业" },
  ],
};

/** Says `answer` to everything, stores nothing. */
const parrot = (answer: (text: string) => string): EvalTarget => ({ chat: async (_u, text) => answer(text), indicators: async () => rows });

describe("the eval scorer against stand-in bots", () => {
  it("fails a bot that answers every message with the whole report, on every case", async () => {
    const bot = parrot(() => wholeReport);
    const queries = [...QUERIES, ...(await ownCases<QueryCase>("queries.jsonl"))];
    const scenarios = [SCENARIO, ...(await ownCases<Scenario>("scenarios.jsonl"))];
    expect(queries.length).toBeGreaterThan(20);
    const passedQueries = [];
    for (const q of queries) if ((await scoreQuery(bot, q, rows)).length === 0) passedQueries.push(q.text);
    expect(passedQueries).toEqual([]);
    const passedScenarios = [];
    for (const sc of scenarios) if ((await scoreScenario(bot, sc)).length === 0) passedScenarios.push(sc.name);
    expect(passedScenarios).toEqual([]);
  });

  it("fails a bot that answers with one fixed card on every case about another indicator, and every scenario", async () => {
    const bot = parrot(() => card("城镇新增就业"));
    const queries = [...QUERIES, ...(await ownCases<QueryCase>("queries.jsonl"))].filter((q) => q.about && q.about !== "城镇新增就业");
    expect(queries.length).toBeGreaterThan(10);
    for (const q of queries) expect((await scoreQuery(bot, q, rows)).join(), q.text).toContain("首个标题应为");
    const passedScenarios = [];
    for (const sc of await ownCases<Scenario>("scenarios.jsonl")) if ((await scoreScenario(bot, sc)).length === 0) passedScenarios.push(sc.name);
    expect(passedScenarios).toEqual([]);
  });

  it("fails a bot that shows the right card but a second one too", async () => {
    const problems = aboutProblems(`${card("就业困难人员就业")}\n\n${card("城镇新增就业")}`, "就业困难人员就业", rows);
    expect(problems).toEqual(["不应出现其他标题：【城镇新增就业】"]);
    expect(aboutProblems(card("就业困难人员就业"), "就业困难人员就业", rows)).toEqual([]);
    expect(aboutProblems(card("就业困难人员就业"), "no-such-indicator", rows)).toEqual([expect.stringContaining("不是目录里的指标")]);
  });

  it("fails a bot that answers with the right figures but stores nothing", async () => {
    // it echoes what the case wants to see, so only the stored values can tell
    const bot = parrot((text) => (text === "城镇新增就业" ? card("城镇新增就业").replace("2230 人", "2500 人").replace("37.17%", "41.67%") : "✅ 已更新"));
    const failures = await scoreScenario(bot, SCENARIO);
    expect(failures).toEqual(["存储的“城镇新增就业”应为 2500，实为 2230"]);
  });

  it("derives stored values from the last step about each indicator, or takes the scenario's expect", () => {
    const derived = expectedValues(
      { name: "x", steps: [{ as: "admin", text: "城镇新增就业 2500 人" }, { as: "viewer", text: "q", all: ["2400"], about: "城镇新增就业" }, { as: "viewer", text: "q", all: ["2500", "41.67"], about: "urban-jobs" }, { as: "viewer", text: "q", all: ["超前"], about: "创业培训" }] },
      rows,
    );
    expect([...derived.values]).toEqual([["urban-jobs", 2500]]);
    const explicit = expectedValues({ name: "y", steps: [], expect: { 创业培训: 100, "urban-jobs": 2230, 不存在的指标: 1 } }, rows);
    expect([...explicit.values]).toEqual([["startup-training", 100], ["urban-jobs", 2230]]);
    expect(explicit.problems).toEqual(["expect 里的“不存在的指标”不是目录里的指标名称或编号"]);
  });

  it("flags a change to an indicator the scenario does not expect to change", () => {
    const after = rows.map((r) => (r.code === "startup-training" ? { ...r, value: 100 } : r));
    expect(storedProblems(rows, after, new Map())).toEqual(["存储的“创业培训”应为 170，实为 100"]);
    expect(storedProblems(rows, after, new Map([["startup-training", 100]]))).toEqual([]);
  });

  it("tallies passed/total cases and messages by category, in the listed order, unknown ones after", () => {
    const sc: Scenario = { name: "s", cat: "report", steps: [SCENARIO.steps[0]!, SCENARIO.steps[1]!, SCENARIO.steps[1]!] };
    expect(messagesIn(QUERIES[0]!)).toBe(1);
    expect(messagesIn(sc)).toBe(3);
    const rows = tallyByCategory([
      { cat: "report", passed: true, messages: 3 },
      { cat: "query", passed: false, messages: 1 },
      { cat: "query", passed: true, messages: 1 },
      { cat: "reprot", passed: false, messages: 2 },
      { passed: true, messages: 1 },
      { cat: "report", passed: false, messages: 2 },
    ]);
    expect(rows).toEqual([
      { cat: "query", passed: 1, total: 2, messages: 2 },
      { cat: "report", passed: 1, total: 2, messages: 5 },
      { cat: "(none)", passed: 1, total: 1, messages: 1 },
      { cat: "reprot", passed: 0, total: 1, messages: 2 },
      { cat: "total", passed: 3, total: 6, messages: 10 },
    ]);
    expect(categoryTable("t", rows).split("\n")).toContain("| report | 1/2 | 50% | 5 |");
    expect(tallyByCategory([])).toEqual([{ cat: "total", passed: 0, total: 0, messages: 0 }]);
  });

  it("prints the summary line the eval ends with", () => {
    expect(summaryLine(41, 2)).toBe("41 passed, 2 failed");
  });
});

describe("the eval scorer against the real bot", () => {
  let svc: TestService;
  let target: EvalTarget;
  beforeAll(async () => {
    svc = await startTestService({ dataDir: "memory://" }, { DUBAN_ADMINS: `api:${ADMIN}` });
    target = {
      chat: (user, text) => svc.chat(user, text),
      async indicators() {
        const res = await fetch(`${svc.url}/api/indicators`, { headers: { authorization: `Bearer ${TOKEN}` } });
        return ((await res.json()) as { indicators: IndicatorRow[] }).indicators;
      },
    };
  });
  afterAll(async () => svc?.close());

  it("passes the same queries and scenario", async () => {
    const live = await target.indicators();
    for (const q of QUERIES) expect(await scoreQuery(target, q, live), q.text).toEqual([]);
    expect(await scoreScenario(target, SCENARIO)).toEqual([]);
  });
});
