// The time words of a question: the day it is asked as of (3月底, 上个月, 4月15日, 昨天) or the
// stretch whose change it asks (本月新增了多少, 这周装了多少, 比3月底多了多少, 从3月底到4月15日).
// Pure: days stay words (DayRef); the bot resolves them against its today (domain/as-of.ts).
import { numberWritten } from "../domain/numbers.js";
import type { Change, DayRef } from "./intent.js";

/** A day written in the text: `kind` says how a stretch reads it (本月 is this month so far, 3月 all of March). */
interface DayFound {
  ref: DayRef;
  kind: "point" | "date" | "month" | "this" | "last" | "recent";
  /** 本月 and 上个月 as a stretch: its start (the end of the period before) */
  start?: DayRef;
  index: number;
  length: number;
}

const N = "\\d{1,2}|[一二两三四五六七八九十]{1,3}";
const DAY_PATTERNS: [RegExp, (m: RegExpExecArray) => Omit<DayFound, "index" | "length">][] = [
  [/(\d{4})-(\d{1,2})-(\d{1,2})/u, (m) => ({ kind: "date", ref: { phrase: m[0], year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } })],
  [new RegExp(`(?:(\\d{4})年)?(${N})月(${N})[日号]`, "u"), (m) => ({ kind: "date", ref: { phrase: m[0], ...year(m[1]), month: num(m[2]!), day: num(m[3]!) } })],
  [new RegExp(`(?:(\\d{4})年)?(${N})月份?(?:底|末)`, "u"), (m) => ({ kind: "point", ref: { phrase: m[0], ...year(m[1]), month: num(m[2]!) } })],
  [new RegExp(`(?:(\\d{4})年)?(${N})月份?`, "u"), (m) => monthFound(m[0], year(m[1]), num(m[2]!))],
  // 一季度末, 上半年: the end of the quarter or half
  [/第?([一二三四1-4])季度(?:末|底)?/u, (m) => ({ kind: "point", ref: { phrase: m[0], month: 3 * num(m[1]!) } })],
  [/上半年(?:末|底)?/u, (m) => ({ kind: "point", ref: { phrase: m[0], month: 6 } })],
  // 最近一周 / 近7天 / 近一个月: a stretch back from today
  [new RegExp(`(?:最近|近)(${N})?(?:个)?(天|日|周|星期|礼拜|月)`, "u"), (m) => recentFound(m[0], m[1], m[2]!)],
  [/上上个?月(?:底|末|份)?/u, (m) => backFound(m[0], "month", 2)],
  [/上个?月(?:底|末|份)?/u, (m) => backFound(m[0], "month", 1)],
  [/上上个?(?:周|星期|礼拜)(?:末|日|天)?/u, (m) => backFound(m[0], "week", 2)],
  [/上个?(?:周|星期|礼拜)(?:末|日|天)?/u, (m) => backFound(m[0], "week", 1)],
  [/前天/u, (m) => backFound(m[0], "day", 2)],
  [/昨天|昨日/u, (m) => backFound(m[0], "day", 1)],
  [/本月份?|这个月|这月|当月/u, (m) => thisFound(m[0], "month")],
  [/本周|这周|这个?星期|这个?礼拜|本星期/u, (m) => thisFound(m[0], "week")],
  [/今天|今日/u, (m) => thisFound(m[0], "day")],
];

// 截至3月底的 / 到上个月为止: the words around a day that only place it
const BEFORE = /(?:截至|截止到?|到|在)$/u;
const AFTER = /^(?:为止|以前|之前|时候|时|的时候|那时|的)+/u;
// 比3月底 / 跟上个月比 / 3月底以来: a change from that day until now
const FROM_BEFORE = /(?:比|较|相比|比起|相较于?|从|自)$/u;
const WITH_BEFORE = /(?:跟|和|与|同)$/u;
const WITH_AFTER = /^(?:的?时候)?(?:相?比|比较|对比)/u;
const SINCE_AFTER = /^(?:以来|至今|到现在|到目前|到今天|到当前)/u;
const RANGE_JOIN = /^(?:到|至|-|~|～|—|一直到)$/u;
/** Words asking how much a figure moved; the text they are tested on has the indicator names cut out. */
export const CHANGE_ASKED = /新增|增加|增长|多了|涨了|提高|提升|上升|减少|少了|下降|变化|装了|建了|完成了|做了|办了|开展了|发放了|签了|招了|培训了|改造了|新建|新装|了多少|了几/u;

export interface TimeRead {
  /** the text with the time words cut out */
  rest: string;
  /** the day the question is asked as of (今天 too: it leaves a day asked before) */
  asOf?: DayRef;
  change?: Change;
}

/**
 * The time words of `text`, or undefined when it has none. `asksChange(rest)`: whether the rest
 * asks how much was added (本月新增了多少), which makes 本月 or 上个月 a stretch rather than a day.
 */
