// Report lines as units type them: mixed numerals, several indicators on a line, approximate
// figures and ranges, set-versus-add words, units that do not fit, remarks. What the parser and
// the report planner make of each, on the seeded 2025 catalogue (as of 2025-04-20).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vocabularyOf } from "../src/nlu/vocabulary.js";
import { scanQuantities, toIndicatorUnit } from "../src/domain/numbers.js";
import type { IntentOf } from "../src/nlu/intent.js";
import { parseMessage } from "../src/nlu/parse.js";
import { intentFromModel, type ModelAnswer } from "../src/nlu/model-intent.js";
import { draftChanges, problemMessage } from "../src/bot/submission.js";
import { catalog2025 } from "./helpers/catalog.js";
import { startTestService, TOKEN, type TestService } from "./helpers/service.js";

const catalog = catalog2025();
const vocab = vocabularyOf(catalog);
const admin = { id: "api:admin", role: "admin" as const, unitId: null, unitName: null, name: null };
const byCode = (code: string) => catalog.indicators.find((i) => i.code === code)!;

function reportOf(text: string): IntentOf<"submission"> {
  const intent = parseMessage(text, vocab);
  expect(intent.type, text).toBe("submission");
  if (intent.type !== "submission") throw new Error(`not a report: ${text}`);
  return intent;
}

/** What the bot would do with the message: the values it would store, or the reply that refuses. */
function outcome(text: string): { values: Record<string, number | null> } | { refused: string } {
  const r = reportOf(text);
  if (r.problems.length) return { refused: r.problems.map((p) => problemMessage(p, catalog)).join("\n") };
  const plan = draftChanges(r.lines, admin, catalog);
  if (!plan.ok) return { refused: plan.message };
  return { values: Object.fromEntries(plan.changes.map((c) => [c.code, c.newValue])) };
}

function refusal(text: string): string {
  const o = outcome(text);
  expect(o, text).toHaveProperty("refused");
  if (!("refused" in o)) throw new Error(`applied: ${text}`);
  return o.refused;
}

function stored(text: string): Record<string, number | null> {
  const o = outcome(text);
  expect(o, text).toHaveProperty("values");
  if (!("values" in o)) throw new Error(o.refused);
  return o.values;
}

/** n in Chinese as people write it: 两万三千零五, 十五, 一亿零二百万. */
function chinese(n: number): string {
  const D = "零一二三四五六七八九";
  const section = (s: number, lead: boolean): string => {
    let out = "";
    let zero = false;
    [[1000, "千"], [100, "百"], [10, "十"], [1, ""]].forEach(([p, name]) => {
      const d = Math.floor(s / (p as number)) % 10;
      if (d === 0) {
        zero = out !== "";
        return;
      }
      if (zero) out += "零";
      zero = false;
      out += lead && out === "" && d === 1 && p === 10 ? "十" : D[d]! + name;
    });
    return out;
  };
  const yi = Math.floor(n / 1e8);
  const wan = Math.floor((n % 1e8) / 1e4);
  const rest = n % 1e4;
  let out = "";
  if (yi) out += section(yi, true) + "亿";
  if (wan) out += (out && wan < 1000 ? "零" : "") + section(wan, !out) + "万";
  else if (out && rest) out += "零";
  if (rest) out += (out && rest < 1000 && !out.endsWith("零") ? "零" : "") + section(rest, !out);
  return out || "零";
}

/** The value a figure stands for, in plain units (人, 个), as the bot reads it. */
function valueOf(text: string): number {
  const qs = scanQuantities(text);
  expect(qs, text).toHaveLength(1);
  expect(qs[0]!.doubt, text).toBeUndefined();
  return toIndicatorUnit(qs[0]!, "人");
}

