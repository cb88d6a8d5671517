// The frame units put around the figures of a report: a heading (市人社局4月进度报送：, 一、就业,
// (一)就业创业) and a sign-off (以上，请审核 / 特此报送 / 市人社局 4月20日 / 填报人：张三). Such a line
// carries no figure for any indicator, so it is skipped rather than reported as not understood.
import { findMention, fold } from "./match.js";
import type { Vocabulary } from "./vocabulary.js";
import { INCREMENT } from "./words.js";

/** 一、 / (一) / 第一部分: a section's number; a heading after it is at most a few words. */
const SECTION_NUMBER = /^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}(?:部分|板块|类))\s*/u;
const PUNCT = /[\s:：,，、。.;；!！~～…()（）]+/gu;
const DATE = /(?:\d{4}年)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:份)?(?:\d{1,2}(?:日|号))?|\d{4}[-/.年]\d{1,2}[-/.]\d{1,2}日?|\d{4}年|本月|上月|本季度|第?[一二三四1-4]季度|上半年|下半年|全年|[上中下]旬|第[一二三四五六七八九十\d]{1,3}(?:次|期|批|周)/gu;
/** What a heading says about the figures under it; none of them says whether they add or set. */
const HEADING_WORDS = /进度|进展|报送|填报|上报|汇报|报告|完成情况|情况|数据|统计|报表/gu;
const HEADING_FILLER = /关于|民生实事|十件|十大|实事|重点|工作|项目|指标|有关|现将|如下|截至|截止|月度|年度|底|末|的/gu;
const STRETCH = new RegExp(INCREMENT.source, "u");
const RUNNING = /进度|进展|完成情况/u;
const SIGN_OFF = /^(?:以上|以上数据|以上情况|以上内容|请审核|请审阅|请审批|请查收|请核实|请核对|请领导审阅|请指示|请批示|请指正|特此报送|特此报告|特此说明|谢谢|感谢|辛苦了|辛苦|麻烦了|麻烦审核|妥否|望审核)+$/u;
const CONTACT = /^(?:填报人|联系人|联系电话|电话|手机|审核人|负责人|报送人|填报单位|报送单位)\s*[:：]/u;
/** 就业方面: a section named with the word that marks it. */
const SECTION_SUFFIX = /(?:方面|板块|领域|部分|类)$/u;

/** Whether the line is a heading or a sign-off of a report: it names no indicator and reports nothing. */
export function isFrame(line: string, vocab: Vocabulary): boolean {
  if (findMention(line, vocab)) return false;
  const t = line.trim();
  if (CONTACT.test(t) || SIGN_OFF.test(t.replace(PUNCT, ""))) return true;
  return isSectionHeading(t, vocab) || isUnitHeading(t, vocab);
}

/** 一、就业 / (一)就业创业 / 就业方面：: a numbered short heading, or a section's name alone. */
function isSectionHeading(t: string, vocab: Vocabulary): boolean {
  const numbered = SECTION_NUMBER.exec(t);
  const rest = t.slice(numbered?.[0].length ?? 0).replace(PUNCT, "");
  if (numbered) return rest.length <= 16 && !/\d/u.test(rest);
  const name = fold(rest).replace(SECTION_SUFFIX, "");
  return vocab.sections.some((s) => s.names.some((n) => fold(n) === name));
}

/**
 * 市人社局4月进度报送： / 人社局关于4月民生实事进展情况的报告如下： / 市人社局 4月20日: a unit and/or a
 * month with words that only say "a report". Anything else left over (本月新增情况：) keeps the line,
 * since it may say how the figures under it are to be read.
 */
function isUnitHeading(t: string, vocab: Vocabulary): boolean {
  let rest = t;
  const names = vocab.units.flatMap((u) => u.names).filter((n) => n.length >= 2).sort((a, b) => b.length - a.length);
  for (const n of names) rest = rest.split(n).join(" ");
  const unit = rest !== t;
  const dated = rest.replace(DATE, " ");
  const month = dated !== rest;
  const worded = dated.replace(HEADING_WORDS, " ");
  const said = worded !== dated;
  const left = worded.replace(HEADING_FILLER, "").replace(PUNCT, "");
  const colon = /[:：]\s*$/u.test(t);
  // 本月：⏎城镇新增就业30人 may mean the month's additions; 本月进度 is the running state
  if (STRETCH.test(rest) && !RUNNING.test(rest)) return false;
  return left === "" && (said || ((unit || month) && colon) || (unit && month));
}
