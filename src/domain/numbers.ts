// Chinese numbers as civil servants type them: 1.2万, 三千, 两千三百, 百分之四十, 1,200, ８６１,
// and units with a magnitude (万人, 亿元). Pure functions; nothing here throws but exactDecimal
// on text that is not a number.
import { Decimal } from "decimal.js";

/**
 * Figures are decimals people wrote (8.61 万人, 63.8 人), so every sum, conversion and rounding
 * works on a number's shortest round-trip digits (what String(8.61) prints), never on its binary
 * approximation: 1.005 rounds to 1.01, 0.1 + 0.2 is 0.3. The precision covers the exact sum of
 * any two finite doubles (about 650 digits), so no result is ever rounded by the arithmetic.
 */
const Exact = Decimal.clone({ precision: 1000, rounding: Decimal.ROUND_HALF_UP });
export type ExactDecimal = Decimal;

/** A figure as an exact decimal: a number at its shortest round-trip digits, or decimal text. */
export function exactDecimal(value: number | string | { toString(): string }): ExactDecimal {
  return new Exact(typeof value === "number" ? value : value.toString());
}

/** A + b in decimal arithmetic, as the nearest double: 0.1 + 0.2 → 0.3, 8.61 + 0.01 → 8.62. */
export function addExact(a: number, b: number): number {
  return new Exact(a).plus(b).toNumber();
}

const DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 两: 2, 贰: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG: Record<string, number> = { 万: 1e4, 亿: 1e8 };
export const MAGNITUDE: Record<string, number> = { 千: 1e3, 万: 1e4, 亿: 1e8 };

const CN_CHARS = "零〇一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿点";
const CN_RUN = new RegExp(`[${CN_CHARS}]+`, "u");

/**
 * Full-width digits, letters and number signs (１２．５％) to half-width; unify spaces. Chinese
 * punctuation (，：；) stays as typed: it is part of the text a note keeps.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF05\uFF0B\uFF0D\uFF0E\uFF0F]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u200B-\u200D\uFEFF]/g, "")
    .replace(/[\u3000\t ]+/g, " ");
}

/** Rounds half away from zero at `decimals` (an integer ≥ 0) places: 93.665 → 93.67, 1.005 → 1.01. */
export function roundTo(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  return new Exact(value).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).toNumber();
}

/** Rounds up at `decimals` places (还差 6.67 人 → 7 人): a shortfall is never understated. */
export function ceilTo(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  // first drop the noise a double computation leaves far below the places shown (6.0000000001 人)
  const settled = new Exact(value).toDecimalPlaces(decimals + 6, Decimal.ROUND_HALF_UP);
  return settled.toDecimalPlaces(decimals, Decimal.ROUND_CEIL).toNumber();
}

/** A number as the report writes it: no grouping, no exponent, no trailing zeros (8.61, 1200, 63.8). */
export function formatNumber(value: number, maxDecimals = 4): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = new Exact(value).toDecimalPlaces(maxDecimals, Decimal.ROUND_HALF_UP);
  return rounded.isZero() ? "0" : rounded.toFixed();
}

/** A percentage with two decimals, as the 工作专报 prints completion: 93.67%. */
export function formatPct(pct: number): string {
  if (!Number.isFinite(pct)) return `${pct}%`;
  const rounded = new Exact(pct).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return `${rounded.isZero() ? "0.00" : rounded.toFixed(2)}%`;
}

/** A number written in digits (12) or in Chinese numerals (十二, 第三 without the 第): 12 → 12, 三 → 3. */
export function numberWritten(text: string): number | undefined {
  return /\d/u.test(text) ? Number(text) : parseChineseNumeral(text);
}