describe("mixed digits and Chinese magnitudes are read as a person means them", () => {
  it.each([
    ["无线感烟火灾探测报警器 1千2百个", "smoke-alarms", 1200],
    ["城镇新增就业 2千6百人", "urban-jobs", 2600],
    ["城镇新增就业 2千6", "urban-jobs", 2600],
    ["创业担保贷款 7千万", "startup-loans", 7000],
    ["创业担保贷款 七千万元", "startup-loans", 7000],
    ["创业担保贷款 0.7亿元", "startup-loans", 7000],
    ["城镇新增就业 3千5百人", "urban-jobs", 3500],
    ["职工医疗互助 1万6千3百人", "worker-mutual-aid", 16300],
    ["职工医疗互助 两万三千五", "worker-mutual-aid", 23500],
    ["职工医疗互助 1.2万人", "worker-mutual-aid", 12000],
    ["职工医疗互助 1万6", "worker-mutual-aid", 16000],
    ["家庭医生签约服务 8万6千人", "family-doctor-contracts", 8.6],
    ["家庭医生签约服务 8万6", "family-doctor-contracts", 8.6],
    ["家庭医生签约服务 87000人", "family-doctor-contracts", 8.7],
    ["补充配置电脑 1,500台", "school-computers", 1500],
    ["补充配置电脑 1千5", "school-computers", 1500],
    ["补充配置电脑 1千500台", "school-computers", 1500],
    ["职工医疗互助 1万6500人", "worker-mutual-aid", 16500],
    ["三湘怡养 助餐点 5个", "elderly-canteens", 5],
  ])("%s → %s = %d", (text, code, value) => {
    expect(stored(text)).toEqual({ [code]: value });
  });

  it.each(["城镇新增就业 2千60人", "职工医疗互助 1万25人", "城镇新增就业 3千05人"])("asks when %s could be read two ways", (text) => {
    expect(reportOf(text).problems).toMatchObject([{ kind: "ambiguous-number" }]);
    expect(refusal(text)).toMatch(/写法不明确.*发送准确数字/);
  });

  it("reads every Chinese numeral back exactly", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 99_999_999 }), (n) => valueOf(`${chinese(n)}人`) === n), { numRuns: 3000 });
  });

  it("reads digits with Chinese places back exactly", () => {
    const d = fc.integer({ min: 1, max: 9 });
    fc.assert(
      fc.property(d, d, d, fc.integer({ min: 1, max: 9999 }), (a, b, c, w) => {
        expect(valueOf(`${a}千${b}百人`)).toBe(a * 1000 + b * 100);
        expect(valueOf(`${a}千${b}百${c}十人`)).toBe(a * 1000 + b * 100 + c * 10);
        expect(valueOf(`${a}千${b}人`)).toBe(a * 1000 + b * 100);
        expect(valueOf(`${w}万${b}千人`)).toBe(w * 10000 + b * 1000);
        expect(valueOf(`${w}万${b}人`)).toBe(w * 10000 + b * 1000);
        expect(valueOf(`${w}万人`)).toBe(w * 10000);
        expect(valueOf(`${chinese(w)}万${b}千人`)).toBe(w * 10000 + b * 1000);
        expect(valueOf(`${w.toLocaleString("en-US")}人`)).toBe(w);
      }),
      { numRuns: 500 },
    );
  });

  it("reads a decimal with a magnitude exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 99 }), (a, f) => {
        const dec = `${a}.${String(f).padStart(2, "0")}`;
        expect(valueOf(`${dec}万人`)).toBe(Number(`${dec}e4`));
      }),
      { numRuns: 500 },
    );
  });
});

describe("every indicator named on a line is applied or asked about", () => {
  it.each([
    ["城镇新增就业 2700 人 职业技能培训 320 人", [["urban-jobs", "set", 2700], ["skills-training", "set", 320]]],
    ["城镇新增就业 2600人 新增农村劳动力转移就业 2500人", [["urban-jobs", "set", 2600], ["rural-labor-transfer", "set", 2500]]],
    ["职业技能培训累计310人创业培训累计180人", [["skills-training", "set", 310], ["startup-training", "set", 180]]],
    ["城镇新增就业2600人就业困难人员就业580人", [["urban-jobs", "set", 2600], ["hard-to-employ", "set", 580]]],
    ["就业困难人员又新增10人 城镇新增就业 2600人", [["hard-to-employ", "add", 10], ["urban-jobs", "set", 2600]]],
    ["向阳花行动 开展25场 惠及家长1300人次", [["xiangyanghua-sessions", "set", 25], ["xiangyanghua-parents", "set", 1300]]],
  ])("%s", (text, expected) => {
    const r = reportOf(text);
    expect(r.problems).toEqual([]);
    expect(r.lines.map((l) => [l.ref.codes[0], l.op, l.quantity?.number])).toEqual(expected);
  });

  it("names an indicator written without a figure instead of dropping it", () => {
    const r = reportOf("城镇新增就业 2700 人 职业技能培训");
    expect(r.lines.map((l) => l.ref.codes[0])).toEqual(["urban-jobs"]);
    expect(r.problems).toMatchObject([{ kind: "no-number", ref: { codes: ["skills-training"] } }]);
  });

  it("keeps two names of the same indicator, or a longer name holding a shorter one, as one report", () => {
    expect(reportOf("帮扶车间吸纳脱贫人口数量 450人").lines.map((l) => l.ref.codes)).toEqual([["workshop-poverty-hires"]]);
    expect(reportOf("三湘怡养 助餐点 6个").lines.map((l) => l.ref.codes)).toEqual([["elderly-canteens"]]);
  });
});

