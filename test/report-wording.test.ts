// The 【工作进度】 section in the seed 工作专报's own words: each item's indicators in its order
// and punctuation (Section.wording), an indicator worded differently under a second item
// (Placement.phrase). From the plan data it reproduces the seed; with no figures it prints no
// dangling separator; with new figures it shows them and the recomputed %. A database seeded
// before the wording existed gets it from the data migration.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Catalog } from "../src/catalog/catalog.js";
import { plan2025 } from "../src/catalog/plan2025.js";
import { declared, placed, type PlanFile, type PlanSection } from "../src/catalog/types.js";
import { fillWording, planWordingErrors, wordingCodes } from "../src/catalog/wording.js";
import { progressReport, reportText } from "../src/report/render.js";
import { CatalogReader } from "../src/store/catalog-reader.js";
import { openDatabase, type Database } from "../src/store/database.js";
import { MIGRATIONS_DIR, migrate } from "../src/store/migrator.js";
import { seedPlan } from "../src/store/seed.js";
import { catalog2025 } from "./helpers/catalog.js";
import { testTargets } from "./helpers/databases.js";
import { normaliseReportText, normaliseSeedText, reportItems, seedProgressText } from "./helpers/seed-text.js";

const META = { org: "汨罗市民生补短提质攻坚", issue: "第3期", office: "市民生补短提质攻坚工作专班", date: "2025-04-20" };
const progress = (c: Catalog) => {
  const text = reportText(progressReport(c, META));
  return text.slice(text.indexOf("(一)"));
};
/** An item's line: "(2)实施…行动。…" */
const line = (text: string, heading: string) => text.split("\n").find((l) => l.startsWith(heading)) ?? `no line ${heading}`;
const indicator = (c: Catalog, code: string) => c.indicators.find((i) => i.code === code)!;

describe("the progress section from the 2025 plan", () => {
  it("is the seed 专报's, item by item, once the PDF's spacing, punctuation width, quotes and three typos are forgiven", () => {
    const [seed, ours] = [normaliseSeedText(seedProgressText()), normaliseReportText(progress(catalog2025()))];
    expect(reportItems(ours)).toEqual(reportItems(seed));
    expect(ours).toBe(seed);
  });

  it("words one indicator differently under its two items", () => {
    const text = progress(catalog2025());
    expect(line(text, "(4)")).toContain("开展创业培训 170 人，完成全年任务的 32.08%");
    expect(line(text, "9. 开展创业培训。")).toBe("9. 开展创业培训。开展创业技能培训 170 人，完成全年任务的 32.08%。");
    expect(line(text, "(3)")).toContain("稳定脱贫人口务工人数 9623 人");
    expect(line(text, "1. 脱贫人口2025年务工规模。")).toBe("1. 脱贫人口2025年务工规模。脱贫人口务工人数 9623 人，完成全年任务的 104.6%。");
  });
});