/** 三千五 → 3500, 两千三百 → 2300, 一万二 → 12000, 十五 → 15, 三点五 → 3.5; undefined if not a number. */
export function parseChineseNumeral(text: string): number | undefined {
  if (!text || !CN_RUN.test(text)) return undefined;
  const [intPart = "", fracPart, extra] = text.split("点");
  if (extra !== undefined) return undefined;
  const int = intPart === "" ? 0 : parseChineseInteger(intPart);
  if (int === undefined) return undefined;
  if (fracPart === undefined) return int;
  let frac = "";
  for (const ch of fracPart) {
    const d = DIGIT[ch];
    if (d === undefined) return undefined;
    frac += d;
  }
  return frac ? Number(`${int}.${frac}`) : undefined;
}

function parseChineseInteger(text: string): number | undefined {
  let yi = 0; // everything up to the last 亿
  let wan = 0; // the 万 group after it
  let section = 0; // below 万
  let digit: number | undefined;
  let prevUnit = 0; // the place value of the character just before, if it was 十/百/千/万/亿
  for (const ch of text) {
    const d = DIGIT[ch];
    if (d !== undefined) {
      if (digit !== undefined && digit !== 0) return undefined; // 三四 is not a number
      digit = d;
      if (d !== 0) continue;
      prevUnit = 0;
    } else if (ch in SMALL) {
      const unit = SMALL[ch]!;
      section += (digit ?? 1) * unit;
      digit = undefined;
      prevUnit = unit;
    } else if (ch in BIG) {
      const unit = BIG[ch]!;
      section += digit ?? 0;
      if (section === 0 && wan === 0 && yi === 0) return undefined;
      if (unit === 1e8) {
        yi = (yi + wan + section) * unit;
        wan = 0;
      } else {
        wan += section * unit;
      }
      section = 0;
      digit = undefined;
      prevUnit = unit;
    } else {
      return undefined;
    }
  }
  // a digit right after a place (三千五, 一万二) counts in the next smaller place: 3500, 12000
  if (digit !== undefined) section += prevUnit >= 100 ? (digit * prevUnit) / 10 : digit;
  return yi + wan + section;
}

/** Why a figure cannot be taken as written: 约2600, 三百余, 60-65, 2千60 (2060 or 2600?). */
export type Doubt = "approximate" | "range" | "ambiguous";

export interface Quantity {
  /** the number as written, before any magnitude in the unit (8.61 in "8.61万人"); NaN when it has none */
  number: number;
  /** 万, 亿 or 千 written between number and unit, or "" */
  magnitude: string;
  /** the measure word after the number without magnitude: 人, 台, 元/月, % or "" */
  unit: string;
  percent: boolean;
  start: number;
  end: number;
  raw: string;
  /** set when the figure is not one exact number: a report must not take it */
  doubt?: Doubt;
}

const NUMERAL_RUN = /(?:\d+(?:,\d{3})*(?:\.\d+)?|\.\d+|[零〇一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿点])+/y;
const PERCENT_WORD = /百分之/y;
const UNIT_TAIL = /\s?([万亿千]?)(人次|场次|元\/月|元\/人|μg\/m3|µg\/m3|[%‰]|[^\s\d.,，。;；:：!！?？、()（）\-~～/到至]{0,3})/y;
const MEASURE_AFTER = /^\s?(?:[万亿千]|人次|场次|人|个|台|家|场|条|栋|户|元|亩|方|名|次|项|处|所|座|辆|件|%|$)/u;
const PARTICLES = /(了|啦|呢|吗|嘛|哦|的|左右|多|余|多个|以上|已|啊|吧)+$/u;
// 约2600, 2600多人, 三百余个, 2600人左右, 二十几人: the writer does not vouch for one figure
const APPROX_BEFORE = /(?:大约|大概|约为|(?<![签合节契预公条])约|将近|接近|(?<!最)近|差不多|估计|预计|超过|不到|不足|逾|至少|不少于|不低于|不超过)\s?$/u;
const APPROX_AFTER = /^\s?(?:多|余|几|来(?=\s?[万亿千]?[人个家台场次名户元亩方条栋座所辆件项处位]))/u;
const APPROX_TAIL = /^\s?[万亿千]?(?:人次|场次|[^\s\d,，。;；:：!！?？、]{0,3}?)(?:左右|上下|以上|以下|开外|出头)/u;
const RANGE_DASH = /^\s?(?:到|至|~|～|-|－|—|–)\s?/u;
const DATE_RANGE = /^\s?(?:到|至|~|～|-|－|—|–)\s?\d{1,2}\s?(?:月|日|号)/u;

