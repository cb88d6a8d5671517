import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { vocabularyOf, type Vocabulary } from "../src/nlu/vocabulary.js";
import { rankIndicators, resolve } from "../src/nlu/match.js";
import { Intent, type IntentOf } from "../src/nlu/intent.js";
import { parseMessage, parseUnguarded } from "../src/nlu/parse.js";
import { catalog2025 } from "./helpers/catalog.js";

const vocab = vocabularyOf(catalog2025());
const parse = (t: string) => parseMessage(t, vocab);

/** The intent of t, which must be of the given type (the test fails here otherwise). */
function parsedAs<T extends Intent["type"]>(t: string, type: T): IntentOf<T> {
  const intent = parse(t);
  expect(intent.type, t).toBe(type);
  if (intent.type !== type) throw new Error(`${t}: ${intent.type}, not ${type}`);
  return intent as IntentOf<T>;
}
const queried = (t: string) => parsedAs(t, "query");

describe("questions about one indicator", () => {
  it.each([
    ["就业困难人员进度多少", "hard-to-employ"],
    ["就业困难人员就业完成了多少", "hard-to-employ"],
    ["城镇新增就业怎么样了", "urban-jobs"],
    ["查一下城镇新增就业", "urban-jobs"],
    ["烟感报警器装了多少", "smoke-alarms"],
    ["助餐点建了几个", "elderly-canteens"],
    ["充电桩建了几个？", "ev-chargers"],
    ["请问电脑配置得怎么样", "school-computers"],
    ["ＰＭ２．５", "pm25"],
    ["失业率多少", "unemployment-rate"],
    ["孕产妇致畸基因筛查", "teratogenic-gene-screening"],
    ["4G/5G基站共享了几个", "shared-base-stations"],
    ["新建5G基站多少个", "new-base-stations"],
    ["三湘怡养 助餐点", "elderly-canteens"],
    ["新生儿筛查情况", "newborn-screening"],
    ["基础养老金", "basic-pension"],
    ["向阳花行动进展如何", "xiangyanghua-sessions"],
    ["帮扶车间招了多少脱贫户", "workshop-poverty-hires"],
    ["就业帮扶车间有几家", "employment-workshops"],
  ])("%s → %s", (text, code) => {
    expect(parse(text)).toEqual({ type: "query", ref: expect.objectContaining({ codes: [code] }) });
  });

  it("asks which one when a fragment fits several", () => {
    expect(queried("基站建设情况").ref.codes.sort()).toEqual(["new-base-stations", "shared-base-stations"]);
    expect(queried("新增就业").ref.codes).toEqual(expect.arrayContaining(["urban-jobs", "rural-labor-transfer"]));
    expect(queried("家庭医生").ref.codes.sort()).toEqual(["family-doctor-contracts", "family-doctor-training"]);
  });

  it("reads history requests", () => {
    expect(parse("城镇新增就业的填报记录")).toMatchObject({ type: "history", ref: { codes: ["urban-jobs"] } });
  });
});