export function readTime(text: string, asksChange: (rest: string) => boolean): TimeRead | undefined {
  const first = findDay(text);
  if (!first) return undefined;
  const range = readRange(text, first);
  if (range) return range;
  const cut = cutAround(text, first);
  if (first.kind === "recent") return { rest: cut.rest, change: { label: first.ref.phrase, from: first.ref } };
  if (cut.since) return { rest: cut.rest, change: { label: `${cut.since}${first.ref.phrase}`, from: first.ref } };
  if (asksChange(cut.rest) && first.kind !== "point" && first.kind !== "date") {
    const label = first.ref.phrase.replace(/[底末份]$/u, "");
    return { rest: cut.rest, change: { label, from: first.start ?? startOf(first), ...(first.kind === "this" ? {} : { to: first.ref }) } };
  }
  // 本月 / 今天 as a day is today: the plain card (kept, so 那今天呢 leaves an earlier day)
  return { rest: cut.rest, asOf: first.ref };
}

/** 从3月1日到4月15日: the change from the end of the day before the first to the end of the second. */
function readRange(text: string, first: DayFound): TimeRead | undefined {
  const tail = text.slice(first.index + first.length);
  const second = findDay(tail);
  if (!second || !RANGE_JOIN.test(tail.slice(0, second.index).trim())) return undefined;
  const before = text.slice(0, first.index).replace(/(?:从|自|由)$/u, "");
  const after = tail.slice(second.index + second.length).replace(/^(?:为止|的|期间|之间|这段时间)+/u, "");
  const label = `${first.ref.phrase}至${second.ref.phrase}`;
  return { rest: `${before} ${after}`.trim(), change: { label, from: startOf(first), to: second.ref } };
}

function findDay(text: string): DayFound | undefined {
  let best: DayFound | undefined;
  for (const [re, make] of DAY_PATTERNS) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.index)) best = { ...make(m), index: m.index, length: m[0].length };
  }
  // 去年12月底: the year before today's, whatever the plan's
  if (best && best.ref.month !== undefined && best.ref.year === undefined && text.slice(0, best.index).endsWith("去年")) {
    best = { ...best, index: best.index - 2, length: best.length + 2, ref: { ...best.ref, phrase: `去年${best.ref.phrase}`, lastYear: true } };
  }
  return best;
}

/** The text without the day and the words placing it; `since` when they make it a change's start. */
function cutAround(text: string, found: DayFound): { rest: string; since?: string } {
  let before = text.slice(0, found.index);
  let after = text.slice(found.index + found.length);
  let since: string | undefined;
  const from = FROM_BEFORE.exec(before);
  const withWord = WITH_BEFORE.exec(before);
  if (from) {
    before = before.slice(0, from.index);
    since = from[0] === "从" || from[0] === "自" ? "自" : "比";
  } else if (withWord && WITH_AFTER.test(after)) {
    before = before.slice(0, withWord.index);
    after = after.replace(WITH_AFTER, "");
    since = "比";
  } else {
    before = before.replace(BEFORE, "");
  }
  const sinceAfter = SINCE_AFTER.exec(after);
  if (sinceAfter) {
    after = after.slice(sinceAfter[0].length);
    since = "自";
  }
  if (!since) after = after.replace(AFTER, "");
  else after = after.replace(/^的/u, "");
  return { rest: `${before} ${after}`.trim(), ...(since ? { since } : {}) };
}

/** Where a stretch named by one day starts: the end of the day before it (or the month before it). */
function startOf(found: DayFound): DayRef {
  const { ref } = found;
  if (found.kind === "month") return { phrase: ref.phrase, ...(ref.year ? { year: ref.year } : {}), month: ref.month!, day: 0 };
  if (found.kind === "date" && ref.day !== undefined) return { ...ref, day: ref.day - 1 };
  return ref;
}

function monthFound(phrase: string, y: { year?: number }, month: number): Omit<DayFound, "index" | "length"> {
  return { kind: "month", ref: { phrase, ...y, month } };
}

function backFound(phrase: string, unit: "day" | "week" | "month", n: number): Omit<DayFound, "index" | "length"> {
  return { kind: "last", ref: { phrase, back: { unit, n } }, start: { phrase, back: { unit, n: n + 1 } } };
}

function thisFound(phrase: string, unit: "day" | "week" | "month"): Omit<DayFound, "index" | "length"> {
  return { kind: "this", ref: { phrase, back: { unit, n: 0 } }, start: { phrase, back: { unit, n: 1 } } };
}

function recentFound(phrase: string, count: string | undefined, unit: string): Omit<DayFound, "index" | "length"> {
  const n = count ? num(count) : 1;
  const days = unit === "天" || unit === "日" ? n : unit === "月" ? 30 * n : 7 * n;
  return { kind: "recent", ref: { phrase, back: { unit: "day", n: Math.min(days, 366) } } };
}

function year(text: string | undefined): { year?: number } {
  return text ? { year: Number(text) } : {};
}

function num(text: string): number {
  return numberWritten(text) ?? 0;
}

/** Whether `text` (the indicator names cut out) asks how much a figure moved. */
export function asksChange(text: string): boolean {
  return CHANGE_ASKED.test(text);
}
