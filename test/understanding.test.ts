// How units' figure messages are read, end to end: corrections, bare figures, tag questions, a
// question beside a report, generic fragments and narrative totals. Stored values are read from
// GET /api/indicators, so each test proves what was stored, held or refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { optionOf, startTestService, type TestService } from "./helpers/service.js";

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ dataDir: "memory://" });
  await svc.chat("admin", "绑定 api:rs 市人社局");
  await svc.chat("admin", "绑定 api:rs2 市人社局");
  await svc.chat("admin", "绑定 api:mz 市民政局");
  await svc.chat("admin", "绑定 api:xf 市消防救援大队");
  await svc.chat("admin", "绑定 api:ny 市农业农村局");
});
afterAll(async () => svc?.close());

const value = (name: string) => svc.value(name);

describe("a question clause beside a report", () => {
  it("stores the report, answers the question, never stores the question's figure", async () => {
    const r = await svc.chat("rs", "城镇新增就业2415人，失业人员再就业现在多少了");
    expect(r).toContain("已更新");
    expect(r).toContain("失业人员再就业");
    expect(await value("城镇新增就业")).toBe(2415);
    expect(await value("失业人员再就业")).toBe(1304);
    const q = await svc.chat("rs", "城镇新增就业2500人，再就业是不是500人了");
    expect(q).toContain("已更新");
    expect(await value("城镇新增就业")).toBe(2500);
    expect(await value("失业人员再就业")).toBe(1304);
  });
});

describe("corrections", () => {
  it("replaces a held figure and applies it when it now looks right", async () => {
    expect(await svc.chat("rs", "城镇新增就业 2100 人")).toContain("确认");
    const r = await svc.chat("rs", "不对，应该是2590");
    expect(r).toContain("已更新");
    expect(await value("城镇新增就业")).toBe(2590);
  });

  it("holds the corrected figure again, with the reason, when it still looks wrong", async () => {
    expect(await svc.chat("rs", "城镇新增就业 100 人")).toContain("确认");
    const r = await svc.chat("rs", "错了，是200");
    expect(r).toContain("确认");
    expect(r).toContain("200");
    expect(r).toContain("少了");
    expect(await value("城镇新增就业")).toBe(2590);
    expect(await svc.chat("rs", "取消")).toContain("已取消");
    expect(await value("城镇新增就业")).toBe(2590);
  });

  it("with nothing held, corrects the member's own last report and says which, old → new", async () => {
    expect(await svc.chat("rs", "失业人员再就业 1400 人")).toContain("已更新");
    const r = await svc.chat("rs", "应为1350人");
    expect(r).toContain("已更正");
    expect(r).toContain("失业人员再就业");
    expect(r).toMatch(/1,?400/u);
    expect(r).toMatch(/1,?350/u);
    expect(await value("失业人员再就业")).toBe(1350);
  });

  it("a corrected increment is the amount that was meant", async () => {
    expect(await svc.chat("rs", "就业困难人员就业又完成了10人")).toContain("已更新");
    expect(await value("就业困难人员就业")).toBe(572);
    expect(await svc.chat("rs", "不对，应该是8人")).toContain("已更正");
    expect(await value("就业困难人员就业")).toBe(570);
  });

  it("with no recent report of one's own, asks which indicator", async () => {
    const r = await svc.chat("rs2", "应为590人");
    expect(r).toContain("哪个指标");
    expect(await value("城镇新增就业")).toBe(2590);
  });

  it("刚才报错了，撤回 undoes the last report", async () => {
    expect(await svc.chat("rs", "创业培训 200 人")).toContain("已更新");
    expect(await svc.chat("rs", "刚才报错了，撤回")).toContain("已撤销");
    expect(await value("创业培训")).toBe(170);
    expect(await svc.chat("rs", "创业培训 210 人")).toContain("已更新");
    expect(await svc.chat("rs", "刚才那个报错了撤回一下")).toContain("已撤销");
    expect(await value("创业培训")).toBe(170);
  });
});

