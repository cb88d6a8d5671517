// Importing a 工作专报 never rolls a newer figure back: each figure stands as of the report's
// date; one older than the indicator's latest update goes into history only. Imported figures
// get the checks chat reports get (held unless forced), and a figure printed in another unit
// than the indicator's is refused.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../src/app.js";
import { plan2025 } from "../src/catalog/plan2025.js";
import { seedPlan } from "../src/store/seed.js";
import type { PlanSection } from "../src/catalog/types.js";
import { loadConfig } from "../src/config.js";
import { unitProblem } from "../src/report/import.js";
import { describeImport, importReportText, type FigureOutcome } from "../src/report/index.js";
import { shanghaiDateTime, shanghaiInstant } from "../src/shanghai.js";

const SEED_REPORT = process.env.DUBAN_SEED_REPORT ?? path.resolve("..", "shared", "seed", "000_054569d9a1a13617.txt");

const outcome = (r: { outcomes: FigureOutcome[] }, code: string) => r.outcomes.find((o) => o.code === code)!;

describe("the printed unit against the indicator's", () => {
  it("converts through 万/亿 and refuses another measure or a % for a count", () => {
    expect(unitProblem({ unit: "元", percent: false, raw: "3.2233万元" }, "元")).toBeNull();
    expect(unitProblem({ unit: "元", percent: false, raw: "1.2亿元" }, "万元")).toBeNull();
    expect(unitProblem({ unit: "", percent: false, raw: "1200" }, "台")).toBeNull();
    expect(unitProblem({ unit: "μg/m3", percent: false, raw: "28μg/m3" }, "μg/m³")).toBeNull();
    expect(unitProblem({ unit: "人", percent: false, raw: "32233人" }, "万元")).toBe("专报写的是“32233人”，单位不符（指标单位是 万元）");
    expect(unitProblem({ unit: "人", percent: false, raw: "32233人" }, "%")).toBe("专报写的是“32233人”，不是百分比（指标单位是 %）");
    expect(unitProblem({ unit: "%", percent: true, raw: "99%" }, "人")).toBe("专报写的是“99%”，是百分比（指标单位是 人）");
    expect(unitProblem({ unit: "人次", percent: false, raw: "2770人次" }, "人")).not.toBeNull();
    expect(unitProblem({ unit: "人次", percent: false, raw: "2770人次" }, "人次")).toBeNull();
  });
});