describe("everyday names, abbreviations and overlapping words", () => {
  it.each([
    ["家医签约到多少了", "family-doctor-contracts"],
    ["农网投资到位多少", "rural-grid-investment"],
    ["老年食堂建了几家", "elderly-canteens"],
    ["创业贷款放了多少钱了", "startup-loans"],
    ["电瓶车充电口建了多少个", "ebike-charging-ports"],
    ["高标农田建了多少亩", "high-standard-farmland"],
    ["危房改了多少栋", "dilapidated-houses"],
    ["扶贫车间有几家", "employment-workshops"],
    ["快递进村", "rural-logistics-stations"],
    ["粽子品牌", "labor-brand"],
    ["残疾人两项补贴", "relief-standards"],
    // abbreviations the catalogue does not list: characters in order, from the name's start
    ["高标建设完成多少", "high-standard-farmland"],
    ["残儿康复", "disabled-children-rehab"],
    ["职技培训开展了多少人", "skills-training"],
    ["新生筛查", "newborn-screening"],
    // 多少户 counts households: not the 饮水安全保障率
    ["安全饮水保障了多少户", "safe-water-households"],
    ["饮水安全保障了多少户", "safe-water-households"],
    ["住房安全保障改了多少栋", "dilapidated-houses"],
    ["饮水安全保障率是多少", "drinking-water-guarantee"],
    // told in words, not a rate: 几个 does not send it to the 烟感 of its item
    ["消防站建了几个", "fire-station"],
  ])("%s → %s", (text, code) => {
    expect(parse(text)).toEqual({ type: "query", ref: expect.objectContaining({ codes: [code] }) });
  });

  it("knows units by their short names", () => {
    expect(parse("住建")).toEqual({ type: "unit", unit: "市住建局" });
    expect(parse("文旅")).toEqual({ type: "unit", unit: "市文旅广体局" });
    expect(parse("水利的指标")).toEqual({ type: "unit", unit: "市水利局" });
  });

  it("does not answer with an indicator that shares only generic words", () => {
    // 城乡居民医保 is not 城乡居民养老保险: a miss or a choice, never that card alone
    const intent = parse("城乡居民医保");
    const codes = "ref" in intent ? intent.ref.codes : [];
    expect(codes).not.toEqual(["basic-pension"]);
  });

  it("keeps a report line whole when an everyday name is only part of its wording", () => {
    // 低保 is one of the 六类人员 here, not the 救助标准 indicator
    const intent = parsedAs("共为我市“六类人员”(脱贫人员、重度残疾人员、低保、特困、特殊困难、突发严重困难)购买基本医疗保险 32233人", "submission");
    expect(intent.lines.map((l) => l.ref.codes)).toEqual([["basic-medical-insured"]]);
  });

  const abbreviated = (...names: string[][]): Vocabulary => ({
    indicators: names.map((n, i) => ({ code: `i${i}`, name: n[0]!, kind: "cumulative", unit: "人", names: n })),
    units: [],
    sections: [],
  });

  it("is sure of an abbreviation only when one name clearly covers most of it", () => {
    const v = abbreviated(["家庭医生签约服务"], ["家庭医疗服务"]);
    expect(resolve(rankIndicators("家医签约情况", v))).toEqual({ kind: "one", code: "i0" });
    // 家医 abbreviates both as well: ask
    expect(resolve(rankIndicators("家医到位", v))).toEqual({ kind: "choice", codes: ["i0", "i1"] });
  });

  it("takes no abbreviation that skips far, or that is written out whole in the name", () => {
    const v = abbreviated(["农村劳动力转移就业"], ["城乡居民养老保险"]);
    expect(rankIndicators("农业发展", v).find((r) => r.code === "i0")?.how).not.toBe("abbrev");
    expect(resolve(rankIndicators("城乡居民医保", v))).toEqual({ kind: "none" });
  });

  it("never lets an abbreviation beat a name written out", () => {
    const v = abbreviated(["家医"], ["家庭医生签约服务"]);
    expect(resolve(rankIndicators("家医", v))).toEqual({ kind: "one", code: "i0" });
  });
});

describe("lists", () => {
  it.each([
    ["哪些指标落后了", "laggards"], ["落后的有哪些", "laggards"], ["有哪些没达到时序进度", "laggards"], ["进度滞后的指标", "laggards"], ["哪些指标还没有达到时序进度", "laggards"], ["哪些指标完成得不好", "laggards"],
    ["总体进度", "overview"], ["整体情况怎么样", "overview"], ["帮助", "help"], ["/start", "help"],
    ["我的指标", "mine"], ["我是谁", "whoami"],
    ["看板", "signin"], ["登录看板", "signin"], ["看板链接", "signin"], ["打开数据看板", "signin"], ["/dashboard", "signin"], ["看板怎么登录？", "signin"],
  ])("%s → %s", (text, type) => expect(parse(text).type).toBe(type));

  it("narrows laggards to a unit or a section", () => {
    expect(parse("人社局有哪些指标落后")).toEqual({ type: "laggards", unit: "市人社局" });
    expect(parse("就业方面落后的指标")).toEqual({ type: "laggards", section: "E" });
  });

  it("does not mistake a short question about a qualitative item for a note", () => {
    expect(parse("低保标准提了没有").type).toBe("query");
    expect(parse("农村公路").type).toBe("query");
  });

  it("finds units and sections", () => {
    expect(parse("市人社局的指标")).toEqual({ type: "unit", unit: "市人社局" });
    expect(parse("卫健委负责哪些")).toEqual({ type: "unit", unit: "市卫健委" });
    expect(parse("就业方面的进度")).toEqual({ type: "section", section: "E" });
    expect(parse("岳阳市级十大重点民生实事")).toEqual({ type: "section", section: "Y" });
    expect(parse("教育方面怎么样")).toEqual({ type: "section", section: "PA1" });
  });
});

