// Text to Intent by rules: instant, free, no I/O. Handles Chinese numerals and units,
// full-width characters, and the many ways officials ask and report. Never throws.
// The entry: a slash command or another command (commands.ts), else the lines of a report (split.ts, line.ts), else one
// question or report; the word lists are in words.ts.
import { normalizeText } from "../domain/numbers.js";
import { MAX_BULLETIN_CHARS, parseBulletin } from "./bulletin.js";
import { parseCommand, parseEdit, parseSlash } from "./commands.js";
import { isAsOfView, type IndicatorRef, type Intent, type LineProblem, type SubmissionLine } from "./intent.js";
import { bareFigure, parseLine } from "./line.js";
import { parseListQuestion } from "./list-questions.js";
import { aspectAsked, indicatorOverSection, leansOnPrevious, onlyLeans, readFollowup } from "./asked.js";
import { readComparison } from "./compare.js";
import { findEntry, findMention, findMentions, fold } from "./match.js";
import { toSimplified } from "./simplified.js";
import { splitLines, splitRemark, type MessageLine } from "./split.js";
import { asksChange, readTime, type TimeRead } from "./time-words.js";
import type { Vocabulary } from "./vocabulary.js";
import { LAGGARDS, OVERVIEW, SECTION_MARK, STRONG_QUESTION, TRAILING_PUNCT, stripAsk } from "./words.js";

/** Longer messages are cut: nobody reports a thousand lines in a chat. */
const MAX_CHARS = 4000;

/** A parser bug caught by parseMessage, with the message that hit it (cut to 200 characters). */
export type ParseErrorReport = (error: unknown, text: string) => void;

/**
 * The message as an intent. A parser bug costs one "没看懂", never the conversation; it is handed
 * to onError (the caller's logger) so that it is seen and fixed rather than silently swallowed.
 */
export function parseMessage(text: string, vocab: Vocabulary, onError?: ParseErrorReport): Intent {
  try {
    return parseUnguarded(typeof text === "string" ? text : "", vocab);
  } catch (e) {
    const shown = String(text).slice(0, 200);
    try {
      onError?.(e, shown);
    } catch {
      // a failing logger must not turn a parser bug into a lost reply either
    }
    return { type: "unknown", text: shown };
  }
}

/** The parser without its safety net; exported so the fuzz test can prove it needs none. */
export function parseUnguarded(input: string, vocab: Vocabulary): Intent {
  // 要闻：, 亮点：, 资料上传：… first: their bodies are free text, longer than a report, and kept as written
  const simplified = toSimplified(input.slice(0, MAX_BULLETIN_CHARS));
  const bulletin = parseBulletin(simplified);
  if (bulletin) return bulletin;
  const text = normalizeText(simplified.slice(0, MAX_CHARS)).replace(/\r/g, "").trim();
  const slash = parseSlash(text);
  if (slash) return "intent" in slash ? slash.intent : parseUnguarded(slash.message, vocab);
  const bare = text.replace(TRAILING_PUNCT, "");
  const command = parseCommand(bare) ?? parseEdit(bare, vocab);
  if (command) return command;
  const lines = splitLines(text, vocab);
  if (lines.length > 1) return parseSubmission(lines, vocab);
  // 市水利局4月进度：⏎恢复和改善灌溉面积 11.6万亩: the one line under a heading
  if (lines.length === 1 && text.includes("\n")) return parseAsked(lines[0]!.text.replace(TRAILING_PUNCT, ""), vocab);
  return parseAsked(bare, vocab);
}

/**
 * One line, read for what a question may add to the one-line reading: a follow-up that names no
 * indicator (完成率呢), time words (3月底…, 本月新增了多少), several indicators (A和B哪个快), one
 * fact asked (全年目标是多少) or the previous question leant on (那失业人员再就业呢).
 */
function parseAsked(whole: string, vocab: Vocabulary): Intent {
  const t = splitRemark(whole).body;
  const followup = readFollowup(t);
  if (followup) return followup;
  // 最近一周的更新 / 5月底前要完成的: the list's own time words, not an as-of question
  const list = findMention(t, vocab) ? undefined : parseListQuestion(t, vocab);
  if (list && !isAsOfView(list)) return list;
  const time = readTime(t, (rest) => asksChange(namesCut(rest, vocab)));
  const timed = time && withTime(time, vocab);
  if (timed) return timed;
  if (list) return list;
  return readComparison(t, vocab) ?? refine(parseSingle(whole, vocab), t, vocab);
}