/** Finds every number in a text with the unit written after it. */
export function scanQuantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  let i = 0;
  while (i < text.length) {
    const q = readQuantityAt(text, i);
    if (q) {
      out.push(q);
      i = Math.max(q.end, i + 1);
    } else {
      i++;
    }
  }
  return out;
}

function readQuantityAt(text: string, start: number, inRange = false): Quantity | undefined {
  let pos = start;
  let percent = false;
  PERCENT_WORD.lastIndex = pos;
  if (PERCENT_WORD.test(text)) {
    percent = true;
    pos = PERCENT_WORD.lastIndex;
  }
  const run = numeralRunAt(text, pos);
  if (!run) return undefined;
  // a digit glued to a preceding letter or digit is part of a name (4G, 5G), not a quantity
  if (/^\d/.test(run) && !percent && start > 0 && /[A-Za-z]/.test(text[start - 1]!)) return undefined;
  if (/\d$/.test(run) && /^[A-Za-z]/.test(text.slice(pos + run.length))) return undefined;
  // a lone 一 in 一下, 一些, 一起 is a word, not a figure: it must be followed by a measure
  const next = text.slice(pos + run.length);
  if (/^\D$/u.test(run) && !MEASURE_AFTER.test(next) && !APPROX_AFTER.test(next)) return undefined;
  const read = readNumeral(run);
  if (!read || (!read.doubt && !Number.isFinite(read.number))) return undefined;
  pos += run.length;
  const after = text.slice(pos);
  if (!percent && DATE_RANGE.test(after)) return undefined; // 1-4月
  // a minus sign written before the number (-5, 负5) is kept, so a negative figure can be refused
  const sign = !inRange && start > 0 && /[-−负]/.test(text[start - 1]!) && !/[\dA-Za-z]/.test(text[start - 2] ?? "") ? -1 : 1;
  UNIT_TAIL.lastIndex = pos;
  const tail = UNIT_TAIL.exec(text);
  let magnitude = read.magnitude;
  let unit = (tail?.[2] ?? "").replace(PARTICLES, "");
  // 4月底, 20日, 2025年, 一季度: dates are not figures
  if (!percent && /^(?:月|日|号|年|季度|周|点|时|期|届)/.test(tail?.[2] ?? "")) return undefined;
  let doubt = read.doubt;
  if (tail?.[1]) {
    if (magnitude) doubt ??= "ambiguous"; // 7万 千: which is meant?
    magnitude = tail[1];
  }
  if (/^(万|亿)/.test(unit) && !magnitude) {
    magnitude = unit[0]!;
    unit = unit.slice(1);
  }
  if (unit === "%" || unit === "‰") percent = true;
  if (percent) unit = "%";
  const consumed = tail ? tail[0].length - ((tail[2] ?? "").length - (tail[2] ?? "").replace(PARTICLES, "").length) : 0;
  let end = pos + consumed;
  const before = text.slice(0, start);
  // 几十人, 数百个, 上千人: a place with a vague count in front of it
  const vagueLead = /^[十拾百佰千仟]/u.test(run) && /[几数上]$/u.test(before);
  if (!doubt && (vagueLead || APPROX_AFTER.test(after) || APPROX_TAIL.test(after) || APPROX_BEFORE.test(before))) doubt = "approximate";
  const number = sign * read.number;
  // the vague word is part of the figure as written, so the line does not read as a question (几)
  const q: Quantity = { number, magnitude, unit, percent, start: vagueLead ? start - 1 : start, end, raw: "" };
  // 600到650万元, 60-65人, 2500人至2600人: a range, whichever dash; the unit is the second's
  if (!inRange) {
    for (const at of [pos, end]) {
      const dash = RANGE_DASH.exec(text.slice(at));
      const second = dash ? readQuantityAt(text, at + dash[0].length, true) : undefined;
      // after a unit, only the same unit again (2500人到2600人); 43家增加到44家 is a change, not a range
      if (!second || (at > pos && second.unit !== unit)) continue;
      Object.assign(q, { number: second.number, magnitude: second.magnitude || magnitude, unit: second.unit || unit, percent: percent || second.percent });
      end = second.end;
      doubt = "range";
      break;
    }
  }
  q.end = end;
  q.raw = text.slice(q.start, end);
  if (doubt) q.doubt = doubt;
  return q;
}

