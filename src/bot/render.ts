// The bot's reply texts. Pure: everything shown comes from the arguments, in simplified Chinese,
// with numbers as the report writes them (8.61 万人, 93.67%); shared wording is domain/presentation.ts.
import { authorName } from "../domain/person-name.js";
import type { Catalog, CatalogIndicator } from "../catalog/catalog.js";
import { ceilTo, formatNumber, formatPct } from "../domain/numbers.js";
import { shanghaiDateTime } from "../shanghai.js";
import { scheduleShare } from "../domain/schedule.js";
import { progressOf, tally, type Progress, type ProgressContext } from "../domain/status.js";
import type { HistoryEntry } from "../store/plan-store.js";
import { changeSummary, laggardsOf, largestGaps, quantity, truncate } from "../domain/presentation.js";

function paceText(p: Progress): string {
  if (p.gapPoints === undefined || p.pace === undefined) return "";
  const pts = formatNumber(Math.abs(p.gapPoints), 2);
  if (p.pace === "ahead") return `超前时序进度 ${pts} 个百分点`;
  if (p.pace === "on") return "与时序进度持平";
  return `落后时序进度 ${pts} 个百分点`;
}

function boundText(i: CatalogIndicator): string {
  return `${i.comparator === "lte" ? "≤" : "≥"} ${quantity(i.target, i.unit)}`;
}

/** Everything an official asks about one indicator. */
export function indicatorDetail(i: CatalogIndicator, ctx: ProgressContext, last?: HistoryEntry): string {
  const p = progressOf(i, ctx);
  const lines = [`【${i.name}】`];
  if (i.kind === "constraint") {
    lines.push(`当前：${quantity(i.value, i.unit)}　要求：${boundText(i)}`);
    lines.push(p.met === undefined ? "状态：暂无数据，无法判断是否达标" : p.met ? "状态：✅ 达标" : "状态：❌ 未达标");
  } else if (i.kind === "qualitative" && i.value === null) {
    // progress told only in words, below
  } else if (i.kind === "figure" || i.target === null) {
    lines.push(`当前：${quantity(i.value, i.unit)}（本项无年度目标）`);
  } else {
    lines.push(`当前：${quantity(i.value, i.unit)}　全年目标：${quantity(i.target, i.unit)}`);
    if (p.completionPct !== undefined) {
      const pace = p.schedulePct !== undefined ? `，时序进度 ${formatPct(p.schedulePct)}，${paceText(p)}` : "";
      lines.push(`完成全年任务的 ${formatPct(p.completionPct)}${pace}`);
      if (p.pace === "behind" && p.shortfall) lines.push(`还差 ${quantity(ceilTo(p.shortfall, i.decimals), i.unit)} 达到时序进度`);
    } else if (i.value === null) {
      lines.push("完成情况：暂无数据");
    }
  }
  if (i.statusText) lines.push(`进展：${i.statusText}`);
  lines.push(`牵头单位：${i.owner}`);
  lines.push(`最后更新：${i.updatedAt ? shanghaiDateTime(i.updatedAt) : "从未更新"}${last ? `（${whoText(last)}）` : ""}`);
  return lines.join("\n");
}

function whoText(e: HistoryEntry): string {
  if (e.kind === "seed") return e.source ?? "初始数据";
  return e.memberName ?? e.memberId ?? e.channel;
}


/** One line for lists: name, value/target, completion and pace. */
export function indicatorLine(i: CatalogIndicator, ctx: ProgressContext): string {
  const p = progressOf(i, ctx);
  if (i.kind === "constraint") {
    const state = p.met === undefined ? "暂无数据" : p.met ? "达标" : "未达标";
    return `${i.name}：${quantity(i.value, i.unit)}（要求 ${boundText(i)}，${state}）`;
  }
  if (i.kind === "qualitative" && i.value === null) return `${i.name}：${truncate(i.statusText ?? "暂无进展", 40)}`;
  if (p.completionPct === undefined) return `${i.name}：${quantity(i.value, i.unit)}`;
  const head = `${i.name}：${formatNumber(i.value ?? 0)}/${quantity(i.target, i.unit)}，${formatPct(p.completionPct)}`;
  if (p.pace === undefined) return head;
  const mark = p.pace === "behind" ? `落后 ${formatNumber(-p.gapPoints!, 2)} 个百分点` : p.pace === "ahead" ? "超前" : "持平";
  return `${head}（${mark}）`;
}