describe("an item's wording with figures missing or changed", () => {
  /** The 2025 catalogue as a fresh year has it: no figure, no progress text, no printed %. */
  const fresh = (): Catalog => {
    const c = catalog2025();
    for (const i of c.indicators) Object.assign(i, { value: null, statusText: null, printedPct: null, updatedAt: null });
    return c;
  };

  it("prints no separator or 完成全年任务的 left dangling when no figure is in yet", () => {
    const text = progress(fresh());
    expect(text).not.toMatch(/[，；。][，；。]|^[，；]|[，；]$|完成全年任务的/mu);
    for (const heading of ["(2)", "(4)", "1. 全市医疗救助全覆盖。", "6. 送文化下乡。", "7. 职工基本养老保险"]) expect(line(text, heading)).toMatch(/。暂无进展。$/u);
  });

  it("drops an empty piece with the separator before it, and keeps the others in order", () => {
    const c = fresh();
    Object.assign(indicator(c, "xiangyanghua-parents"), { value: 1132 });
    Object.assign(indicator(c, "outpatient-aid-funds"), { value: 43.82 });
    Object.assign(indicator(c, "medical-aid"), { value: 37981 });
    const text = progress(c);
    expect(line(text, "(2)")).toBe("(2)实施家庭教育指导服务“向阳花”行动。惠及家长 1132 人次。");
    expect(line(text, "1. 全市医疗救助全覆盖。")).toBe("1. 全市医疗救助全覆盖。救助金额 43.82 万元。合计救助 37981 人次，完成全年任务的 94.01%。");
  });

  it("shows a changed figure with its % recomputed, in the report's order", () => {
    const c = catalog2025();
    Object.assign(indicator(c, "xiangyanghua-sessions"), { value: 30, printedPct: null }); // target 60
    Object.assign(indicator(c, "pension-insured"), { value: 9.5 });
    const text = progress(c);
    expect(line(text, "(2)")).toBe("(2)实施家庭教育指导服务“向阳花”行动。已开展 30 场行动，惠及家长 1132 人次，完成全年任务的 50.00%。");
    expect(line(text, "7. 职工基本养老保险")).toBe("7. 职工基本养老保险待遇按时发放率100%。企业职保参保 9.5 万人，按时发放待遇 1.66 亿元，按时发放率 100%。");
  });

  it("still prints an indicator its item's wording does not name, after the wording", () => {
    const c = catalog2025();
    c.sections.find((s) => s.code === "P02")!.wording = "{xiangyanghua-parents}，{no-such-code}";
    expect(line(progress(c), "(2)")).toBe("(2)实施家庭教育指导服务“向阳花”行动。惠及家长 1132 人次；已开展 21 场行动，完成全年任务的 35%。");
  });
});

describe("fillWording", () => {
  const pieces: Record<string, { full: string; body: string; pct: string }> = {
    a: { full: "甲 1 个，完成全年任务的 10%", body: "甲 1 个", pct: "完成全年任务的 10%" },
    b: { full: "乙 2 人", body: "乙 2 人", pct: "" },
    none: { full: "", body: "", pct: "" },
  };
  const fill = (template: string) => fillWording(template, (code, part) => pieces[code]?.[part] ?? "");

  it("takes a whole sentence, its body or its % by slot", () => {
    expect(fill("{a.body}，{b}，{a.pct}")).toBe("甲 1 个，乙 2 人，完成全年任务的 10%");
    expect(fill("{a}；{b}")).toBe("甲 1 个，完成全年任务的 10%；乙 2 人");
  });

  it("drops an empty piece with the separator before it, the first printed one starting the sentence", () => {
    expect(fill("{none}，{b}。{a}")).toBe("乙 2 人。甲 1 个，完成全年任务的 10%");
    expect(fill("{b.body}，{none}，{b.pct}")).toBe("乙 2 人");
    expect(fill("{none}，{none.pct}")).toBe("");
  });

  it("ignores a code it does not know instead of throwing", () => {
    expect(fill("{b}，{gone}，{gone.pct}")).toBe("乙 2 人");
  });

  it("keeps text before the first slot and after the last when something prints", () => {
    expect(fill("合计：{none}{b}（含补报）")).toBe("合计：乙 2 人（含补报）");
    expect(fill("合计：{none}")).toBe("");
  });

  it("lists the codes a template names", () => {
    expect(wordingCodes("{a.body}，{b}，{a.pct}")).toEqual(["a", "b"]);
  });
});

/** plan2025 with `section`'s wording replaced */
function withWording(code: string, wording: string): PlanFile {
  const edit = (s: PlanSection): PlanSection => ({ ...s, ...(s.code === code ? { wording } : {}), children: s.children?.map(edit) });
  return { ...plan2025, sections: plan2025.sections.map(edit) };
}