describe("importing a report after newer chat reports", () => {
  let app: App;
  let text: string;
  let t = shanghaiInstant("2025-04-21", "10:00").getTime();
  const clock = { now: () => new Date((t += 1000)), today: () => "2025-04-21" };
  const chat = (line: string) => app.bot.handle({ memberId: "api:admin", channel: "api", text: line });
  const current = async (code: string) => (await app.plans.catalog()).indicators.find((i) => i.code === code)!;

  beforeAll(async () => {
    text = await readFile(SEED_REPORT, "utf8");
    app = await createApp(loadConfig({ LOG_LEVEL: "silent", DUBAN_ADMINS: "api:admin" }), { dataDir: "memory://" }, clock);
  });
  afterAll(async () => app?.close());

  it("leaves the newer value and records the report's figure in history, per figure in the dry run", async () => {
    expect(await chat("城镇新增就业 2500 人")).toContain("2230 人 → 2500 人");
    const dry = await importReportText(app.reports, text, false, "第3期.txt");
    expect(dry.asOf).toBe("2025-04-20");
    expect(outcome(dry, "urban-jobs")).toMatchObject({ action: "history", value: 2230, newer: { date: "2025-04-21", value: 2500 } });
    expect(outcome(dry, "school-computers")).toMatchObject({ action: "same" });
    const lines = describeImport(dry, false).split("\n");
    expect(lines).toContain("~ 城镇新增就业：2230 人，完成全年任务的 37.17%，只记入历史：2025-04-21 已有更新的数字 2500 人，当前值不变");
    expect(lines).toContain("  补充配置电脑：1200 台，完成全年任务的 35.14%（不变）");
    expect(lines.at(-1)).toBe("将写入 0 项，只记入历史 1 项，暂缓 0 项，单位不符未写入 0 项。加 --apply 执行。");

    const applied = await importReportText(app.reports, text, true, "第3期.txt");
    expect(applied.applied).toBe(true);
    const jobs = await current("urban-jobs");
    expect(jobs.value).toBe(2500);
    expect(shanghaiDateTime(jobs.updatedAt!)).toBe("2025-04-21 10:00");
    const history = await app.plans.history(jobs.id, 5);
    expect(history.map((h) => h.kind)).toEqual(["set", "import-history", "seed"]); // newest first, by date
    expect(history[1]).toMatchObject({ kind: "import-history", oldValue: 2230, newValue: 2230, source: "第3期.txt" });
    expect(history[1]!.at.toISOString()).toBe(shanghaiInstant("2025-04-20").toISOString()); // dated by the report
    const listed = (await chat("城镇新增就业历史")).split("\n");
    expect(listed[1]).toMatch(/^- 2025-04-21 10:00 api:admin（api）：2230 人 → 2500 人/);
    expect(listed[2]).toBe("- 2025-04-20 00:00 系统（import）：2230 人 → 2230 人（专报所载，之后已有更新，当前值未变）");
    // who last changed the figure is still the chat report, and it can still be undone
    expect((await app.plans.history(jobs.id, 1, true))[0]).toMatchObject({ kind: "set", newValue: 2500 });
    expect(await chat("撤销")).toContain("2500 人 → 2230 人");
    expect((await current("urban-jobs")).value).toBe(2230);
  });

  it("holds a figure that looks wrong unless forced, and sets the rest", async () => {
    // the reports since the 第3期 say more than it does: the report would lower them
    await app.db.prisma.indicator.update({ where: { id: (await current("reemployment")).id }, data: { value: 5000 } });
    const computers = await current("school-computers");
    await app.db.prisma.indicator.update({ where: { id: computers.id }, data: { value: 500 } }); // the report doubles it
    const dry = await importReportText(app.reports, text, false, "第3期.txt");
    expect(outcome(dry, "reemployment")).toMatchObject({ action: "held", reasons: ["累计数比原来少了"] });
    expect(outcome(dry, "school-computers")).toMatchObject({ action: "held", reasons: ["比原来多出一倍以上"] });
    expect(describeImport(dry, false)).toContain(`! ${computers.name}：500 台 → 1200 台，暂缓：比原来多出一倍以上。核对无误后加 --force 写入`);
    await importReportText(app.reports, text, true, "第3期.txt");
    expect((await current("school-computers")).value).toBe(500); // held: not written
    const forced = await importReportText(app.reports, text, true, "第3期.txt", true);
    expect(outcome(forced, "school-computers")).toMatchObject({ action: "set", reasons: ["比原来多出一倍以上"] });
    expect((await current("school-computers")).value).toBe(1200);
  });
});

/** The 2025 plan as next year's, the way Excel brings it in: no report wordings. */
function withoutPhrases(s: PlanSection): PlanSection {
  return {
    ...s,
    children: s.children?.map(withoutPhrases),
    indicators: s.indicators?.map((i) => (typeof i === "string" ? i : { ...i, phrase: undefined })),
  };
}

describe("importing into a plan that is not the 2025 one", () => {
  it("refuses figures printed in another unit than the indicator's instead of misreading them", { timeout: 300_000 }, async () => {
    const config = loadConfig({ LOG_LEVEL: "silent", DUBAN_TODAY: "2026-04-20", DUBAN_PLAN_YEAR: "2026" });
    const app = await createApp(config, { dataDir: "memory://" });
    try {
      await seedPlan(app.db.prisma, { ...plan2025, year: 2026, asOf: "2026-01-01", sections: plan2025.sections.map(withoutPhrases) });
      const before = await app.plans.catalog();
      const text = await readFile(SEED_REPORT, "utf8");
      const r = await importReportText(app.reports, text, true, "2025年第3期.txt");
      const funds = outcome(r, "medical-aid-insured-funds");
      expect(funds).toMatchObject({ action: "refused", reasons: ["专报写的是“32233人”，单位不符（指标单位是 万元）"] });
      const guarantees = r.outcomes.filter((o) => o.unit === "%" && o.action === "refused");
      expect(guarantees.map((o) => o.reasons[0])).toContain("专报写的是“32233人”，不是百分比（指标单位是 %）");
      // nothing refused was written, and no % indicator holds a count
      const after = await app.plans.catalog();
      for (const o of r.outcomes.filter((x) => x.action === "refused")) {
        expect(after.indicators.find((i) => i.code === o.code)!.value).toBe(before.indicators.find((i) => i.code === o.code)!.value);
      }
      expect(after.indicators.filter((i) => i.unit === "%" && (i.value ?? 0) > 1000)).toEqual([]);
      expect(describeImport(r, true)).toContain("× 资助困难群众参保金额：未写入：专报写的是“32233人”，单位不符（指标单位是 万元）");
    } finally {
      await app.close();
    }
  });
});
