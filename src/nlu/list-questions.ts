// Questions that ask for a list drawn from the whole plan rather than about one indicator:
// what is done, what has no figure, which units have not reported, what changed since a day,
// the slowest N, the units' ranking, what is due by a day, and the whole plan or a section in
// everyday words. Read only when the message names no indicator, so a question about one
// indicator or a unit's report never lands here.
import { numberWritten } from "../domain/numbers.js";
import type { ByDay, Intent, SinceDay } from "./intent.js";
import { findEntry, fold } from "./match.js";
import type { Vocabulary } from "./vocabulary.js";
import { stripAsk } from "./words.js";

const NUM = "[0-9]{1,2}|[一二两三四五六七八九十]{1,3}";
const DAY_NUM = "[0-9]{1,2}|[一二三四五六七八九十]{1,3}";

/** Words that make a unit, not an indicator, the subject: 哪些单位, 谁, 哪个局. */
const UNIT_SUBJECT = /单位|部门|哪家|哪个局|哪些局|各局|各委局|牵头单位|责任单位|谁/u;
/** 我们单位 / 本单位 is one's own unit: 我的指标 or its laggards, not the ranking of units. */
const OWN_UNIT = /我们单位|我单位|本单位|咱单位|咱们单位|我们部门|本部门/u;

/** 还没填报 / 没报 / 未报送 / 没交: nobody reported. */
const NOT_REPORTED = /(?:没|未|没有|尚未|还未)(?:有)?(?:人)?(?:填报|填写|填|报送|上报|报数|报数据|报|提交|交|更新|录入|动静|动)/u;
/** The words of reporting or updating, when not denied. */
const REPORTED = /更新|填报|报送|上报|报了|报过|报数|填了|交了|提交|录入|改了|修改了|新报|动态|变动|变化|updated|updates/u;
const HOW_TO = /怎么|如何|怎样|能不能|可不可以|可以|能否|教我/u;

/** 没有数据 / 还没填的指标 / 空着的 */
const NO_DATA = /(?:没有|没|无|暂无|缺|缺少)(?:任何)?(?:数据|数字|数值|值)|数据(?:为空|是空的|空着|缺失)|是空的|空着|空白|(?:没|未|没有|尚未|还未)(?:有)?(?:填|填报|报送|上报|录入?|报)(?:数据|数字)?的?(?:指标|项|有|是)|(?:指标|项).*(?:没|未)(?:有)?(?:填|录|报)|nodata|nofigure/u;

/** Reached the year's target. */
const DONE = /完成(?:了)?(?:全年|年度)|达到(?:全年|年度)?目标|超额完成|提前完成|全部完成|完成了|已经?完成|完成率?(?:已)?(?:达到|超过)?(?:100%|百分之百|百分百)|百分之百完成|完成的(?=指标|项目|项|有|吗|呢|是|$)|alreadydone|completed|finished/u;
/** …but not 没完成 / 未完成 / 还没有完成. */
const NOT_DONE = /(?:没|未|不|尚未|还没)(?:有)?(?:能)?(?:全部|全)?完成|完不成/u;
/** A list is asked for: 哪些, 哪几个, 有没有, …的指标. */
const LIST_ASK = /哪些|哪几|哪个|哪项|哪一项|有没有|有啥|有什么|是哪|都有|有几|几项|几个|多少项|多少个|清单|名单|列出|列一下|的指标|的有|的项目|的项|的$|了$|which|what/u;

/** The slowest end of the laggards order. */
const SLOWEST = /最慢|最落后|最差|最低|倒数|垫底|排名最后|排名靠后|最靠后|拖后腿|差距最大|落后最多|落后得?最严重|最拖后腿|slowest|worst|bottom/u;
/** Behind the 时序进度 in words the laggards rule (words.ts LAGGARDS) does not know. */
const BEHIND = /没跟上|未跟上|没有跟上|跟不太上|behindschedule|behind|lagging|laggards|fallingbehind/u;
const RANK = /排名|排行|排序|名次|比一比|谁好谁差|最落后|落后|滞后|最慢|进度慢|倒数|垫底|拖后腿|各单位(?:的)?(?:进度|进展|情况|完成情况)|各部门(?:的)?(?:进度|进展|情况|完成情况)/u;