describe("reports", () => {
  const line = (t: string) => parsedAs(t, "submission");
  it.each([
    ["城镇新增就业 2400 人", "urban-jobs", "set", 2400, ""],
    ["电脑已配置1500台", "school-computers", "set", 1500, ""],
    ["烟感报警器又装了95个", "smoke-alarms", "add", 95, ""],
    ["城镇新增就业两千四百人", "urban-jobs", "set", 2400, ""],
    ["城镇新增就业：２４００人", "urban-jobs", "set", 2400, ""],
    ["家庭医生签约服务 8.7万人", "family-doctor-contracts", "set", 8.7, "万"],
    ["创业担保贷款 1.2亿元", "startup-loans", "set", 1.2, "亿"],
    ["城镇调查失业率 百分之四点八", "unemployment-rate", "set", 4.8, ""],
    ["截至4月20日，城镇新增就业2400人", "urban-jobs", "set", 2400, ""],
    ["城镇新增就业：截至4月底完成2400人，完成率40%", "urban-jobs", "set", 2400, ""],
    ["城镇新增就业本月新增120人", "urban-jobs", "add", 120, ""],
    ["烟雾报警器这周装了三百个", "smoke-alarms", "add", 300, ""],
    ["更新一下：城镇新增就业 2600", "urban-jobs", "set", 2600, ""],
    ["城镇新增就业4月份完成2600人", "urban-jobs", "set", 2600, ""],
    ["就业困难人员新增30人", "hard-to-employ", "add", 30, ""],
  ])("%s", (text, code, op, number, magnitude) => {
    const r = line(text);
    expect(r.problems).toEqual([]);
    expect(r.lines[0]).toMatchObject({ ref: { codes: [code] }, op, quantity: { number, magnitude } });
  });

  it("takes two reports on one line, split at the comma", () => {
    const r = line("城镇新增就业2600人，就业困难人员就业580人");
    expect(r.lines.map((l) => [l.ref.codes[0], l.op, l.quantity?.number])).toEqual([["urban-jobs", "set", 2600], ["hard-to-employ", "set", 580]]);
  });

  it("takes several lines at once", () => {
    const r = line("城镇新增就业 2500 人\n就业困难人员就业 600 人");
    expect(r.lines.map((l) => l.ref.codes[0])).toEqual(["urban-jobs", "hard-to-employ"]);
  });

  it("takes a progress note for a qualitative item", () => {
    expect(line("数字惠民工程：已完成测试工作").lines[0]).toMatchObject({ op: "note", text: "已完成测试工作", ref: { codes: ["digital-services"] } });
  });

  it("flags a word where the number should be", () => {
    expect(line("就业困难人员就业 很多 人").problems[0]).toMatchObject({ kind: "bad-number", word: "很多" });
  });

  it("flags unknown lines in a multi-line report", () => {
    const r = line("城镇新增就业 2500 人\n随便写点什么 12 个");
    expect(r.problems).toHaveLength(1);
  });
});

