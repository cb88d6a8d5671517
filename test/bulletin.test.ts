// The 工作专报's other sections by message, end to end through POST /api/chat on PGlite and on
// PostgreSQL: 要闻 with their dates and units, the admins' list / delete / move to next issue,
// 亮点 and which one is chosen, the cumulative counts with their checks, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newsDate, countsParagraph, DEFAULT_REPORT_SETTINGS, tallyDecreases } from "../src/domain/bulletin.js";
import { parseBulletin } from "../src/nlu/bulletin.js";
import { toSimplified } from "../src/nlu/simplified.js";
import { testTargets } from "./helpers/databases.js";
import { startTestService, TOKEN, type TestService } from "./helpers/service.js";

describe("reading 专报 messages", () => {
  it("reads 要闻 and 工作动态 as written, 亮点 as title and paragraphs", () => {
    expect(parseBulletin("要闻：3月27日，省妇联一行来到汨罗调研。")).toEqual({ type: "news", text: "3月27日，省妇联一行来到汨罗调研。" });
    expect(parseBulletin("工作动态:4月1日,领导小组约谈负责人。")).toEqual({ type: "news", text: "4月1日,领导小组约谈负责人。" });
    // a 要闻 naming an indicator and a figure is not a report of it
    expect(parseBulletin("要闻：4月2日，城镇新增就业 2230 人。")?.type).toBe("news");
    expect(parseBulletin("亮点：妇联：向阳花开\r\n\r\n一是高位推动。\n二是精准配套。")).toEqual({ type: "highlight", title: "妇联：向阳花开", paragraphs: ["一是高位推动。", "二是精准配套。"] });
    expect(parseBulletin(toSimplified("要聞：4月1日，會議召開。"))).toEqual({ type: "news", text: "4月1日，会议召开。" });
  });

  it("reads counts in any order and spelling, the total left to be computed", () => {
    expect(parseBulletin("资料上传：政策文件 66 条，建设内容53条、项目详情：85，共 204 条")).toEqual({
      type: "tally", kind: "materials", entries: [{ name: "政策文件", value: 66 }, { name: "建设内容", value: 53 }, { name: "项目详情", value: 85 }], problems: [],
    });
    expect(parseBulletin("新闻报道：汨罗级媒体 50 篇，省级媒体四十七篇")).toMatchObject({ kind: "news", entries: [{ name: "汨罗级媒体", value: 50 }, { name: "省级媒体", value: 47 }] });
    expect(parseBulletin("资料上传：政策文件很多")).toMatchObject({ problems: ["政策文件很多"] });
  });

  it("reads the admins' commands", () => {
    expect(parseBulletin("本期要闻")).toEqual({ type: "bulletin", action: "news" });
    expect(parseBulletin("删除要闻 3")).toEqual({ type: "bulletin", action: "dropnews", index: 3 });
    expect(parseBulletin("删除第二条要闻")).toEqual({ type: "bulletin", action: "dropnews", index: 2 });
    expect(parseBulletin("要闻3移到下期")).toEqual({ type: "bulletin", action: "defernews", index: 3 });
    expect(parseBulletin("把第2条要闻放到下一期")).toEqual({ type: "bulletin", action: "defernews", index: 2 });
    expect(parseBulletin("本期亮点")).toEqual({ type: "bulletin", action: "highlights" });
    expect(parseBulletin("选用亮点 2")).toEqual({ type: "bulletin", action: "choosehighlight", index: 2 });
    expect(parseBulletin("删除亮点2")).toEqual({ type: "bulletin", action: "drophighlight", index: 2 });
    expect(parseBulletin("删除3")).toBeUndefined();
    expect(parseBulletin("城镇新增就业进度多少")).toBeUndefined();
  });

  it("dates a 要闻 by the day it opens with, in the year before when that day is still to come", () => {
    expect(newsDate("3月27日，省妇联…", "2025-04-20")).toBe("2025-03-27");
    expect(newsDate("4月8日至9日，市商务粮食局…", "2025-04-20")).toBe("2025-04-08");
    expect(newsDate("12月28日，会议召开", "2026-01-05")).toBe("2025-12-28");
    expect(newsDate("2月30日，会议召开", "2025-04-20")).toBe("2025-04-20");
    expect(newsDate("近日，会议召开", "2025-04-20")).toBe("2025-04-20");
  });

  it("words the counts paragraph as the seed does, totals computed, names never reported left out", () => {
    const text = countsParagraph(DEFAULT_REPORT_SETTINGS, { materials: { 工作动态: 129, 政策文件: 66 }, news: {} });
    expect(text).toBe("“人社一体化业务管理系统”共上传项目数据 195 条，其中政策文件 66 条、工作动态 129 条。");
    expect(countsParagraph(DEFAULT_REPORT_SETTINGS, { materials: {}, news: {} })).toBeUndefined();
    expect(tallyDecreases({ 政策文件: 66 }, [{ name: "政策文件", value: 60 }, { name: "建设内容", value: 1 }])).toEqual(["政策文件从 66 减少到 60"]);
  });
});