/** Due by a day. */
const DUE = /到期|截止日期|截止时间|截止时限|完成期限|期限|时限|(?:要|需|需要|须|必须|应|应当|得|该)完成|完成时间|deadline|due/u;
const DUE_SOON = /快到期|即将到期|马上到期|临近期限|快截止/u;
/** Due already: 已到期 / 逾期 / 过期. */
const OVERDUE = /已经?到期|到期了|逾期|过期|超期|已过期限/u;
/** 5月底前完成的 (not 完成了): a deadline, said without 要. */
const BEFORE_DONE = /(?:前|之前|以前)完成(?![了得])/u;

/** A whole-plan question in other words: these words and asking words, nothing else. */
const WHOLE = /民生实事|民生|实事|咱们|我们|全市|全部|所有|整体上?|总体上?|总的来说|总的|全面|这个月|本月|当月|目前|现在|当前|今年|全年|截至目前|截止目前|到目前为止|汨罗市?|我市|重点|十件|十大|各项|工作|项目|指标|任务|方面|这块|这一块|大家/gu;
const PROGRESS = /进度|进展|情况|完成得|完成|推进得|推进|做得|搞得|干得|落实得|落实|执行得|怎么样|咋样|如何|怎样|好不好|顺利吗|顺利|overall|overview|progress|summary|howarewedoing/gu;
const PARTICLES = /的|了|吗|呢|啊|吧|呀|嘛|得|都|还|有|[?？!！,，.。]/gu;
/** Around a section's name: 兜底线那几项, 岳阳市级十件民生实事. */
const SECTION_FILLER = /那几项|这几项|几项|那些|这些|那块|这块|那一块|这一块|那部分|这部分|方面|板块|领域|部分|类|线|重点|十件|十大|民生实事|民生|实事|工作|项目|指标/gu;

/** 这个指标 / 该项 / 它: one indicator from the previous turn, never a list. */
const ONE_MEANT = /这个指标|这项指标|该指标|这一项|这项|该项|它的|它/u;
/** 填报记录 / 历史: one indicator's history (words.ts HISTORY, less 谁填: 今天谁填报了 is a list). */
const RECORDS = /记录|历史|流水|日志/u;

/** The list question `t` asks, or undefined when it asks none of them. */
export function parseListQuestion(t: string, vocab: Vocabulary): Intent | undefined {
  const f = fold(t);
  // 市人社局4月进度报送： / 本月填报情况如下: a report's heading, not a question
  if (ONE_MEANT.test(f) || RECORDS.test(f) || /[:：]$|如下/u.test(f)) return undefined;
  return (
    unitRankingAsked(f) ??
    unreportedAsked(f) ??
    updatesAsked(f, t, vocab) ??
    dueAsked(f, t, vocab) ??
    slowestAsked(f, t, vocab) ??
    doneAsked(f, t, vocab) ??
    noDataAsked(f, t, vocab) ??
    behindAsked(f, t, vocab) ??
    sectionAsked(f, vocab) ??
    overviewAsked(f)
  );
}

/** 人社局哪些完成了 / 就业方面还没数据的: the list narrowed to the unit or section named. */
function scopeOf(t: string, vocab: Vocabulary): { unit?: string; section?: string } {
  const unit = findEntry(t, vocab.units);
  if (unit) return { unit: unit.key };
  const section = findEntry(t, vocab.sections);
  return section ? { section: section.key } : {};
}

/** 前三 / 三个 / 5项 / top3 → the number; 哪个 / 哪一项 (one asked for) → 1. */
function limitOf(f: string): number | undefined {
  const m = new RegExp(`(?:前|倒数第?|最后|后)(${NUM})|(${NUM})(?:个|项|条|名|位|家|大)|top(${NUM})`, "u").exec(f);
  const written = m ? (m[1] ?? m[2] ?? m[3])! : undefined;
  if (written) {
    const n = numberWritten(written);
    if (n && n >= 1) return n;
  }
  return /哪个|哪一个|哪一项|哪项|哪家|是谁|谁最|哪一家|那个|那一个|那项|那一项|那家|是啥|是什么|which(?:one|unit|indicator)/u.test(f) ? 1 : undefined;
}