describe("繁体 is read as 简体", () => {
  it.each([
    ["城鎮新增就業", "urban-jobs"],
    ["城鎮新增就業完成情況", "urban-jobs"],
    ["煙感報警器安裝進度", "smoke-alarms"],
    ["家庭醫生簽約服務怎麼樣了", "family-doctor-contracts"],
    ["門診救助金額是多少", "outpatient-aid-funds"],
  ])("%s → %s", (text, code) => {
    expect(queried(text).ref.codes).toEqual([code]);
  });

  it("takes a report written in 繁体", () => {
    const r = parsedAs("城鎮新增就業 2500人", "submission");
    expect(r.lines[0]).toMatchObject({ ref: { codes: ["urban-jobs"] }, op: "set", quantity: { number: 2500 } });
    expect(parsedAs("煙感報警器本週又裝了三百個", "submission").lines[0]).toMatchObject({ ref: { codes: ["smoke-alarms"] }, op: "add", quantity: { number: 300 } });
  });
});

describe("a figure followed by an asking word is a question", () => {
  it.each([
    ["家庭医生签了八万多人了吧", "family-doctor-contracts"],
    ["城镇新增就业到2500人了吗", "urban-jobs"],
    ["烟感装了700个了吧", "smoke-alarms"],
    ["城镇新增就业2500人了没", "urban-jobs"],
    ["城镇新增就业是不是2500人", "urban-jobs"],
    ["城镇新增就业有2500人了对吧", "urban-jobs"],
    ["烟感装了700个对不对", "smoke-alarms"],
    ["城镇新增就业完成2500人了是吧", "urban-jobs"],
  ])("%s → a question about %s", (text, code) => {
    expect(queried(text).ref.codes).toEqual([code]);
  });

  it("still reads plain reports ending in 了 as reports", () => {
    expect(parsedAs("烟感报警器装了700个了", "submission").lines[0]).toMatchObject({ quantity: { number: 700 } });
    expect(parsedAs("城镇新增就业已经2500人了", "submission").lines[0]).toMatchObject({ quantity: { number: 2500 } });
  });
});

describe("money or people words choose among an item's figures", () => {
  it.each([
    ["门诊救助用了多少钱", "outpatient-aid-funds"],
    ["门诊救助花了多少", "outpatient-aid-funds"],
    ["门诊救助金额", "outpatient-aid-funds"],
    ["门诊救助资金有多少万元", "outpatient-aid-funds"],
    ["住院救助花了多少钱", "inpatient-aid-funds"],
    ["门诊救助多少人次", "outpatient-aid"],
    ["门诊救助了多少人", "outpatient-aid"],
    ["门诊救助", "outpatient-aid"],
    ["资助困难群众参保花了多少钱", "medical-aid-insured-funds"],
    ["资助困难群众参保多少人", "medical-aid-insured"],
  ])("%s → %s", (text, code) => {
    expect(queried(text).ref.codes).toEqual([code]);
  });

  it("reads a report in money as the amount, one in people as the count", () => {
    expect(parsedAs("门诊救助 45万元", "submission").lines[0]).toMatchObject({ ref: { codes: ["outpatient-aid-funds"] }, quantity: { number: 45, magnitude: "万" } });
    expect(parsedAs("门诊救助 3000人次", "submission").lines[0]).toMatchObject({ ref: { codes: ["outpatient-aid"] }, quantity: { number: 3000 } });
  });
});

describe("commands", () => {
  it.each([
    ["确认", { type: "confirm" }], ["确定", { type: "confirm" }], ["取消", { type: "cancel" }], ["撤销", { type: "undo" }],
    ["2", { type: "choose", index: 2 }], ["第一个", { type: "choose", index: 1 }],
    ["绑定 wecom:zhangsan 市人社局", { type: "bind", member: "wecom:zhangsan", role: "reporter", unit: "市人社局" }],
    ["绑定 wecom:lisi 管理员", { type: "bind", member: "wecom:lisi", role: "admin" }],
    ["绑定 wecom:lisi 市人社局 管理员", { type: "bind", member: "wecom:lisi", role: "admin", unit: "市人社局" }],
    ["绑定 wecom:zhangsan 市人社局 张三", { type: "bind", member: "wecom:zhangsan", role: "reporter", unit: "市人社局", name: "张三" }],
    ["绑定 wecom:zhangsan 市人社局 填报员 张三", { type: "bind", member: "wecom:zhangsan", role: "reporter", unit: "市人社局", name: "张三" }],
    ["绑定 wecom:lisi 管理员 李四", { type: "bind", member: "wecom:lisi", role: "admin", name: "李四" }],
    ["设置姓名 wecom:zhangsan 张三", { type: "name", member: "wecom:zhangsan", name: "张三" }],
    ["修改姓名 wecom:zhangsan 张三", { type: "name", member: "wecom:zhangsan", name: "张三" }],
    ["设置名字 telegram:123 John Smith", { type: "name", member: "telegram:123", name: "John Smith" }],
    ["设置姓名 wecom:zhangsan", { type: "name", member: "wecom:zhangsan", name: "" }],
    ["我叫张三", { type: "name", name: "张三" }],
    ["我叫 张三。", { type: "name", name: "张三" }],
    ["我的姓名 张三", { type: "name", name: "张三" }],
    ["我的名字是张三，市人社局的", { type: "name", name: "张三" }],
    ["我的名字是什么？", { type: "whoami" }],
  ])("%s", (text, intent) => expect(parse(text)).toEqual(intent));
});

