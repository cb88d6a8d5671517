// What a question asks of an indicator beyond its card (全年目标是多少, 牵头单位是谁), and the
// follow-ups that name no indicator (那全年目标是多少, 谁负责的, 完成率呢, 上个月呢): the bot
// fills those from the member's previous turn (bot/steps.ts, recall).
import type { Intent } from "./intent.js";

type Aspect = "target" | "owner";

const TARGET = /(?:全年|年度|总)?目标(?:任务|值|数|数量)?(?:是|为|定的是|定了)?(?:多少|几|多大|啥|什么)?/u;
const OWNER = /牵头单位|责任单位|负责单位|牵头部门|责任部门|负责部门|主管部门|(?:是)?(?:谁|哪个单位|哪家单位|哪个部门|什么单位|哪家)(?:在)?(?:负责|牵头|管|抓)|(?:由)?(?:谁|哪个单位|哪个部门)(?:来)?(?:负责|牵头)/u;

/** 全年要配多少台 / 计划建几个 / 年度任务: the year's plan asked without the word 目标 (还要…: what is left, not the plan). */
const PLANNED = /(?<!还)(?:要|需要|计划要?|得|应|需|应该)[\p{Script=Han}]{0,2}?(?:多少|几)|(?:全年|年度|今年)任务/u;
const PLANNED_ONLY = /^(?:它|这个|这项)?(?:全年|今年|年度)?(?:一共|总共|共)?(?:要|需要|计划要?|得|应|需|应该)[\p{Script=Han}]{0,3}?(?:多少|几)[个人台家所场次万亩元户座处条名]*(?:呢|啊)?$|^(?:全年|年度|今年)任务(?:是|为)?(?:多少|几|啥|什么)?(?:呢|啊)?$/u;

/** The one fact a question about an indicator asks for, when it asks for one. */
export function aspectAsked(rest: string): Aspect | undefined {
  if (OWNER.test(rest)) return "owner";
  if (PLANNED.test(rest) && !/已|了/u.test(rest)) return "target";
  if (TARGET.test(rest) && !/完成|进度|时序/u.test(rest)) return "target";
  return undefined;
}

// 那/那么 before, 呢/吗 after: words that only lean on the previous turn
const LEAD = /^(?:那|那么|那个|那这个|还有|再问一下|再问下|另外)\s*/u;
const TAIL = /[\s?？。.!！~～…]+$/u;
const CARD = /^(?:它的?|这个的?|这项的?|该项的?|该指标的?)?(?:完成率|完成情况|完成了多少|完成多少|完成比例|进度|进展|情况|最新情况|最新进度|现在|目前|当前|时序进度|怎么样了?|如何)(?:是)?(?:多少|怎样|如何|怎么样)?(?:了)?(?:呢|啊|吗)?$/u;
const ASPECT_ONLY = /^(?:它的?|这个的?|这项的?|该项的?|该指标的?)?(?:全年|年度|总)?(?:目标(?:任务|值|数|数量)?|牵头单位|责任单位|负责单位|牵头部门|责任部门|负责部门|主管部门)(?:是|为)?(?:多少|几|多大|啥|什么|谁|哪个|哪家|哪个单位)?(?:呢|啊|吗)?$|^(?:是)?(?:谁|哪个单位|哪家单位|哪个部门|什么单位|哪家)(?:在)?(?:负责|牵头|管|抓)(?:的)?(?:呢|啊)?$|^(?:由)?(?:谁|哪个单位|哪个部门)(?:来)?(?:负责|牵头)(?:的)?(?:呢|啊)?$/u;

/** A follow-up naming no indicator (完成率呢, 牵头单位是谁), or undefined. */
export function readFollowup(text: string): Intent | undefined {
  const t = text.replace(TAIL, "").replace(LEAD, "").trim();
  if (t === "") return undefined;
  if (ASPECT_ONLY.test(t) || PLANNED_ONLY.test(t)) return { type: "followup", aspect: aspectAsked(t) ?? "target" };
  if (CARD.test(t)) return { type: "followup" };
  return undefined;
}

/** With the time words cut: what is left of 上个月呢 / 本月新增了多少 / 那3月底的呢 leans on the previous turn. */
export function onlyLeans(rest: string): boolean {
  const t = rest.replace(TAIL, "").replace(LEAD, "").trim();
  return /^(?:的)?(?:呢|啊|吗)?$/u.test(t) || CARD.test(t) || /^(?:又|一共|总共|共)?(?:新增|增加|增长|多|涨|提高|完成|装|建|做|办)了?(?:多少|几个|几)?(?:个|人|家|场)?(?:呢|啊)?$/u.test(t);
}

/** 那失业人员再就业呢 / 就业困难人员这块呢: nothing asked but the name, so the previous question is meant. */
export function leansOnPrevious(whole: string, nameCut: string): boolean {
  const leads = LEAD.test(whole.trim()) || /呢[\s?？。.!！~～…]*$/u.test(whole);
  const rest = nameCut.replace(TAIL, "").replace(LEAD, "").replace(/这块|这一块|方面|这方面|的|呢|啊|吗|\s/gu, "");
  return leads && rest === "";
}

/** 就业困难人员这块呢: the indicator's name is longer than the section's (就业) it holds, so the indicator is meant. */
export function indicatorOverSection(text: string, alias: string | undefined, sectionNames: string[][]): boolean {
  if (!alias) return false;
  const hay = text.toLowerCase().replace(/\s/gu, "");
  const longest = Math.max(0, ...sectionNames.flat().filter((n) => n.length >= 2 && hay.includes(n.toLowerCase())).map((n) => n.length));
  return alias.length > longest;
}
