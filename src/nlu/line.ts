// One line about one indicator: a figure for it (set or add), a progress note, a question about
// it or its history, or a problem to report back (a vague or doubtful number). Also the guess
// at an indicator when no name is written out.
import { scanQuantities, type Quantity } from "../domain/numbers.js";
import type { IndicatorRef, LineProblem, SubmissionLine } from "./intent.js";
import { findMention, fold, rankIndicators, resolve, type Mention } from "./match.js";
import { splitRemark } from "./split.js";
import type { Vocabulary } from "./vocabulary.js";
import { AS_OF, CUMULATIVE, HISTORY, INCREMENT, MEASURE_END, MONEY_WORDS, NOTE_MARK, PEOPLE_WORDS, QUESTION, SET_TO, STRONG_QUESTION, TAG_QUESTION, VAGUE_AMOUNT, stripAsk } from "./words.js";

export type LineResult =
  | { kind: "submission"; line: SubmissionLine }
  | { kind: "problem"; problem: LineProblem }
  | { kind: "query"; ref: IndicatorRef; history: boolean }
  | { kind: "none"; suggestions?: string[] };

/**
 * One line about one indicator: a question about it, a figure for it, or a progress note.
 * `adding`: an increment word earlier in the sentence governs a figure that has no 新增/累计 of its own.
 */
export function parseLine(raw: string, vocab: Vocabulary, adding = false): LineResult {
  const { body, remark } = splitRemark(raw);
  const result = parseBody(raw, body, vocab, adding);
  if (remark && result.kind === "submission" && result.line.op !== "note") result.line.remark = remark.text;
  return result;
}

function parseBody(raw: string, body: string, vocab: Vocabulary, adding: boolean): LineResult {
  const mention = findMention(body, vocab);
  let ref: IndicatorRef;
  let rest: string;
  if (mention) {
    rest = cutFolded(body, mention.start, mention.end);
    ref = { codes: byMeasure(mention, preferFuller(mention, body, vocab), rest, vocab), phrase: mention.alias };
    // 三湘怡养 助餐点: a second name of the same indicator is not leftover text
    for (let again = findMention(rest, sameIndicators(vocab, mention.codes)); again; again = findMention(rest, sameIndicators(vocab, mention.codes))) {
      rest = cutFolded(rest, again.start, again.end);
    }
  } else {
    const found = fuzzyRef(body, vocab);
    if (!found.ref) return { kind: "none", suggestions: found.suggestions };
    ref = found.ref;
    rest = found.rest;
  }
  return classify(raw, ref, rest, vocab, adding);
}

function classify(raw: string, ref: IndicatorRef, rest: string, vocab: Vocabulary, adding: boolean): LineResult {
  const history = HISTORY.test(rest);
  const restTrim = rest.replace(/^[\s:：,，、]+|[\s。.！!，,、]+$/gu, "");
  // 进展：… notes any indicator; a bare colon notes a qualitative one and, on a numeric one,
  // just separates name and figure (城镇新增就业：2400人)
  const note = NOTE_MARK.exec(rest.trim());
  const explicit = note !== null && note[0].replace(/[\s:：]/g, "").length > 0;
  if (note && (explicit || isTextual(ref, vocab))) {
    const text = rest.trim().slice(note[0].length).trim();
    if (text.length >= 2 && !STRONG_QUESTION.test(text.slice(0, 4))) return { kind: "submission", line: { raw, ref, op: "note", text } };
  }
  const quantities = scanQuantities(restTrim);
  // 二十几人 is a figure written loosely, not a question: only the words around figures ask
  const words = quantities.reduce((t, q) => t.replace(q.raw, " "), restTrim);
  const asking = (quantities.length > 0 ? STRONG_QUESTION : QUESTION).test(words) || TAG_QUESTION.test(restTrim) || history;
  if (quantities.length > 0 && !asking) return report(raw, ref, restTrim, pickQuantity(quantities, ref, vocab), adding);
  if (asking || restTrim === "") return { kind: "query", ref, history };
  // without 进展：, only a sentence reads as a progress note; a few words are more likely a question
  if (isTextual(ref, vocab) && [...restTrim].length >= 8) return { kind: "submission", line: { raw, ref, op: "note", text: restTrim } };
  const leftover = restTrim.replace(/^(?:已|已经|累计|共|总计|合计|达到|完成|已完成|目前|现在)+/u, "");
  // a word where the number should be (很多 人, 若干个): say so; other leftovers are read as a question
  if (MEASURE_END.test(leftover) || VAGUE_AMOUNT.test(leftover)) {
    return { kind: "problem", problem: { raw, kind: "bad-number", word: leftover.replace(MEASURE_END, "").trim() || leftover, ref } };
  }
  return { kind: "query", ref, history: false };
}

