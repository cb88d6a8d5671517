// A message into lines: at line breaks and semicolons, then at commas or at names when one line
// holds several reports, with a 备注：… kept on the report it is said about and the heading and
// sign-off of a report (frame.ts) left out.
import { normalizeText, scanQuantities } from "../domain/numbers.js";
import { isFrame } from "./frame.js";
import { findMention, findMentions, fold } from "./match.js";
import type { Vocabulary } from "./vocabulary.js";
import { REMARK } from "./words.js";

/** Nobody reports a thousand lines in a chat: the rest are cut. */
const MAX_LINES = 60;

/** One line to read as a report or a question; lines cut from one sentence share its number. */
export interface MessageLine {
  text: string;
  sentence: number;
}

/** The lines of a message, each to be read as one report or one question (at most MAX_LINES). */
export function splitLines(text: string, vocab: Vocabulary): MessageLine[] {
  return text
    .split(/[\n；;]+/u)
    .reduce<string[]>((out, l) => {
      // 备注：… on a line of its own is said about the report above it
      if (out.length > 0 && /^\s*(?:备注|注|说明)\s*[:：]/u.test(l)) out[out.length - 1] += `，${l.trim()}`;
      else out.push(l);
      return out;
    }, [])
    .filter((l) => !isFrame(l, vocab))
    .flatMap((l) => splitClauses(l, vocab))
    .map((c, n, all) => ({ text: c.text.trim(), sentence: c.listed ? sentenceOf(all, n) : -1 - n }))
    .filter((l) => l.text)
    .slice(0, MAX_LINES);
}

/**
 * 城镇新增就业2600人，就业困难人员就业580人: one line, two reports. Split at commas when at least
 * two of the clauses each name an indicator and give a number; otherwise keep the line whole
 * (城镇新增就业：截至4月底完成2400人，完成率40% is one report).
 */
function splitClauses(line: string, vocab: Vocabulary): Clause[] {
  const { body, remark } = splitRemark(line);
  const pieces = splitAtCommas(body, vocab).flatMap((c, n) =>
    splitAtNames(c, vocab).map((text, m) => ({ text, listed: m === 0, first: n === 0 && m === 0 })),
  );
  pieces[pieces.length - 1]!.text += remark?.written ?? "";
  return pieces;
}

/**
 * A piece of a line; `listed` when it begins one of the line's comma clauses (本月又开展了9场，惠及家长460人次),
 * which share their sentence's 又/新增. Names written one after another without a comma
 * (就业困难人员又新增10人 城镇新增就业 2600人) are separate reports, each with its own words.
 */
interface Clause {
  text: string;
  listed: boolean;
  first: boolean;
}

/** The sentence a listed clause belongs to: numbered by the first piece of its line. */
function sentenceOf(all: Clause[], n: number): number {
  let i = n;
  while (i > 0 && !all[i]!.first) i--;
  return i;
}

function splitAtCommas(line: string, vocab: Vocabulary): string[] {
  const clauses = line.split(/[，,、]/u);
  if (clauses.length < 2) return [line];
  const reports = clauses.filter((c) => findMention(c, vocab) && scanQuantities(normalizeText(c)).length > 0);
  if (reports.length < 2) return [line];
  // clauses without a name of their own belong to the report before them; those before the
  // first name (截至4月底，…) to the first report
  const out: string[] = [];
  let lead = "";
  for (const c of clauses) {
    if (findMention(c, vocab)) out.push(lead + c);
    else if (out.length === 0) lead += `${c}，`;
    else out[out.length - 1] += `，${c}`;
    if (out.length > 0) lead = "";
  }
  return out;
}

/**
 * 城镇新增就业 2700 人 职业技能培训 320 人, 职业技能培训累计310人创业培训累计180人: several
 * indicators named on one line with a figure among them: one piece per name, so each is either
 * reported or named in a question (a piece without a figure), never dropped or given a
 * neighbour's figure. Two names of the same indicator (三湘怡养 助餐点) stay together.
 */
function splitAtNames(line: string, vocab: Vocabulary): string[] {
  const heads = findMentions(line, vocab).filter((m, n, all) => n === 0 || !m.codes.some((c) => all[n - 1]!.codes.includes(c)));
  if (heads.length < 2) return [line];
  const cuts = [0, ...heads.slice(1).map((m) => rawIndexOf(line, m.start)), line.length];
  const pieces = cuts.slice(1).map((end, n) => line.slice(cuts[n], end)).filter((p) => p.trim());
  return pieces.some((p) => scanQuantities(p).length > 0) ? pieces : [line];
}

/** The index in raw of the character at folded index `at`. */
function rawIndexOf(raw: string, at: number): number {
  let folded = 0;
  for (let i = 0; i < raw.length; i++) {
    if (fold(raw[i]!).length === 0) continue;
    if (folded === at) return i;
    folded++;
  }
  return raw.length;
}

/** 2500人（含网创培训30人）: a note in brackets closing the line, said about the figure before it. */
const BRACKETED = /[\s，,]*[(（](?=[^()（）]*[)）][\s。.;；，,]*$)/u;

/** 2400人，备注：含4月上旬数据 or 2500人（含网创培训30人） → the report and its remark; only after a figure, so a note stays a note. */
export function splitRemark(line: string): { body: string; remark?: { text: string; written: string } } {
  const m = REMARK.exec(line) ?? BRACKETED.exec(line);
  if (!m) return { body: line };
  const body = line.slice(0, m.index);
  const text = line.slice(m.index + m[0].length).replace(/[\s)）。.]+$/u, "").trim();
  if (!text || scanQuantities(body).length === 0) return { body: line };
  return { body, remark: { text: text.slice(0, 500), written: line.slice(m.index) } };
}