/** The numeral starting at pos: digits, Chinese numerals and places mixed (1千2百, 3万5, 两万三千五). */
function numeralRunAt(text: string, pos: number): string | undefined {
  NUMERAL_RUN.lastIndex = pos;
  let run = NUMERAL_RUN.exec(text)?.[0];
  if (!run || /^[万亿点]/u.test(run)) return undefined;
  // 点 is a decimal point only between Chinese digits (三点五); after a digit it is the time (3点)
  if (/\d/.test(run) && run.includes("点")) run = run.slice(0, run.indexOf("点"));
  run = run.replace(/点+$/u, "");
  return run || undefined;
}

const PLACE: Record<string, number> = { 十: 1, 拾: 1, 百: 2, 佰: 2, 千: 3, 仟: 3, 万: 4, 亿: 8 };
const CN_DIGITS = "零一二三四五六七八九";

interface Reading {
  /** the figure divided by the magnitude, exactly as decimals go (3万5 → 3.5 万) */
  number: number;
  magnitude: string;
  doubt?: Doubt;
}

/** Reads one numeral run; undefined when it is not a number at all. */
function readNumeral(run: string): Reading | undefined {
  // 七八个, 三四百, 两三千: two neighbouring digits are a guess between them
  if (/(?:一二|二三|两三|三四|四五|五六|六七|七八|八九)/u.test(run)) return { number: Number.NaN, magnitude: "", doubt: "approximate" };
  const lead = /^(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+|[零〇一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟点]*?点[零〇一壹二两贰三叁四肆五伍六陆七柒八捌九玖]+)([十拾百佰千仟万亿]*)$/u.exec(run);
  if (lead) return readScaled(lead[1]!, lead[2]!);
  let value: number | undefined;
  if (!/\d/.test(run)) value = parseChineseNumeral(run);
  else {
    const spelled = spellMixed(run);
    if (spelled === "ambiguous") return { number: Number.NaN, magnitude: "", doubt: "ambiguous" };
    value = spelled === undefined ? undefined : parseChineseNumeral(spelled);
  }
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const magnitude = run.includes("亿") ? "亿" : run.includes("万") ? "万" : "";
  return { number: shift(value, -(magnitude ? PLACE[magnitude]! : 0)), magnitude };
}

/** A number followed by places only: 1.2万, 6,850万, 7千万, 1.5千, 三点五万, 35. */
function readScaled(head: string, places: string): Reading | undefined {
  const base = /[\d.]/.test(head) ? Number(head.replace(/,/g, "")) : parseChineseNumeral(head);
  if (base === undefined || !Number.isFinite(base)) return undefined;
  if (places === "") return { number: base, magnitude: "" };
  // 万千 or 亿万 are not written; only a smaller place may come before a larger one (千万, 百亿)
  const exps = [...places].map((c) => PLACE[c]!);
  if (exps.some((e, n) => n > 0 && e <= exps[n - 1]!)) return undefined;
  const total = exps.reduce((a, b) => a + b, 0);
  const last = places[places.length - 1]!;
  const magnitude = last === "万" || last === "亿" ? last : places === "千" ? "千" : "";
  return { number: shift(base, total - (magnitude ? PLACE[magnitude]! : 0)), magnitude };
}

