// The parts of the 工作专报 that are not indicator figures: 工作要闻 items, the 工作亮点 article,
// and the opening counts of 【工作进度】 (materials uploaded by kind, news reports by media level).
// Pure: the shapes, the plan's settings for them, and how the counts paragraph is worded.
import { formatNumber } from "./numbers.js";
import { isoDay, parseDate } from "./schedule.js";

/** The plan's settings for the counts paragraph; stored on the plan (Plan.report). */
export interface ReportSettings {
  /** the province's upload system, as the 专报 names it: 人社一体化业务管理系统 */
  system: string;
  /** the kinds of material uploaded, in the 专报's order */
  materialKinds: string[];
  /** the media levels of news reports, in the 专报's order */
  mediaLevels: string[];
}

/** The seed 专报's (2025年第3期): the default of every plan that names none. */
export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  system: "人社一体化业务管理系统",
  materialKinds: ["政策文件", "建设内容", "项目详情", "成效展示", "工作动态", "工作专报", "工作总结"],
  mediaLevels: ["汨罗级媒体", "岳阳级媒体", "省级媒体", "国家级媒体"],
};

/** materials: 资料上传 (条); news: 新闻报道 (篇). */
export type TallyKind = "materials" | "news";

export const TALLY_UNIT: Record<TallyKind, string> = { materials: "条", news: "篇" };

/** The latest count of each name of one kind; a name never reported is absent. */
export type Tally = Record<string, number>;

export interface Tallies {
  materials: Tally;
  news: Tally;
}

/** One 工作要闻 item as the 专报 prints it. */
export interface NewsEntry {
  /** the day it tells of, YYYY-MM-DD */
  date: string;
  /** as the member wrote it after 要闻：, paragraphs separated by "\n" */
  text: string;
  /** the sender's unit, when they have one */
  unit?: string | null;
}

/** One 工作亮点 article. */
export interface HighlightEntry {
  /** 妇联:"向阳花开"正暖时 ,"辅指双导"护未成年 */
  title: string;
  paragraphs: string[];
  unit?: string | null;
}

/** The names of one kind, in the settings' order. */
export function tallyNames(settings: ReportSettings, kind: TallyKind): string[] {
  return kind === "materials" ? settings.materialKinds : settings.mediaLevels;
}

/** One kind's counts as the settings name them: those reported (in order, with their sum) and those not. */
export function tallySummary(settings: ReportSettings, kind: TallyKind, tally: Tally): { present: { name: string; value: number }[]; missing: string[]; total: number } {
  const names = tallyNames(settings, kind);
  const present = names.flatMap((name) => (tally[name] === undefined ? [] : [{ name, value: tally[name] }]));
  return { present, missing: names.filter((n) => tally[n] === undefined), total: present.reduce((sum, p) => sum + p.value, 0) };
}

/**
 * The opening paragraph of 【工作进度】, as the seed words it: "“人社一体化业务管理系统”共上传项目数据
 * 462 条，其中政策文件 66 条、…。发布新闻报道 99 篇，其中汨罗级媒体 50 篇、…。" Each half only when its
 * kind has counts; names never reported are left out of the list, and the total is their sum.
 */
export function countsParagraph(settings: ReportSettings, tallies: Tallies): string | undefined {
  const half = (kind: TallyKind, lead: string): string | undefined => {
    const { present, total } = tallySummary(settings, kind, tallies[kind]);
    if (!present.length) return undefined;
    const unit = TALLY_UNIT[kind];
    return `${lead} ${formatNumber(total)} ${unit}，其中${present.map((p) => `${p.name} ${formatNumber(p.value)} ${unit}`).join("、")}。`;
  };
  const parts = [half("materials", `“${settings.system}”共上传项目数据`), half("news", "发布新闻报道")].filter((p): p is string => p !== undefined);
  return parts.length ? parts.join("") : undefined;
}

/**
 * The day a 要闻 tells of, from the date it opens with (3月27日, 4月8日至9日 → the first day), in
 * the year of `today`, or the year before when that day would be in the future (12月28日 sent in
 * January). `today` when it names none, or none that exists.
 */
export function newsDate(text: string, today: string): string {
  const m = /^\s*(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]/u.exec(text);
  if (!m) return today;
  const [month, day] = [Number(m[2]), Number(m[3])];
  const year = m[1] ? Number(m[1]) : Number(today.slice(0, 4));
  const said = isoDay(year, month, day);
  const date = !m[1] && said > today ? isoDay(year - 1, month, day) : said;
  return parseDate(date) ? date : today;
}

/** A count smaller than the one before: counts only grow, so it waits for 确认. */
export function tallyDecreases(before: Tally, entries: { name: string; value: number }[]): string[] {
  return entries.filter((e) => before[e.name] !== undefined && e.value < before[e.name]!).map((e) => `${e.name}从 ${formatNumber(before[e.name]!)} 减少到 ${formatNumber(e.value)}`);
}

/** What is wrong with names for a kind of count, in one sentence; undefined when they will do. */
export function tallyNamesError(names: string[]): string | undefined {
  if (!names.length) return "至少要有一个名称，用顿号隔开，例如：政策文件、建设内容";
  if (names.length > 20) return "名称最多 20 个";
  const bad = names.find((n) => [...n].length > 20 || /[0-9０-９：:]/u.test(n));
  if (bad) return `“${bad}”不能作名称：名称不能含数字或冒号，最长 20 个字`;
  const twice = names.find((n, k) => names.indexOf(n) !== k);
  return twice ? `“${twice}”写了两次` : undefined;
}