describe.each(testTargets)("专报 content by chat on $name", (db) => {
  let svc: TestService;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const created = await db.create();
    drop = created.drop;
    svc = await startTestService(created.target);
    await svc.chat("admin", "绑定 api:fl 市妇联");
    await svc.chat("admin", "绑定 api:boss viewer");
  });
  afterAll(async () => {
    await svc?.close();
    await drop?.();
  });

  it("stores 要闻 with date and unit, lists them numbered, deletes one and moves one to the next issue", async () => {
    expect(await svc.chat("fl", "要闻：4月10日，市妇联召开“向阳花”行动工作推进会。")).toMatch(/已收录为本期要闻（2025-04-10，市妇联）/u);
    await svc.chat("admin", "工作动态：4月1日，领导小组约谈负责人。");
    await svc.chat("fl", "要闻：4月16日，城镇新增就业 2230 人的经验交流会召开。");
    expect(await svc.value("城镇新增就业")).toBe(2230); // unchanged from the seed: a 要闻 is no report
    const list = await svc.chat("admin", "本期要闻");
    expect(list.split("\n").slice(0, 4)).toEqual([
      "本期要闻 3 条：",
      "1. 4月1日 ：4月1日，领导小组约谈负责人。",
      "2. 4月10日 市妇联：4月10日，市妇联召开“向阳花”行动工作推进会。",
      "3. 4月16日 市妇联：4月16日，城镇新增就业 2230 人的经验交流会召开。",
    ]);
    expect(await svc.chat("admin", "删除要闻 3")).toMatch(/已删除要闻 3[\s\S]*本期要闻 2 条/u);
    expect(await svc.chat("admin", "要闻 1 移到下期")).toMatch(/已移到下期（5月的专报）/u);
    const after = await svc.chat("admin", "本期要闻");
    expect(after).toMatch(/^本期要闻 1 条：\n1\. 4月10日 市妇联/u);
    expect(after).toContain("另有 1 条已移到下期");
    expect(await svc.chat("admin", "删除要闻 9")).toBe("本期只有 1 条要闻，请先发送「本期要闻」核对序号。");
  });

  it("stores a 要闻 once when its message is run twice (a channel's retry after a crash), and audits the admins' changes", async () => {
    const once = { memberId: "api:fl", channel: "wecom", text: "要闻：4月11日，市妇联走访留守儿童家庭。", message: { channel: "wecom", messageId: "msg-4711" } };
    await svc.app.bot.reply(once);
    await svc.app.bot.reply(once);
    const list = await svc.chat("admin", "本期要闻");
    expect(list.match(/走访留守儿童家庭/gu)).toHaveLength(1);
    expect(await svc.chat("admin", "删除要闻 1")).toMatch(/已删除要闻 1/u);
    const audit = await svc.app.audit.recent(5);
    expect(audit.map((a) => [a.actor, a.action, a.detail?.text])).toContainEqual(["api:admin", "bulletin", "删除要闻：4月10日，市妇联召开“向阳花”行动工作推进会。"]);
  });

  it("refuses 要闻 from a viewer and the admins' commands from a reporter, storing nothing", async () => {
    expect(await svc.chat("boss", "要闻：4月12日，视察。")).toMatch(/^只有已绑定单位的填报人或管理员/u);
    expect(await svc.chat("fl", "删除要闻 1")).toBe("只有管理员可以整理专报的要闻和亮点。");
    expect(await svc.chat("admin", "本期要闻")).toMatch(/^本期要闻 1 条/u);
    expect(await svc.chat("admin", "本期要闻")).not.toContain("视察");
  });

  it("keeps several 亮点 and the one chosen", async () => {
    expect(await svc.chat("fl", "亮点：只有标题")).toMatch(/只有标题没有正文/u);
    expect(await svc.chat("fl", "亮点：妇联：向阳花开\n一是高位推动。\n二是精准配套。")).toMatch(/已收到亮点：《妇联：向阳花开》，正文 2 段。本期共 1 篇亮点/u);
    await svc.chat("admin", "亮点：专班：调度有力\n一是每月调度。");
    expect(await svc.chat("admin", "本期亮点")).toMatch(/1\. 《妇联：向阳花开》[\s\S]*2\. 【选用】《专班：调度有力》[\s\S]*未指定时用最新一篇/u);
    expect(await svc.chat("admin", "选用亮点 1")).toBe("✅ 本期专报选用亮点 1：《妇联：向阳花开》。");
    expect(await svc.chat("admin", "本期亮点")).toMatch(/1\. 【选用】《妇联：向阳花开》/u);
    expect(await svc.chat("admin", "选用亮点 5")).toMatch(/本期只有 2 篇亮点/u);
    // the chosen one deleted: the issue falls back to the newest left
    expect(await svc.chat("fl", "删除亮点 1")).toBe("只有管理员可以整理专报的要闻和亮点。");
    expect(await svc.chat("admin", "删除第1篇亮点")).toMatch(/^✅ 已删除亮点 1：《妇联：向阳花开》\n本期亮点 1 篇：\n1\. 【选用】《专班：调度有力》/u);
    const text = await (await fetch(`${svc.url}/api/report?date=2025-04-20`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(text.slice(text.indexOf("【工作亮点】"))).toBe("【工作亮点】\n\n专班：调度有力\n一是每月调度。");
  });

  it("records counts cumulatively: totals computed, a smaller count confirmed first, a wrong name refused whole", async () => {
    const first = await svc.chat("admin", "资料上传：政策文件 66 条，建设内容 53 条");
    expect(first).toContain("合计 119 条：政策文件 66、建设内容 53。");
    expect(first).toContain("尚未报送：项目详情、成效展示、工作动态、工作专报、工作总结。");
    expect(await svc.chat("admin", "资料上传：政策文件 70 条，宣传材料 5 条")).toMatch(/“宣传材料”不是资料上传的类别（可用：政策文件、建设内容/u);
    expect(await svc.chat("admin", "资料上传：政策文件 60 条")).toMatch(/以下比上次报的少：政策文件从 66 减少到 60/u);
    expect(await svc.chat("admin", "取消")).toBe("已取消，没有做任何修改。");
    await svc.chat("admin", "资料上传：政策文件 60 条");
    expect(await svc.chat("admin", "确认")).toContain("合计 113 条：政策文件 60、建设内容 53。");
    expect(await svc.chat("fl", "新闻报道：汨罗级媒体 50 篇，国家级媒体 1 篇")).toContain("合计 51 篇：汨罗级媒体 50、国家级媒体 1。");
    expect(await svc.chat("boss", "新闻报道：汨罗级媒体 80 篇")).toMatch(/^只有已绑定单位的填报人或管理员/u);
  });

  it("lets an admin name the kinds of material, the media levels and the system; the next counts are read against them", async () => {
    expect(await svc.chat("fl", "设置媒体级别 县级媒体")).toBe("只有管理员可以修改专报设置。");
    expect(await svc.chat("admin", "专报设置")).toContain("- 媒体级别：汨罗级媒体、岳阳级媒体、省级媒体、国家级媒体");
    expect(await svc.chat("admin", "设置媒体级别 市级媒体、市级媒体")).toBe("媒体级别没有修改：“市级媒体”写了两次。");
    expect(await svc.chat("admin", "设置媒体级别 5G媒体")).toMatch(/^媒体级别没有修改：“5G媒体”不能作名称/u);
    expect(await svc.chat("admin", "设置媒体级别：县级媒体、市级媒体、省级媒体、国家级媒体")).toContain("- 媒体级别：县级媒体、市级媒体、省级媒体、国家级媒体");
    expect(await svc.chat("admin", "新闻报道：县级媒体 12 篇，国家级媒体 2 篇")).toContain("合计 14 篇：县级媒体 12、国家级媒体 2。");
    expect(await svc.chat("admin", "设置上传系统 湖南省民生实事管理系统")).toContain("- 上传系统：湖南省民生实事管理系统");
    const text = await (await fetch(`${svc.url}/api/report?date=2025-04-20`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(text).toContain("“湖南省民生实事管理系统”共上传项目数据 113 条");
    expect(text).toContain("发布新闻报道 14 篇，其中县级媒体 12 篇、国家级媒体 2 篇。");
    // back to the seed's, for the tests after
    await svc.chat("admin", "设置媒体级别 汨罗级媒体、岳阳级媒体、省级媒体、国家级媒体");
    await svc.chat("admin", "设置上传系统 人社一体化业务管理系统");
  });

  it("numbers issues by month through /api/report: the next after the last, a month before the last or a number taken refused in one sentence", async () => {
    const get = (q: string) => fetch(`${svc.url}/api/report?${q}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const head = async (q: string) => (await (await get(q)).text()).split("\n").slice(0, 4);
    expect(await head("date=2025-04-20")).toEqual(["汨罗市民生补短提质攻坚 工作专报", "第3期", "市民生补短提质攻坚工作专班", "2025年4月20日"]);
    expect(await head("date=2025-06-20")).toEqual(["汨罗市民生补短提质攻坚 工作专报", "第4期", "市民生补短提质攻坚工作专班", "2025年6月20日"]);
    // made again in its month: the same number, the new date
    expect((await head("date=2025-06-25"))[1]).toBe("第4期");
    const refused = async (q: string) => {
      const res = await get(q);
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: string }).error;
    };
    expect(await refused("date=2025-05-20")).toBe("5月没有出过专报，而6月已是第4期，请用 --issue 指定5月的期号，例如“第3期”。");
    expect(await refused(`date=2025-07-20&issue=${encodeURIComponent("第4期")}`)).toBe("第4期已是6月的专报");
    expect(await refused(`date=2025-07-20&issue=${encodeURIComponent("下一期")}`)).toBe("期号“下一期”看不懂，请写成“第3期”。");
    expect(await refused("section=all")).toMatch(/section 应为 whole 或 progress/u);
    // the progress section alone, as before the whole 专报: no 要闻, no issue number made
    const progress = await (await get("date=2025-07-20&section=progress")).text();
    expect(progress.split("\n").slice(1, 2)).toEqual(["2025年7月"]);
    expect(progress).not.toContain("【工作要闻】");
    expect((await head("date=2025-07-20"))[1]).toBe("第5期");
  });
});