/**
 * 帮扶车间招了多少脱贫户: 帮扶车间 names 就业帮扶车间数量, but 帮扶车间吸纳脱贫人口数量 holds it
 * too and also 脱贫 from the rest of the message. Among the indicators whose names contain the
 * mention, one that shares more of the message (two characters or more) is the one meant.
 */
function preferFuller(mention: Mention, raw: string, vocab: Vocabulary): string[] {
  const rest = fold(stripAsk(cutFolded(raw, mention.start, mention.end)));
  if (rest.length < 2) return mention.codes;
  const scored = vocab.indicators
    .filter((i) => i.names.some((n) => fold(n).includes(mention.alias)))
    .map((i) => ({ code: i.code, extra: Math.max(...i.names.map((n) => sharedRun(fold(n).replace(mention.alias, " "), rest))) }));
  const best = Math.max(0, ...scored.map((x) => x.extra));
  const winners = scored.filter((x) => x.extra === best);
  return best >= 2 && winners.length === 1 ? [winners[0]!.code] : mention.codes;
}

const MONEY_UNIT = /^[万亿]?元$/u;
const PEOPLE_UNIT = /^万?人次?$/u;

/**
 * 门诊救助用了多少钱: 门诊救助 names the 人次 figure, but 门诊救助金额 holds the name too and is
 * counted in 万元. Money words ask for the one indicator of those in a money unit, people words
 * (多少人, 人次) for the one in people; the choice made by the name stands when it already fits
 * or when the words fit none or several.
 */
function byMeasure(mention: Mention, codes: string[], rest: string, vocab: Vocabulary): string[] {
  const unitIs = MONEY_WORDS.test(rest) ? MONEY_UNIT : PEOPLE_WORDS.test(rest) ? PEOPLE_UNIT : undefined;
  if (!unitIs) return codes;
  const unitOf = (code: string) => vocab.indicators.find((i) => i.code === code)?.unit ?? "";
  if (codes.every((c) => unitIs.test(unitOf(c)))) return codes;
  const fitting = vocab.indicators.filter((i) => (mention.codes.includes(i.code) || i.names.some((n) => fold(n).includes(mention.alias))) && unitIs.test(i.unit));
  if (fitting.length === 1) return [fitting[0]!.code];
  // 医疗救助花了多少钱: no amount carries the name, but its item counts money in several (住院, 门诊):
  // those are the choice, never the 人次 the name holds
  const items = new Set(vocab.indicators.filter((i) => codes.includes(i.code)).map((i) => i.item));
  const mates = vocab.indicators.filter((i) => i.item !== undefined && items.has(i.item) && unitIs.test(i.unit));
  return fitting.length === 0 && mates.length > 0 ? mates.slice(0, 5).map((i) => i.code) : codes;
}

/** Length of the longest run of characters the two strings share. */
function sharedRun(a: string, b: string): number {
  let best = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let k = 0;
      while (a[i + k] !== undefined && a[i + k] === b[j + k]) k++;
      if (k > best) best = k;
    }
  }
  return best;
}

function sameIndicators(vocab: Vocabulary, codes: string[]): Vocabulary {
  return { ...vocab, indicators: vocab.indicators.filter((i) => codes.includes(i.code)) };
}

function report(raw: string, ref: IndicatorRef, rest: string, q: Quantity, adding: boolean): LineResult {
  if (q.doubt) return { kind: "problem", problem: { raw, kind: q.doubt === "ambiguous" ? "ambiguous-number" : q.doubt, ref } };
  const op = opBefore(rest.slice(0, Math.max(0, rest.indexOf(q.raw))), adding);
  const quantity = { number: q.number, magnitude: q.magnitude, unit: q.unit, percent: q.percent };
  return { kind: "submission", line: { raw, ref, op, quantity } };
}

/**
 * set or add, from the words before the figure: the last of 新增/又 and 增加到/截至 decides; with
 * neither, the sentence's increment word if it had one (`adding`).
 */