/** Moves the decimal point without binary error: shift(1.15, 4) = 11500. */
function shift(n: number, places: number): number {
  return places === 0 ? n : Number(`${n}e${places}`);
}

/**
 * Writes a run mixing digits and Chinese places in Chinese numerals, so one reader does both:
 * 1千2百 → 一千二百, 2千6 → 二千六 (2600, as 三千五 is 3500), 1万6500 → 一万六千五百. Digits after
 * the last place must be one digit or fill every place below it: 2千60 (2060 or 2600?) is
 * "ambiguous" rather than a guess.
 */
function spellMixed(run: string): string | "ambiguous" | undefined {
  const parts = run.match(/\d+(?:,\d{3})*(?:\.\d+)?|\.\d+|\D/gu) ?? [];
  let out = "";
  for (let n = 0; n < parts.length; n++) {
    const part = parts[n]!;
    if (!/\d/.test(part)) {
      out += part;
      continue;
    }
    if (/[.,]/.test(part)) return "ambiguous";
    const next = parts[n + 1];
    const prevPlace = PLACE[parts[n - 1] ?? ""];
    if (next !== undefined && PLACE[next] !== undefined) {
      const value = Number(part);
      if (value === 0 || value >= 1e4 || (PLACE[next] < 4 && part.length > 1) || (PLACE[next] === 4 && part.length > 4)) return "ambiguous";
      out += chineseOf(value);
    } else if (next !== undefined) {
      return undefined; // 2三
    } else if (prevPlace === undefined || part.length === 1) {
      out += chineseOf(Number(part));
    } else if (part.length === (prevPlace === 8 ? 4 : prevPlace) && prevPlace < 8) {
      // fills the places below: 1千200, 1万0500
      const v = Number(part);
      out += v === 0 ? "" : `${part.length > String(v).length ? "零" : ""}${chineseOf(v)}`;
    } else {
      return "ambiguous";
    }
  }
  return out;
}

/** 0 < n < 10000 in Chinese numerals, with 零 where a place is skipped (1005 → 一千零五). */
function chineseOf(n: number): string {
  const places = ["千", "百", "十", ""];
  const digits = String(n).padStart(4, "0").split("").map(Number);
  let out = "";
  let gap = false;
  digits.forEach((d, k) => {
    if (d === 0) {
      gap = out !== "";
      return;
    }
    out += `${gap ? "零" : ""}${CN_DIGITS[d]}${places[k]}`;
    gap = false;
  });
  return out;
}

/** Splits an indicator unit into its magnitude and measure word: 万人 → 1e4 and 人. */
export function splitUnit(unit: string): { factor: number; base: string } {
  const first = unit[0];
  if (first && first in MAGNITUDE && unit.length > 1 && !/^千[米克瓦]/.test(unit)) {
    return { factor: MAGNITUDE[first]!, base: unit.slice(1) };
  }
  return { factor: 1, base: unit };
}

/**
 * A quantity expressed in an indicator's unit. With no unit written, the number is taken in the
 * indicator's own unit (people type 8.7 for 8.7 万人, as the report does); with a magnitude or a
 * plain measure word it is scaled (87000人 → 8.7 万人, 1.2亿元 → 12000 万元, 7000元 → 0.7 万元).
 */
export function toIndicatorUnit(q: Pick<Quantity, "number" | "magnitude" | "unit" | "percent">, indicatorUnit: string): number {
  if (q.percent || (!q.magnitude && !q.unit)) return q.number;
  const written = q.magnitude ? MAGNITUDE[q.magnitude]! : 1;
  return scaleExact(q.number, written, splitUnit(indicatorUnit).factor).toNumber();
}

/**
 * An amount counted in `from` (1, 1e3, 1e4, 1e8) re-counted in `to`, exactly: the factors are
 * powers of ten, so the decimal result is exact and no 0.7000000000000001 appears.
 */
export function scaleExact(amount: number | string, from: number, to: number): ExactDecimal {
  return exactDecimal(amount).times(from).div(to);
}