describe("an approximate figure or a range is asked about, never stored", () => {
  it.each([
    ["城镇新增就业大约2600人", "urban-jobs"],
    ["城镇新增就业约2600人", "urban-jobs"],
    ["城镇新增就业2600人左右", "urban-jobs"],
    ["城镇新增就业近3000人", "urban-jobs"],
    ["城镇新增就业 2600多人", "urban-jobs"],
    ["城镇新增就业两千六百余人", "urban-jobs"],
    ["城镇新增就业2600人以上", "urban-jobs"],
    ["无线感烟火灾探测报警器 三百余个", "smoke-alarms"],
    ["就业帮扶车间 120多家", "employment-workshops"],
    ["新建社区老年助餐点 七八个", "elderly-canteens"],
    ["培训家庭医生 二十几人", "family-doctor-training"],
    ["城镇新增就业 1万多人", "urban-jobs"],
    ["城镇新增就业几十人", "urban-jobs"],
    ["城镇新增就业数百人", "urban-jobs"],
    ["无线感烟火灾探测报警器上千个", "smoke-alarms"],
    ["城镇新增就业超过2600人", "urban-jobs"],
    ["城镇新增就业两千六左右", "urban-jobs"],
    ["城镇调查失业率 百分之四点八左右", "unemployment-rate"],
  ])("%s is approximate", (text, code) => {
    const r = reportOf(text);
    expect(r.lines).toEqual([]);
    expect(r.problems).toMatchObject([{ kind: "approximate", ref: { codes: [code] } }]);
    const reply = problemMessage(r.problems[0]!, catalog);
    expect(reply).toMatch(/约数/);
    expect(reply).toContain("请发送准确数字");
    const i = byCode(code);
    expect(reply).toContain(i.unit === "%" ? `${i.name} ${i.value}%` : `${i.name} ${i.value} ${i.unit}`);
  });

  it.each([
    ["创业担保贷款 600到650万元", "startup-loans"],
    ["培训家庭医生 60-65人", "family-doctor-training"],
    ["城镇新增就业2500至2600人", "urban-jobs"],
    ["城镇新增就业 2500~2600", "urban-jobs"],
    ["城镇新增就业 2500人到2600人", "urban-jobs"],
  ])("%s is a range", (text, code) => {
    const r = reportOf(text);
    expect(r.lines).toEqual([]);
    expect(r.problems).toMatchObject([{ kind: "range", ref: { codes: [code] } }]);
    expect(problemMessage(r.problems[0]!, catalog)).toMatch(/范围.*请发送准确数字/);
  });


  it("is not taken from the model either", () => {
    const answer = (number: number): ModelAnswer => ({
      intent: "report", codes: [], unit: null, section: null, lines: [{ code: "urban-jobs", op: "set", number, unit: "人", text: null }],
    });
    expect(intentFromModel(answer(2600), "城镇新增就业大约2600人")).toBeUndefined();
    expect(intentFromModel(answer(2600), "城镇新增就业2500到2600人")).toBeUndefined();
    expect(intentFromModel(answer(23500), "城镇新增就业两万三千五")).toMatchObject({ lines: [{ quantity: { number: 2.35, magnitude: "万" } }] });
  });

  it("still reads exact figures near such words", () => {
    expect(stored("城镇新增就业最近新增100人")).toEqual({ "urban-jobs": 2330 });
    expect(stored("1-4月城镇新增就业2400人")).toEqual({ "urban-jobs": 2400 });
    expect(stored("城镇新增就业人数2600人")).toEqual({ "urban-jobs": 2600 });
    expect(stored("家庭医生签约服务签约8.7万人")).toEqual({ "family-doctor-contracts": 8.7 });
    expect(stored("城镇新增就业十五人")).toEqual({ "urban-jobs": 15 });
  });
});