/** `limit`: only the slowest N (进度最慢的三个), without the constraints that are not met. */
export function laggardsReply(catalog: Catalog, ctx: ProgressContext, scope = "", limit?: number): string {
  const lag = laggardsOf(catalog.indicators, ctx);
  const unmet = limit ? [] : catalog.indicators.filter((i) => progressOf(i, ctx).met === false);
  const lines: string[] = [];
  const whose = scope ? `${scope}` : "";
  const shown = limit ? lag.slice(0, limit) : lag;
  if (lag.length === 0) lines.push(`截至 ${ctx.date}，${whose}没有落后于时序进度的指标。`);
  else {
    lines.push(
      limit
        ? `截至 ${ctx.date}，${whose}进度最慢的 ${shown.length} 项指标（落后于时序进度的共 ${lag.length} 项，按差距从大到小）：`
        : `截至 ${ctx.date}，${whose}落后于时序进度的指标共 ${lag.length} 项（按差距从大到小）：`,
    );
    shown.forEach(({ indicator: i, progress: p }, n) => {
      const short = p.shortfall ? `，还差 ${quantity(ceilTo(p.shortfall, i.decimals), i.unit)}` : "";
      lines.push(
        `${n + 1}. ${i.name}：${formatNumber(i.value ?? 0)}/${quantity(i.target, i.unit)}，完成 ${formatPct(p.completionPct!)}，时序 ${formatPct(p.schedulePct!)}，落后 ${formatNumber(-p.gapPoints!, 2)} 个百分点${short}（${i.owner}）`,
      );
    });
  }
  if (unmet.length) {
    lines.push("", "未达标的约束性指标：");
    for (const i of unmet) lines.push(`- ${i.name}：${quantity(i.value, i.unit)}（要求 ${boundText(i)}，${i.owner}）`);
  }
  return lines.join("\n");
}

export function overviewReply(catalog: Catalog, ctx: ProgressContext): string {
  const t = tally(catalog.indicators, ctx);
  const textual = catalog.indicators.filter((i) => i.kind === "qualitative" && i.value === null).length;
  const share = scheduleShare(ctx.date, ctx.planYear, ctx.basis) * 100;
  const lines = [
    `${catalog.title} 总体进度（截至 ${ctx.date}，时序进度 ${formatPct(share)}）`,
    `共 ${catalog.indicators.length} 项指标，其中有年度目标的 ${t.paced} 项：超前 ${t.ahead} 项，持平 ${t.on} 项，落后 ${t.behind} 项。`,
    `约束性指标 ${t.constraints} 项：达标 ${t.met} 项，未达标 ${t.unmet} 项，暂无数据 ${t.noData} 项。`,
    `文字进展类 ${textual} 项。`,
  ];
  const worst = largestGaps(catalog, ctx);
  if (worst.length) lines.push("", "差距最大的指标：", ...worst);
  lines.push("", "发送「哪些指标落后了」查看全部落后指标。");
  return lines.join("\n");
}

export function listReply(title: string, indicators: CatalogIndicator[], ctx: ProgressContext): string {
  if (indicators.length === 0) return `${title}：暂无指标。`;
  const lines = [`${title}（共 ${indicators.length} 项，截至 ${ctx.date}）：`];
  indicators.forEach((i, n) => lines.push(`${n + 1}. ${indicatorLine(i, ctx)}`));
  return lines.join("\n");
}

export function historyReply(i: CatalogIndicator, entries: HistoryEntry[]): string {
  if (entries.length === 0) return `【${i.name}】暂无填报记录。`;
  const lines = [`【${i.name}】最近 ${entries.length} 条填报记录（新的在前）：`];
  for (const e of entries) {
    const when = shanghaiDateTime(e.at);
    const who = e.kind === "seed" ? e.source ?? "初始数据" : `${e.memberName ?? e.memberId ?? "系统"}（${e.channel}）`;
    lines.push(`- ${when} ${who}：${changeSummary(e, i.unit)}${e.undone ? "〔已撤销〕" : ""}`);
  }
  return lines.join("\n");
}

export function choiceReply(phrase: string, options: CatalogIndicator[]): string {
  const lines = [`“${phrase}”可能指以下指标，请回复序号：`];
  options.forEach((i, n) => lines.push(`${n + 1}. ${i.name}（${i.owner}）`));
  return lines.join("\n");
}