/** The question without its time words, asked as of that day or over that stretch; undefined: not a question after all. */
function withTime(time: TimeRead, vocab: Vocabulary): Intent | undefined {
  const when = { ...(time.asOf ? { asOf: time.asOf } : {}), ...(time.change ? { change: time.change } : {}) };
  const inner = readFollowup(time.rest) ?? readComparison(time.rest, vocab) ?? refine(parseSingle(time.rest.replace(TRAILING_PUNCT, ""), vocab), time.rest, vocab);
  if (inner.type === "query" || inner.type === "followup") return { ...inner, ...when };
  if (inner.type === "compare" && !time.change) return { ...inner, ...(time.asOf ? { asOf: time.asOf } : {}) };
  // 3月底哪些指标落后 / 上个月总体进度: the view then; a change of a whole view is not asked that way
  // (这个月 / 今天 / 目前 is now: the plain view)
  if (isAsOfView(inner) && time.asOf && !time.change) return time.asOf.back?.n === 0 ? inner : { ...inner, asOf: time.asOf };
  if (inner.type === "unknown" && onlyLeans(time.rest)) return { type: "followup", ...when };
  return undefined;
}

/** A query that asks one fact (全年目标是多少) or leans on the previous question (那失业人员再就业呢). */
function refine(intent: Intent, t: string, vocab: Vocabulary): Intent {
  if (intent.type !== "query") return intent;
  const rest = namesCut(t, vocab, intent.ref.phrase);
  const aspect = aspectAsked(rest);
  const carry = !aspect && leansOnPrevious(t, rest);
  return { ...intent, ...(aspect ? { aspect } : {}), ...(carry ? { carry } : {}) };
}

/** The text with the indicator names in it cut out: 新增 in 城镇新增就业 asks no change. */
function namesCut(t: string, vocab: Vocabulary, phrase?: string): string {
  let hay = fold(t);
  for (const m of findMentions(t, vocab)) hay = hay.replace(m.alias, " ");
  return phrase ? hay.replace(fold(phrase), " ") : hay;
}

/** One line: a list or scope asked for (laggards, a section, a unit, the overview), else one report or question. */
function parseSingle(whole: string, vocab: Vocabulary): Intent {
  // a remark (备注：就业方面补报) says nothing about what the message is
  const t = splitRemark(whole).body;
  const mention = findMention(t, vocab);
  // 哪些指标已经完成 / 哪些单位还没填报 / 进度最慢的三个: a list, when no indicator is named
  const list = mention ? undefined : parseListQuestion(t, vocab);
  if (list) return list;
  if (!mention && LAGGARDS.test(t)) {
    // 人社局有哪些指标落后 / 就业方面落后的: the list narrowed to a unit or a section
    const unit = findEntry(t, vocab.units);
    const section = unit ? undefined : findEntry(t, vocab.sections);
    return { type: "laggards", ...(unit ? { unit: unit.key } : {}), ...(section ? { section: section.key } : {}) };
  }
  const sectionAsked = SECTION_MARK.test(t) && !indicatorOverSection(t, mention?.alias, vocab.sections.map((s) => s.names)) ? findEntry(t, vocab.sections) : undefined;
  if (sectionAsked) return { type: "section", section: sectionAsked.key };
  if (!mention) {
    if (OVERVIEW.test(fold(t))) return { type: "overview" };
    const unit = findEntry(t, vocab.units);
    if (unit) return { type: "unit", unit: unit.key };
    const asked = fold(stripAsk(t));
    const section = vocab.sections.find((s) => s.names.some((n) => fold(n) === asked));
    if (section) return { type: "section", section: section.key };
  }
  const line = parseLine(whole, vocab);
  if (line.kind === "submission") return { type: "submission", lines: [line.line], problems: [] };
  if (line.kind === "problem") return { type: "submission", lines: [], problems: [line.problem] };
  if (line.kind === "query") return { type: line.history ? "history" : "query", ref: line.ref };
  const bare = line.suggestions?.length ? undefined : bareFigure(t);
  if (bare) return { type: "bare", raw: t, ...bare };
  return { type: "unknown", text: whole, suggestions: line.suggestions };
}

/**
 * Several lines: each is a report; a line that is not becomes a problem shown back. 又/新增/本月
 * in one clause governs the figures after it in the same sentence (本月又开展了9场，惠及家长460人次).
 */
function parseSubmission(lines: MessageLine[], vocab: Vocabulary): Intent {
  const out: SubmissionLine[] = [];
  const problems: LineProblem[] = [];
  const questions: IndicatorRef[] = [];
  let adding = -1;
  for (const { text: raw, sentence } of lines) {
    const line = parseLine(raw.replace(TRAILING_PUNCT, ""), vocab, adding === sentence);
    if (line.kind === "submission" && line.line.op === "add") adding = sentence;
    if (line.kind === "submission") out.push(line.line);
    else if (line.kind === "problem") problems.push(line.problem);
    // 失业人员再就业现在多少了 beside a report: a question to answer, not a report missing its figure
    else if (line.kind === "query" && STRONG_QUESTION.test(raw)) questions.push(line.ref);
    else if (line.kind === "query") problems.push({ raw, kind: "no-number", ref: line.ref });
    else problems.push({ raw, kind: "unknown-indicator" });
  }
  if (questions.length > 0 && out.length === 0 && problems.length === 0 && questions.length === 1) return { type: "query", ref: questions[0]! };
  return { type: "submission", lines: out, problems, ...(questions.length ? { questions } : {}) };
}