describe("增加到 sets, 增加 adds", () => {
  it.each([
    ["就业帮扶车间数量增加到44家", "employment-workshops", 44],
    ["就业帮扶车间数量增至44家", "employment-workshops", 44],
    ["就业帮扶车间数量达到44家", "employment-workshops", 44],
    ["就业帮扶车间数量提高到44家", "employment-workshops", 44],
    ["就业帮扶车间数量增加1家", "employment-workshops", 44],
    ["就业帮扶车间数量又增加1家", "employment-workshops", 44],
    ["城镇新增就业累计新增2400人", "urban-jobs", 2400],
    ["城镇新增就业截至本月底2400人", "urban-jobs", 2400],
    ["城镇新增就业本月新增100人", "urban-jobs", 2330],
    ["就业帮扶车间数量从43家增加到44家", "employment-workshops", 44],
    ["城镇新增就业由2230人提高到2600人", "urban-jobs", 2600],
  ])("%s", (text, code, value) => {
    expect(stored(text)).toEqual({ [code]: value });
  });
});

describe("a unit that does not fit the indicator is refused", () => {
  it.each([
    ["城镇新增就业 2500 公斤", "人"],
    ["补充配置电脑 1600 人", "台"],
    ["创业担保贷款 7000 人", "万元"],
    ["城镇新增就业 2500 台", "人"],
  ])("%s", (text, unit) => {
    const reply = refusal(text);
    expect(reply).toContain(`按${unit}填报`);
    expect(reply).toContain("本条消息未做任何修改");
  });

  it.each([
    ["城镇新增就业 2500名", "urban-jobs", 2500],
    ["城镇新增就业 2500", "urban-jobs", 2500],
    ["城镇新增就业 0.25万人", "urban-jobs", 2500],
    ["创业担保贷款 0.8亿元", "startup-loans", 8000],
    ["创业担保贷款 70000000元", "startup-loans", 7000],
    ["家庭医生签约服务 9万人", "family-doctor-contracts", 9],
    ["城乡居民养老保险基础养老金 171元", "basic-pension", 171],
    ["就业帮扶车间数量 44个", "employment-workshops", 44],
  ])("accepts %s", (text, code, value) => {
    expect(stored(text)).toEqual({ [code]: value });
  });
});

describe("examples show the current value, never the target", () => {
  it("in a no-number reply", () => {
    const r = reportOf("城镇新增就业 2400 人\n无线感烟火灾探测报警器");
    const reply = problemMessage(r.problems[0]!, catalog);
    expect(reply).toContain("无线感烟火灾探测报警器 605 个");
    expect(reply).not.toContain("4597");
  });

  it("in refusals from planning", () => {
    const percent = refusal("补充配置电脑 40%");
    expect(percent).toContain("补充配置电脑 1200 台");
    expect(percent).not.toContain("3415");
    const unit = refusal("城镇新增就业 2500 公斤");
    expect(unit).toContain("城镇新增就业 2230 人");
    expect(unit).not.toContain("6000");
  });

  it("with a placeholder where there is no current value", () => {
    const r = reportOf("城镇新增就业 2400 人\nPM2.5年均浓度");
    const reply = problemMessage(r.problems[0]!, catalog);
    expect(reply).not.toContain("31");
    expect(reply).toContain("PM2.5年均浓度 XX μg/m³");
  });
});