export function helpReply(catalog: Catalog): string {
  const pick = (code: string) => catalog.indicators.find((i) => i.code === code)?.name;
  const a = pick("hard-to-employ") ?? catalog.indicators[0]?.name ?? "城镇新增就业";
  const b = pick("urban-jobs") ?? a;
  const c = pick("smoke-alarms") ?? a;
  const unit = catalog.units[0]?.name ?? "市人社局";
  return [
    "督办机器人可以这样用：",
    "【查询】",
    `- ${a}进度多少`,
    "- 哪些指标落后了",
    `- ${unit}的指标`,
    "- 就业方面的进度",
    "- 总体进度 / 本月进度摘要 / 落后指标图 / 生成本月专报",
    "- 哪些指标已经完成 / 哪些单位还没填报 / 这周谁更新了数据 / 进度最慢的三个指标 / 单位排名 / 5月底前到期的指标",
    "- 看板：获取本人的网页看板登录链接（私聊发送）",
    `- ${b}的填报记录`,
    `- 3月底${b}是多少 / ${b}本月新增了多少 / ${b}和${a}哪个快 / 接着问：全年目标呢、上个月呢`,
    "【填报】（填报员只能填本单位的指标）",
    `- ${b} 2400 人`,
    `- ${c}又装了95个（增量）`,
    "- 多个指标可分行一次发送",
    "- 文字进展：数字惠民工程：已完成测试工作",
    "- 撤销：撤回自己上一次填报",
    "【工作专报】",
    "- 要闻：4月10日，市妇联召开……（收入本期工作要闻）",
    "- 资料上传：政策文件 66 条，建设内容 53 条 / 新闻报道：汨罗级媒体 50 篇（累计数）",
    "- 亮点：标题（换行写正文），或发送文件名含“亮点”的 .docx/.txt 文件",
    "- 确认 / 取消：回复系统的核对提示",
    "【管理】（管理员）",
    "- 绑定 wecom:zhangsan 市人社局 张三（姓名可省略）",
    "- 设置姓名 wecom:zhangsan 张三",
    "- 设置牵头单位 充电桩 市住建局 / 设置期限 向阳花 5月31日 / 添加别名 补充配置电脑 电脑",
    "- 提醒设置：查看或修改提醒时间；暂停提醒 市人社局 到 5月10日",
    "- 本期要闻 / 删除要闻 3 / 要闻 3 移到下期 / 本期亮点 / 选用亮点 2 / 删除亮点 2 / 生成本月专报 / 专报设置",
    "- 我是谁：查看自己的身份",
    "- 我叫张三：设置自己的姓名",
  ].join("\n");
}

/** A change that waited for 确认 and was cancelled by 撤销. */
export function heldCancelled(names: string[]): string {
  return `已取消待确认的修改（${names.join("、")}），没有做任何修改。之前已生效的填报不变；如需撤回上一次填报，请再发送「撤销」。`;
}

/** Appended when a new message drops a change that waited for 确认. */
export function heldDropped(names: string[]): string {
  return `（之前待确认的修改（${names.join("、")}）已作废，如仍需要请重新发送。）`;
}

/** Who someone is, as colleagues would say it: their name, else unit and role; never the raw member id. */
export function personName(m: { role: string; unitName: string | null; name: string | null } | undefined, self: boolean): string {
  if (self) return "您本人";
  return m ? authorName(m) : "其他人员";
}

/** A member where the id matters too (binding, 我是谁): 张三（wecom:zhangsan）, or the id alone. */
export function memberLabel(m: { id: string; name: string | null }): string {
  return m.name ? `${m.name}（${m.id}）` : m.id;
}

/** The answer to anyone we do not let in (DUBAN_DEFAULT_ROLE=none): how to get access. */
export function notLetIn(memberId: string, adminContact: string): string {
  return `您（${memberId}）还没有开通督办机器人。请把这个编号发给${adminContact}，由管理员发送「绑定 ${memberId} 您的单位」开通。`;
}

/** What a channel shows on entering the chat; someone not yet bound also learns how to be. */
export function welcome(memberId: string, bound: boolean, adminContact: string): string {
  const head = "欢迎使用督办机器人：可以查询民生实事指标进度，本单位填报员可以直接发消息填报数字。发送「帮助」查看用法，发送「看板」获取网页看板的登录链接。";
  if (bound) return head;
  return `${head}\n您的编号是 ${memberId}，还没有绑定单位。如需填报，请把这个编号发给${adminContact}，由管理员发送「绑定 ${memberId} 您的单位」开通。`;
}