describe("a bare figure", () => {
  it("asks which of the unit's indicators, and the number picked stores it", async () => {
    const r = await svc.chat("rs", "2468人");
    expect(r).toContain("哪个指标");
    expect(r).toContain("城镇新增就业");
    expect(r).not.toContain("烟感");
    expect(await value("城镇新增就业")).toBe(2590);
    const stored = await svc.chat("rs", optionOf(r, "城镇新增就业"));
    // smaller than 2590: the normal checks hold it
    expect(stored).toContain("确认");
    expect(await svc.chat("rs", "确认")).toContain("已更新");
    expect(await value("城镇新增就业")).toBe(2468);
  });

  it("又完成了30个 adds to the one picked", async () => {
    const r = await svc.chat("xf", "又完成了30个");
    expect(r).toContain("无线感烟火灾探测报警器");
    expect(await svc.chat("xf", optionOf(r, "无线感烟火灾探测报警器"))).toContain("已更新");
    expect(await value("无线感烟火灾探测报警器")).toBe(635);
  });

  it("a correction while the choice waits replaces the figure, not an earlier report", async () => {
    const r = await svc.chat("xf", "又完成了20个");
    expect(r).toContain("哪个指标");
    const again = await svc.chat("xf", "不对，应该是25个");
    expect(again).toContain("已改为");
    expect(await value("无线感烟火灾探测报警器")).toBe(635);
    expect(await svc.chat("xf", optionOf(again, "无线感烟火灾探测报警器"))).toContain("已更新");
    expect(await value("无线感烟火灾探测报警器")).toBe(660);
  });

  it("a viewer is told to name the indicator", async () => {
    expect(await svc.chat("viewer", "2468")).toContain("指标名称");
  });

  it("a small bare number with no choice waiting is a figure too: asked which indicator, nothing stored", async () => {
    const before = await value("无线感烟火灾探测报警器");
    const r = await svc.chat("xf", "12");
    expect(r).toContain("哪个指标");
    expect(r).toContain("无线感烟火灾探测报警器");
    expect(await value("无线感烟火灾探测报警器")).toBe(before);
    // a viewer's 3 with nothing to choose still says there is no choice, not a figure question
    expect(await svc.chat("viewer", "3")).toContain("没有需要选择");
  });
});

describe("tag questions and generic fragments", () => {
  it("烟感装了700个吧 is a question", async () => {
    const r = await svc.chat("xf", "烟感装了700个吧");
    expect(r).not.toContain("已更新");
    expect(await value("无线感烟火灾探测报警器")).toBe(660);
    expect(await svc.chat("viewer", "家庭医生签了八万多人了吧")).not.toContain("已更新");
  });

  it("老人 6 is shown back for 确认, not stored", async () => {
    const r = await svc.chat("mz", "老人 6");
    expect(r).not.toContain("已更新");
    expect(r).toContain("确认");
    expect(await value("新建社区老年助餐点")).toBe(4);
    expect(await svc.chat("mz", "取消")).toContain("已取消");
    expect(await svc.chat("mz", "老人食堂 6")).toContain("已更新");
    expect(await value("新建社区老年助餐点")).toBe(6);
  });

  it("money words ask for the amount", async () => {
    expect(await svc.chat("viewer", "门诊救助用了多少钱")).toContain("43.82");
    const r = await svc.chat("viewer", "医疗救助花了多少钱");
    expect(r).toContain("门诊救助金额");
    expect(r).toContain("住院救助金额");
  });
});

describe("narrative reports", () => {
  it("截至本月底…累计 sets the total (5.42 → 5.6, not 11.02)", async () => {
    const r = await svc.chat("ny", "截至本月底，我局累计完成高标准农田建设5.6万亩，请审核。");
    expect(r).toContain("已更新");
    expect(await value("高标准农田建设")).toBe(5.6);
  });
});

describe("a pasted work summary", () => {
  it("finds the figures in the prose and holds them for 确认 rather than applying", async () => {
    await svc.chat("admin", "绑定 api:rs3 市人社局");
    const before = await value("新增农村劳动力转移就业");
    const r = await svc.chat("rs3", "今年以来，我局高度重视民生实事工作，强化组织领导，狠抓责任落实，多措并举推动就业。截至4月底，全市新增农村劳动力转移就业3000人，完成年度目标的43%。下一步，我局将继续加大工作力度，确保完成全年任务。");
    expect(r).toContain("确认");
    expect(r).toContain("新增农村劳动力转移就业");
    expect(await value("新增农村劳动力转移就业")).toBe(before);
    expect(await svc.chat("rs3", "确认")).toContain("已更新");
    expect(await value("新增农村劳动力转移就业")).toBe(3000);
  });
});

describe("a long remark is not prose", () => {
  it("a report line with a long 备注 or bracketed note applies at once: the remark is the unit's own words, set apart", async () => {
    await svc.chat("admin", "绑定 api:rs4 市人社局");
    const r = await svc.chat("rs4", "职业技能培训 330 人，备注：含4月上旬数据及部分乡镇补报的3月数据，已与市统计局核对一致，如有疑问请联系就业股");
    expect(r).toContain("已更新");
    expect(await value("职业技能培训")).toBe(330);
    const b = await svc.chat("rs4", "职业技能培训 340 人（含网创培训30人，另有部分乡镇数据尚在核实之中，下月一并补报）");
    expect(b).toContain("已更新");
    expect(await value("职业技能培训")).toBe(340);
  });
});

describe("a long progress note is not a figure in prose", () => {
  it("applies at once", async () => {
    const r = await svc.chat("admin", "数字惠民工程：" + "已完成账号配置、授权、引用、填报、发布等工作，".repeat(5));
    expect(r).toContain("已更新");
    expect(r).not.toContain("从一段文字中读出");
  });
});