describe("slash commands map straight to intents", () => {
  // the Telegram channel used to send these sentences in place of its commands
  it.each([
    ["/start", "帮助", "help"],
    ["/help", "帮助", "help"],
    ["/laggards", "哪些指标落后了", "laggards"],
    ["/report_doc", "生成本月专报", "reportdoc"],
    ["/summary", "本月进度摘要", "summary"],
    ["/dashboard", "看板", "signin"],
    ["/login", "看板", "signin"],
    ["/chart", "落后指标图", "chart"],
  ])("%s → %s", (command, sentence, type) => {
    expect(parse(command)).toEqual(parse(sentence));
    expect(parse(command).type).toBe(type);
  });

  it("reads what /query and /report carry as the message it is", () => {
    expect(parsedAs("/query 城镇新增就业", "query").ref.codes).toEqual(["urban-jobs"]);
    expect(parse("/query 城镇新增就业")).toEqual(parse("城镇新增就业"));
    const report = parsedAs("/report 城镇新增就业 2400 人", "submission");
    expect(report.lines.map((l) => [l.ref.codes, l.op, l.quantity?.number])).toEqual([[["urban-jobs"], "set", 2400]]);
    expect(parse("/report 城镇新增就业 2400 人\n职业技能培训 320 人")).toEqual(parse("城镇新增就业 2400 人\n职业技能培训 320 人"));
  });

  it("shows the help for /query or /report with nothing after it", () => {
    expect(parse("/query")).toEqual({ type: "help" });
    expect(parse("/report ")).toEqual({ type: "help" });
  });

  it("takes a group's @mention of the bot and a trailing full stop", () => {
    expect(parse("/laggards@duban_bot")).toEqual({ type: "laggards" });
    expect(parse("/query@duban_bot 城镇新增就业")).toEqual(parse("城镇新增就业"));
    expect(parse("/summary。")).toEqual({ type: "summary" });
  });

  it("answers the fixed commands whatever follows them, as the channel did", () => {
    expect(parse("/laggards 随便")).toEqual({ type: "laggards" });
    expect(parse("/start invite-code")).toEqual({ type: "help" });
  });
});