describe("a remark after 备注：/注：/说明： rides with its report", () => {
  it.each([
    ["新增农村劳动力转移就业 2400人，备注：含4月上旬数据", "rural-labor-transfer", 2400, "含4月上旬数据"],
    ["新增农村劳动力转移就业 2400人 注：含4月上旬数据", "rural-labor-transfer", 2400, "含4月上旬数据"],
    ["城镇新增就业 2600人（说明：含就业困难人员就业30人）", "urban-jobs", 2600, "含就业困难人员就业30人"],
    ["城镇新增就业 2600人，备注：其中约300人为高校毕业生", "urban-jobs", 2600, "其中约300人为高校毕业生"],
    ["城镇新增就业又新增100人。备注：4月第三周数据", "urban-jobs", 100, "4月第三周数据"],
    ["城镇新增就业 2600人，备注：就业方面落后是因为3月数据未报", "urban-jobs", 2600, "就业方面落后是因为3月数据未报"],
  ])("%s", (text, code, number, remark) => {
    const r = reportOf(text);
    expect(r.problems).toEqual([]);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ ref: { codes: [code] }, quantity: { number, unit: "人" }, remark });
  });

  it("takes a remark on the line below as said about the report above", () => {
    const r = reportOf("城镇新增就业 2600人\n备注：含4月上旬数据");
    expect(r.problems).toEqual([]);
    expect(r.lines).toMatchObject([{ ref: { codes: ["urban-jobs"] }, quantity: { number: 2600 }, remark: "含4月上旬数据" }]);
  });

  it("keeps each remark with its own line", () => {
    const r = reportOf("城镇新增就业 2600人，备注：含3月补报\n职业技能培训 320人");
    expect(r.lines.map((l) => [l.ref.codes[0], l.quantity?.number, l.remark])).toEqual([["urban-jobs", 2600, "含3月补报"], ["skills-training", 320, undefined]]);
  });

  it("leaves a progress note of a qualitative item as it was", () => {
    expect(reportOf("数字惠民工程 说明：已完成测试工作").lines[0]).toMatchObject({ op: "note", text: "已完成测试工作" });
    expect(reportOf("城镇新增就业 2600人").lines[0]!.remark).toBeUndefined();
  });
});

describe("a report as units send it: headings, numbering, bracketed remarks and sign-offs", () => {
  it.each([
    ["市人社局4月进度报送：\n1. 城镇新增就业 2415人\n2. 失业人员再就业 1366人", { "urban-jobs": 2415, reemployment: 1366 }],
    ["市人社局4月填报：\n城镇新增就业 2500人\n就业困难人员就业 580人", { "urban-jobs": 2500, "hard-to-employ": 580 }],
    ["市水利局4月进度：\n恢复和改善灌溉面积 11.6万亩", { irrigation: 11.6 }],
    ["一、就业\n1.城镇新增就业2500人；\n2.就业困难人员就业580人。", { "urban-jobs": 2500, "hard-to-employ": 580 }],
    ["（一）就业创业\n(1)城镇新增就业2500人\n(2)就业困难人员就业580人", { "urban-jobs": 2500, "hard-to-employ": 580 }],
    ["人社局关于4月民生实事进展情况的报告如下：\n一是城镇新增就业2500人；二是就业困难人员就业580人", { "urban-jobs": 2500, "hard-to-employ": 580 }],
    ["①城镇新增就业2500人\n②就业困难人员就业580人\n以上，请审核\n特此报送\n市人社局 4月20日\n谢谢！", { "urban-jobs": 2500, "hard-to-employ": 580 }],
    ["城镇新增就业2500人\n就业困难人员就业580人\n填报人：张三，联系电话：13812345678", { "urban-jobs": 2500, "hard-to-employ": 580 }],
    ["截至4月底，城镇新增就业2500人，就业困难人员就业580人", { "urban-jobs": 2500, "hard-to-employ": 580 }],
    // a part of the month, and the data's date in brackets, are still only a heading and a note
    ["市人社局4月中旬进度：\n1、创业培训 200人\n2、职业技能培训 330人\n（数据截至4月19日）", { "startup-training": 200, "skills-training": 330 }],
    ["市人社局上旬报送\n城镇新增就业2500人", { "urban-jobs": 2500 }],
    ["人社局4月下旬数据：\n城镇新增就业2500人", { "urban-jobs": 2500 }],
    ["市人社局第二季度第一次报送：\n城镇新增就业2500人", { "urban-jobs": 2500 }],
  ])("%s", (text, values) => {
    expect(stored(text)).toEqual(values);
  });

  it("keeps a bracketed note after a figure as the line's remark, not a figure", () => {
    const r = reportOf("城镇新增就业2500人（含网创培训30人）\n就业困难人员就业580人");
    expect(r.problems).toEqual([]);
    expect(r.lines.map((l) => [l.ref.codes[0], l.quantity?.number, l.remark])).toEqual([["urban-jobs", 2500, "含网创培训30人"], ["hard-to-employ", 580, undefined]]);
  });

  it("still asks about a line with a figure and no indicator", () => {
    const r = reportOf("市人社局4月进度报送：\n城镇新增就业2500人\n网格员走访 30人");
    expect(r.lines).toHaveLength(1);
    expect(r.problems).toMatchObject([{ raw: "网格员走访 30人", kind: "unknown-indicator" }]);
  });

  it.each(["本月新增情况：", "本月：", "这周："])("does not skip a heading that may say the figures are increments: %s", (heading) => {
    const r = reportOf(`${heading}\n城镇新增就业30人\n就业困难人员就业5人`);
    expect(r.problems).toMatchObject([{ raw: heading }]);
  });

  it("skips a heading of this month's progress, whose figures are totals", () => {
    expect(stored("市人社局本月进度报送：\n城镇新增就业2500人\n就业困难人员就业580人")).toEqual({ "urban-jobs": 2500, "hard-to-employ": 580 });
  });

  it("reads a unit heading alone as the question it is", () => {
    // with its month: in April that is today's view, in May the view at the end of April
    expect(parseMessage("市人社局4月进度", vocab)).toEqual({ type: "unit", unit: "市人社局", asOf: { phrase: "4月", month: 4 } });
  });
});