function unitRankingAsked(f: string): Intent | undefined {
  if (!UNIT_SUBJECT.test(f) || OWN_UNIT.test(f) || NOT_REPORTED.test(f)) return undefined;
  // 谁 alone also asks who reported (最近谁报了): only with a ranking word that is the subject
  if (!RANK.test(f) && !SLOWEST.test(f)) return undefined;
  // 排名前三的单位 are the best three: a number counts from the most behind only when it says so
  const limit = SLOWEST.test(f) || /落后|滞后|慢/u.test(f) ? limitOf(f) : undefined;
  return { type: "ranking", ...(limit ? { limit } : {}) };
}

function unreportedAsked(f: string): Intent | undefined {
  if (!NOT_REPORTED.test(f) || HOW_TO.test(f)) return undefined;
  // 还没填的指标 / 没有数据的: indicators without a figure, unless a unit is the subject
  if (!UNIT_SUBJECT.test(f) && /指标|数据|数字|项/u.test(f)) return undefined;
  if (!UNIT_SUBJECT.test(f) && !LIST_ASK.test(f) && !/本月|这个月|这月|当月/u.test(f)) return undefined;
  return { type: "unreported" };
}

function updatesAsked(f: string, t: string, vocab: Vocabulary): Intent | undefined {
  if (!REPORTED.test(f) || NOT_REPORTED.test(f) || HOW_TO.test(f)) return undefined;
  const since = sinceOf(f);
  // a question, not a heading or a remark that names a time (市人社局4月进度报送)
  const asks = LIST_ASK.test(f) || /谁|有人|单位|指标|情况|最新|最近|近期|吗|没|[?？]/u.test(f);
  if (!asks) return undefined;
  const unit = findEntry(t, vocab.units);
  return {
    type: "updates",
    since: since ?? (/最近|近期|最新|recent/u.test(f) ? { kind: "days", days: 7 } : { kind: "this-month" }),
    ...(unit ? { unit: unit.key } : {}),
  };
}

/** 今天 / 这周 / 最近三天 / 4月15日以来: where the stretch asked about starts. */
export function sinceOf(f: string): SinceDay | undefined {
  const days = new RegExp(`(?:最近|近|过去|这)(${NUM})(?:天|日)`, "u").exec(f);
  if (days) {
    const n = numberWritten(days[1]!);
    if (n && n >= 1) return { kind: "days", days: Math.min(n, 366) };
  }
  const date = new RegExp(`(${DAY_NUM})月(${DAY_NUM})(?:日|号)?(?:以来|之后|以后|后|起|至今|到现在)`, "u").exec(f);
  if (date) {
    const [month, day] = [numberWritten(date[1]!), numberWritten(date[2]!)];
    if (month && day && month <= 12 && day <= 31) return { kind: "date", month, day };
  }
  const month = new RegExp(`(${DAY_NUM})月份?(?!底|末|前)`, "u").exec(f);
  if (month) {
    const m = numberWritten(month[1]!);
    if (m && m <= 12) return { kind: "month", month: m };
  }
  if (/(?:最近|近|过去)(?:一|1)?(?:周|个星期|星期|礼拜)/u.test(f)) return { kind: "days", days: 7 };
  if (/(?:最近|近|过去)(?:一|1)个?月/u.test(f)) return { kind: "days", days: 30 };
  if (/今天|今日|today/u.test(f)) return { kind: "today" };
  if (/昨天|昨日|yesterday/u.test(f)) return { kind: "yesterday" };
  if (/上周|上个星期|上星期|上礼拜|上个礼拜|lastweek/u.test(f)) return { kind: "last-week" };
  if (/这周|本周|这个星期|这星期|本星期|这礼拜|这个礼拜|thisweek/u.test(f)) return { kind: "this-week" };
  if (/上月|上个月|lastmonth/u.test(f)) return { kind: "last-month" };
  if (/本月|这个月|这月|当月|thismonth/u.test(f)) return { kind: "this-month" };
  return undefined;
}

function dueAsked(f: string, t: string, vocab: Vocabulary): Intent | undefined {
  const by = byOf(f);
  if (DUE_SOON.test(f)) return { type: "due", by: by ?? { kind: "next-month" }, ...scopeOf(t, vocab) };
  if (!by && OVERDUE.test(f)) return { type: "due", by: { kind: "today" }, ...scopeOf(t, vocab) };
  // 到期的指标有哪些: what falls due soon
  if (!by && DUE.test(f) && /到期|截止/u.test(f) && LIST_ASK.test(f)) return { type: "due", by: { kind: "next-month" }, ...scopeOf(t, vocab) };
  if (!by || (!DUE.test(f) && !BEFORE_DONE.test(f))) return undefined;
  return { type: "due", by, ...scopeOf(t, vocab) };
}