describe("never throws", () => {
  it("reports a parser bug to its caller and still answers unknown", () => {
    const bug = new Error("parser bug");
    // a vocabulary that throws when read stands in for a bug inside the rules
    const broken = { ...vocab, get indicators(): never { throw bug; } };
    const reported: [unknown, string][] = [];
    const intent = parseMessage("城镇新增就业多少", broken, (e, text) => reported.push([e, text]));
    expect(intent).toEqual({ type: "unknown", text: "城镇新增就业多少" });
    expect(reported).toEqual([[bug, "城镇新增就业多少"]]);
  });

  const hostile = [
    "", " ", "\u0000", "🙂".repeat(500), "%".repeat(10000), "9".repeat(400), "1e309 人", "NaN 人", "-5 人", "城镇新增就业 -1 人",
    "城镇新增就业 1e999", "'; DROP TABLE \"Indicator\"; --", "<script>alert(1)</script>", "\\u0000\\n", "百分之百分之",
    "一二三四五六七八九十百千万亿", "\n\n\n", "；；；", "绑定", "绑定  ", "第0个", "城镇新增就业\n".repeat(200), "\uD800",
  ];
  it.each(hostile.map((h) => [h.slice(0, 30), h]))("%s", (_label, text) => {
    const intent = parseUnguarded(text, vocab);
    expect(Intent.safeParse(intent).success).toBe(true);
  });

  it("returns a valid intent for any string", () => {
    const names = vocab.indicators.flatMap((i) => i.names);
    const pieces = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 40 }),
      fc.string({ maxLength: 40 }),
      fc.constantFrom(...names, "多少", "进度", "又", "万", "亿", "百分之", "人", "个", "确认", "撤销", "\n", "：", "１２", "两千", "%"),
      fc.double().map(String),
      fc.integer().map(String),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
        const intent = parseUnguarded(parts.join(""), vocab);
        return Intent.safeParse(intent).success;
      }),
      { numRuns: 3000 },
    );
  });
});

describe("corrections and undo said in words", () => {
  it.each([
    ["不对，应该是590", 590, ""],
    ["错了，是590", 590, ""],
    ["应为590人", 590, "人"],
    ["写错了，应该是3.5万人", 3.5, "人"],
    ["改为1350人", 1350, "人"],
  ])("%s is a correction", (t, n, unit) => {
    const c = parsedAs(t, "correct");
    expect(c.quantity.number).toBe(n);
    expect(c.quantity.unit).toBe(unit);
  });
  it.each(["刚才报错了，撤回", "刚才那个报错了撤回一下", "撤回上一条", "数据填错了请撤销", "撤销刚才填的", "报错了，撤回刚才那条", "填错了，撤销刚才那个", "刚才那条发错了，麻烦撤回一下", "错了撤回", "上一条报错了请撤销掉"])("%s is undo", (t) => {
    parsedAs(t, "undo");
  });
  it("不对 alone still cancels; a corrected line naming its indicator is a report", () => {
    parsedAs("不对", "cancel");
    expect(parsedAs("应该是城镇新增就业2400人", "submission").lines[0]!.ref.codes).toEqual(["urban-jobs"]);
  });
});

describe("a bare figure", () => {
  it.each([
    ["2468", "set", 2468, ""],
    ["2468人", "set", 2468, "人"],
    ["又完成了30个", "add", 30, "个"],
    ["今天新增12人", "add", 12, "人"],
    ["累计完成300户", "set", 300, "户"],
  ])("%s asks which indicator", (t, op, n, unit) => {
    const b = parsedAs(t, "bare");
    expect(b.op).toBe(op);
    expect(b.quantity.number).toBe(n);
    expect(b.quantity.unit).toBe(unit);
  });
  it.each(["13812345678", "4月", "又完成了三百来个", "第3期"])("%s is no bare figure", (t) => {
    expect(parse(t).type).not.toBe("bare");
  });
});

describe("a figure with a tag question is asked, not reported", () => {
  it.each([
    ["烟感装了700个吧", "smoke-alarms"],
    ["家庭医生签了八万多人了吧", "family-doctor-contracts"],
    ["城镇新增就业2400人吧", "urban-jobs"],
    ["助餐点建了40个了吧", "elderly-canteens"],
  ])("%s", (t, code) => {
    expect(queried(t).ref.codes).toEqual([code]);
  });
});

describe("a report clause and a question clause in one message", () => {
  it("stores the report's line and keeps the question apart", () => {
    const s = parsedAs("城镇新增就业2415人，失业人员再就业现在多少了", "submission");
    expect(s.lines.map((l) => [l.ref.codes[0], l.quantity?.number])).toEqual([["urban-jobs", 2415]]);
    expect(s.problems).toEqual([]);
    expect(s.questions?.map((q) => q.codes)).toEqual([["reemployment"]]);
  });
  it("a question's figure is never a line", () => {
    const s = parsedAs("城镇新增就业2415人，再就业是不是500人了", "submission");
    expect(s.lines).toHaveLength(1);
    expect(s.questions?.[0]!.codes).toEqual(["reemployment"]);
  });
});