describe("又/新增/本月 govern the figures after them in the same sentence", () => {
  const now = (code: string) => byCode(code).value!;
  it("adds every figure of the clause list after an increment word", () => {
    expect(stored("向阳花行动本月又开展了9场，惠及家长460人次")).toEqual({
      "xiangyanghua-sessions": now("xiangyanghua-sessions") + 9,
      "xiangyanghua-parents": now("xiangyanghua-parents") + 460,
    });
    expect(stored("本月新增城镇新增就业30人、就业困难人员就业5人")).toEqual({
      "urban-jobs": now("urban-jobs") + 30,
      "hard-to-employ": now("hard-to-employ") + 5,
    });
  });

  it("lets a clause's own 累计/达到 decide, and ends at the line", () => {
    expect(stored("向阳花行动本月又开展了9场，累计惠及家长1500人次")).toEqual({
      "xiangyanghua-sessions": now("xiangyanghua-sessions") + 9,
      "xiangyanghua-parents": 1500,
    });
    expect(stored("向阳花行动本月又开展了9场\n惠及家长1500人次")).toEqual({
      "xiangyanghua-sessions": now("xiangyanghua-sessions") + 9,
      "xiangyanghua-parents": 1500,
    });
  });
});

describe("through the service", () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ dataDir: "memory://" });
  });
  afterAll(async () => svc?.close());
  const values = async () => {
    const res = await fetch(`${svc.url}/api/indicators`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const body = (await res.json()) as { indicators: { code: string; value: number | null }[] };
    return Object.fromEntries(body.indicators.map((r) => [r.code, r.value]));
  };

  it("changes nothing when one line of a message is approximate, and says so in one sentence", async () => {
    const before = await values();
    const reply = await svc.chat("admin", "城镇新增就业 2400 人\n职业技能培训 约300人");
    expect(reply).toContain("“职业技能培训 约300人”是约数，请发送准确数字，例如：职业技能培训 299 人");
    expect(reply).toContain("本条消息未做任何修改");
    expect(await svc.chat("admin", "确认")).toContain("没有待确认");
    expect(await values()).toEqual(before);
  });

  it("stores every figure of a line naming several indicators, each as written", async () => {
    const reply = await svc.chat("admin", "城镇新增就业 2700 人 职业技能培训 320 人 无线感烟火灾探测报警器 1千2百个");
    expect(reply).toContain("已更新");
    expect(await values()).toMatchObject({ "urban-jobs": 2700, "skills-training": 320, "smoke-alarms": 1200 });
  });

  it("refuses a unit that does not fit, storing nothing", async () => {
    const before = await values();
    const reply = await svc.chat("admin", "补充配置电脑 1600 人");
    expect(reply).toContain("“补充配置电脑”按台填报");
    expect(reply).not.toContain("3415");
    expect(await values()).toEqual(before);
  });
});