function opBefore(before: string, adding: boolean): "set" | "add" {
  if (CUMULATIVE.test(before)) return "set";
  const text = before.replace(AS_OF, "截至");
  const lastEnd = (re: RegExp) => Math.max(-1, ...[...text.matchAll(re)].map((m) => m.index + m[0].length));
  const add = lastEnd(INCREMENT);
  const set = lastEnd(SET_TO);
  if (add === set) return adding ? "add" : "set";
  return add > set ? "add" : "set";
}

/** With several numbers on a line (2400人，完成40%), prefer the one in the indicator's own unit. */
function pickQuantity(qs: Quantity[], ref: IndicatorRef, vocab: Vocabulary): Quantity {
  const unit = vocab.indicators.find((i) => i.code === ref.codes[0])?.unit ?? "";
  const wantPercent = unit === "%";
  const kind = qs.filter((q) => q.percent === wantPercent);
  return kind.find((q) => q.unit && unit.endsWith(q.unit)) ?? kind[0] ?? qs[0]!;
}

function isTextual(ref: IndicatorRef, vocab: Vocabulary): boolean {
  const ind = vocab.indicators.find((i) => i.code === ref.codes[0]);
  return ref.codes.length === 1 && ind?.kind === "qualitative";
}

/** Removes the folded span [start, end) from the original text, mapping through fold(). */
function cutFolded(raw: string, start: number, end: number): string {
  let folded = 0;
  let from = -1;
  let to = raw.length;
  for (let i = 0; i < raw.length; i++) {
    const kept = fold(raw[i]!).length > 0;
    if (kept && folded === start && from < 0) from = i;
    if (kept) folded++;
    if (kept && folded === end) {
      to = i + 1;
      break;
    }
  }
  if (from < 0) return raw;
  return `${raw.slice(0, from)} ${raw.slice(to)}`;
}

/** No name is written out: guess from the words left once questions and numbers are gone. */
export function fuzzyRef(raw: string, vocab: Vocabulary): { ref?: IndicatorRef; rest: string; suggestions?: string[] } {
  const quantities = scanQuantities(raw);
  let phrase = raw;
  for (const q of quantities) phrase = phrase.replace(q.raw, " ");
  phrase = stripAsk(phrase.replace(/^(?:已|已经)/u, "")).replace(/(?:已|已经|累计|又|再|新增)+$/u, "");
  // 基站建设情况: generic words at the end name no indicator
  const core = phrase.replace(/(?:建设|工作|项目|工程|数量|人数|任务|推进|落实)+$/u, "");
  if (fold(core).length >= 2 && resolve(rankIndicators(phrase, vocab)).kind === "none") phrase = core;
  const rest = raw.replace(phrase, " ");
  if (fold(phrase).length < 2) return { rest };
  const resolution = resolve(rankIndicators(phrase, vocab));
  if (resolution.kind === "one") return { ref: { codes: [resolution.code], phrase }, rest };
  if (resolution.kind === "choice") return { ref: { codes: resolution.codes, phrase, ...(resolution.guess ? { guess: true } : {}) }, rest };
  return { rest };
}

// 又完成了30个 / 今天新增12人 / 2468人: the words a figure may carry when it names no indicator
const BARE_WORDS = /^(?:今天|今日|本周|这周|本月|这个月|目前|现在|已经|已|又|再|新增|增加|累计|共|一共|总共|完成|达到|到|了|的|是|有)*$/u;

/**
 * A message that is one figure and nothing naming an indicator: which indicator is for the bot
 * to ask (it knows the reporter's unit). A vague or doubtful figure is not taken.
 */
export function bareFigure(text: string): { op: "set" | "add"; quantity: NonNullable<SubmissionLine["quantity"]> } | undefined {
  const qs = scanQuantities(text);
  const q = qs[0];
  // 13812345678 is a phone number, not a figure
  if (qs.length !== 1 || !q || q.doubt || /1[3-9]\d{9}/u.test(text.replace(/[\s-]/gu, ""))) return undefined;
  const before = text.slice(0, text.indexOf(q.raw)).replace(/[\s,，:：]/gu, "");
  const after = text.slice(text.indexOf(q.raw) + q.raw.length).replace(/[\s,，。.!！了啦]/gu, "");
  if (!BARE_WORDS.test(before) || after !== "") return undefined;
  return { op: opBefore(before, false), quantity: { number: q.number, magnitude: q.magnitude, unit: q.unit, percent: q.percent } };
}