describe("a plan's wordings are checked when it is loaded", () => {
  it("the 2025 plan's are right", () => {
    expect(planWordingErrors(plan2025)).toEqual([]);
  });

  it("a code not placed under the item, or a malformed slot, is an error naming the item", () => {
    expect(planWordingErrors(withWording("P02", "{xiangyanghua-sessions.body}，{urban-jobs}"))).toEqual([
      "事项 (2)实施家庭教育指导服务“向阳花”行动的表述里有 {urban-jobs}，但这个事项下没有指标 urban-jobs，请改用 xiangyanghua-sessions、xiangyanghua-parents",
    ]);
    expect(planWordingErrors(withWording("Y6", "{culture-six-into.total}"))[0]).toMatch(/^事项 6\.送文化下乡的表述里“\{culture-six-into\.total\}”写法不对/u);
  });
});

/** The 2025 plan as databases were seeded with before the wording: no item wording, no per-item phrase, the two texts as first transcribed. */
const OLD_TEXTS: Record<string, string> = {
  "family-planning-care": "已对镇村上报的计划生育特别扶助对象进行审核，符合要求对象约953人；4月份为322名60岁以下计生特殊对象每人代缴1000元城乡居民养老保险",
  "soil-pollution": "在产企业、关停企业按要求开展耕地周边污染源排查工作，督促相关企业按照要求开展自行监测，确保排放达标，不对周边耕地土壤造成污染",
};
function asFirstSeeded(s: PlanSection): PlanSection {
  const { wording: _dropped, ...rest } = s;
  return {
    ...rest,
    children: s.children?.map(asFirstSeeded),
    indicators: s.indicators?.map((e) => {
      const own = declared(e);
      if (!own) return placed(e).code;
      return OLD_TEXTS[own.code] ? { ...own, status: OLD_TEXTS[own.code] } : own;
    }),
  };
}

describe.each(testTargets)("a database seeded before the wording ($name)", (t) => {
  let db: Database | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await db?.close();
    await drop?.();
  });

  it("renders the seed's wording after the data migration, and keeps a progress text a unit reported since", { timeout: 120_000 }, async () => {
    const made = await t.create();
    drop = made.drop;
    db = await openDatabase(made.target);
    await migrate(db.sql); // on an empty database the data migration changes nothing
    await seedPlan(db.prisma, { ...plan2025, sections: plan2025.sections.map(asFirstSeeded) });
    const reader = new CatalogReader(db.prisma, 2025);
    expect(progress(await reader.catalog())).not.toBe(progress(catalog2025()));
    // a unit has reported a new text for one of the two since
    await db.prisma.indicator.updateMany({ where: { code: "family-planning-care" }, data: { statusText: "已完成全部代缴" } });

    await db.sql.exec(await readFile(path.join(MIGRATIONS_DIR, "20261201000100_report_wording", "migration.sql"), "utf8"));
    const migrated = await reader.catalog();
    const expected = catalog2025();
    indicator(expected, "family-planning-care").statusText = "已完成全部代缴";
    expect(progress(migrated)).toBe(progress(expected));
    const items = (c: Catalog) => c.sections.map((s) => [s.code, s.wording ?? null, s.phrases ?? {}]);
    expect(items(migrated)).toEqual(items(catalog2025()));
    // the day the seed was printed: the history holds the corrected text too
    expect(indicator(await reader.catalogAsOf("2025-04-20"), "soil-pollution").statusText).toBe(indicator(expected, "soil-pollution").statusText);
  });

  it("refuses to seed a plan whose wording names an indicator its item does not hold, writing nothing", { timeout: 120_000 }, async () => {
    const made = await t.create();
    drop = made.drop;
    db = await openDatabase(made.target);
    await migrate(db.sql);
    await expect(seedPlan(db.prisma, withWording("B7", "{pension-insured}，{pension-paid}，{pension-rate}"))).rejects.toThrow(
      "事项 7.职工基本养老保险待遇按时发放率100%的表述里有 {pension-rate}",
    );
    expect(await db.prisma.plan.count()).toBe(0);
  });
});