describe("generic fragments are not confident names", () => {
  it.each(["老人 6", "医院 6", "儿童 6", "社区 6", "学校 3"])("%s is a guess at most", (t) => {
    const intent = parse(t);
    if (intent.type === "submission") expect(intent.lines.every((l) => l.ref.guess || l.ref.codes.length > 1)).toBe(true);
    else expect(intent.type).not.toBe("submission");
  });
  it("the whole alias is still confident", () => {
    const s = parsedAs("老人食堂 6", "submission");
    expect(s.lines[0]!.ref).toEqual({ codes: ["elderly-canteens"], phrase: "老人食堂" });
  });
  it("报警的小玩意 is not the basic pension", () => {
    const intent = parse("给独居老人家装了报警的小玩意三十个");
    const codes = intent.type === "submission" ? intent.lines.flatMap((l) => l.ref.codes) : "ref" in intent ? intent.ref.codes : [];
    expect(codes).not.toContain("basic-pension");
  });
  it.each([
    ["医疗救助花了多少钱", ["medical-aid-insured-funds", "inpatient-aid-funds", "outpatient-aid-funds"]],
    ["门诊救助用了多少钱", ["outpatient-aid-funds"]],
    ["住院救助花了多少资金", ["inpatient-aid-funds"]],
    ["安全饮水保障了多少户", ["safe-water-households"]],
  ])("%s asks for the figure in that measure", (t, codes) => {
    expect(queried(t).ref.codes).toEqual(codes);
  });
});

describe("narrative reports", () => {
  it("截至本月底…累计 sets the running total", () => {
    const s = parsedAs("截至本月底，我局累计完成高标准农田建设5.6万亩，请审核。", "submission");
    expect(s.lines.map((l) => [l.ref.codes[0], l.op, l.quantity?.number, l.quantity?.magnitude])).toEqual([["high-standard-farmland", "set", 5.6, "万"]]);
  });
  it.each(["共", "总计", "已完成", "达到"])("%s before the figure sets", (w) => {
    const s = parsedAs(`本月城镇新增就业${w}2600人`, "submission");
    expect(s.lines[0]!.op).toBe("set");
  });
});

describe("alias suggestions and removal (admin commands)", () => {
  it.each([
    ["别名建议", "list", undefined],
    ["采纳别名 2", "approve", 2],
    ["忽略别名 2", "reject", 2],
    ["忽略别名第3条", "reject", 3],
  ])("%s", (t, action, index) => {
    const a = parsedAs(t, "aliases");
    expect(a.action).toBe(action);
    expect(a.index).toBe(index);
  });
  it("删除别名 <指标> <别名> is an edit", () => {
    const e = parsedAs("删除别名 城镇新增就业 城镇就业", "edit");
    expect([e.ref.codes, e.field, e.value]).toEqual([["urban-jobs"], "unalias", "城镇就业"]);
  });
});

describe("figures that are not the indicator's are not taken", () => {
  it.each([
    "第3期城镇新增就业2600人",
    "城镇新增就业第3期2600人",
    "城镇新增就业2600人，联系电话13812345678",
    "城镇新增就业同比增长12%，达到2600人",
    "截至4月底，全市城镇新增就业2600人，完成年度目标的43%",
    "4月20日城镇新增就业2600人",
  ])("%s → 2600", (t) => {
    const s = parsedAs(t, "submission");
    expect(s.lines.map((l) => [l.ref.codes[0], l.quantity?.number, l.quantity?.percent])).toEqual([["urban-jobs", 2600, false]]);
  });
  it("a pasted paragraph yields each indicator's own figure", () => {
    const s = parsedAs("今年以来，我局高度重视民生实事工作，狠抓责任落实。截至4月底，全市城镇新增就业2600人，完成年度目标的43%；失业人员再就业1400人。下一步，我局将继续加大工作力度。", "submission");
    expect(s.lines.map((l) => [l.ref.codes[0], l.op, l.quantity?.number])).toEqual([["urban-jobs", "set", 2600], ["reemployment", "set", 1400]]);
  });
});