/** 6月30日 / 5月底 / 本月 / 下个月 / 年底: the day something is due by. */
export function byOf(f: string): ByDay | undefined {
  const iso = /20\d\d-(\d{1,2})-(\d{1,2})/u.exec(f);
  if (iso) return { kind: "date", month: Number(iso[1]), day: Number(iso[2]) };
  const date = new RegExp(`(${DAY_NUM})月(${DAY_NUM})(?:日|号)`, "u").exec(f);
  if (date) {
    const [month, day] = [numberWritten(date[1]!), numberWritten(date[2]!)];
    if (month && day && month <= 12 && day <= 31) return { kind: "date", month, day };
  }
  // 5月底前 / 5月份 / 五月前 / 5月内: by the end of that month (the reply names the day it took)
  const month = new RegExp(`(${DAY_NUM})月`, "u").exec(f);
  if (month) {
    const m = numberWritten(month[1]!);
    if (m && m <= 12) return { kind: "month-end", month: m };
  }
  if (/下个?月|nextmonth/u.test(f)) return { kind: "next-month" };
  if (/本月|这个月|这月|当月|月底|月末/u.test(f)) return { kind: "this-month" };
  if (/本周|这周|这个星期|周末/u.test(f)) return { kind: "this-week" };
  if (/年底|年末|年内|今年|全年|年前/u.test(f)) return { kind: "year-end" };
  return undefined;
}

function slowestAsked(f: string, t: string, vocab: Vocabulary): Intent | undefined {
  if (!SLOWEST.test(f)) return undefined;
  const limit = limitOf(f);
  return { type: "laggards", ...scopeOf(t, vocab), ...(limit ? { limit } : {}) };
}

function doneAsked(f: string, t: string, vocab: Vocabulary): Intent | undefined {
  if (!DONE.test(f) || NOT_DONE.test(f) || !LIST_ASK.test(f)) return undefined;
  return { type: "done", ...scopeOf(t, vocab) };
}

function noDataAsked(f: string, t: string, vocab: Vocabulary): Intent | undefined {
  if (!NO_DATA.test(f) || HOW_TO.test(f)) return undefined;
  return { type: "nodata", ...scopeOf(t, vocab) };
}

function behindAsked(f: string, t: string, vocab: Vocabulary): Intent | undefined {
  return BEHIND.test(f) ? { type: "laggards", ...scopeOf(t, vocab) } : undefined;
}

/** 兜底线那几项怎么样 / 岳阳市级十件民生实事完成情况 / 省级十大民生实事: a section and nothing else. */
function sectionAsked(f: string, vocab: Vocabulary): Intent | undefined {
  const entry = findEntry(f, vocab.sections);
  if (!entry) return undefined;
  const name = entry.names.map(fold).filter((n) => n.length >= 2 && f.includes(n)).sort((a, b) => b.length - a.length)[0]!;
  const rest = stripAsk(f.replace(name, "").replace(SECTION_FILLER, "").replace(PROGRESS, "")).replace(PARTICLES, "");
  return rest === "" ? { type: "section", section: entry.key } : undefined;
}

/** 这个月进度咋样 / 全市民生实事总体完成得怎么样 / 民生方面怎么样: the overview. */
function overviewAsked(f: string): Intent | undefined {
  const whole = f.match(WHOLE) ?? [];
  const progress = f.match(PROGRESS) ?? [];
  if (whole.length === 0 && progress.length === 0) return undefined;
  // 进度 or 情况 with nothing else, or a whole-plan word with an asking word
  const asksProgress = progress.some((w) => /进度|进展|情况|overall|overview|progress|summary|howarewedoing/u.test(w));
  if (!asksProgress && (whole.length === 0 || progress.length === 0)) return undefined;
  const rest = f.replace(WHOLE, "").replace(PROGRESS, "").replace(PARTICLES, "");
  return rest === "" ? { type: "overview" } : undefined;
}
