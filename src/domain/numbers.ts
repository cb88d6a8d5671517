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

export interface Quantity {
  /** the number as written, before any magnitude in the unit (8.61 in "8.61万人") */
  number: number;
  /** 万, 亿 or 千 written between number and unit, or "" */
  magnitude: string;
  /** the measure word after the number without magnitude: 人, 台, 元/月, % or "" */
  unit: string;
  percent: boolean;
  start: number;
  end: number;
  raw: string;
}

const ARABIC = /(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)/y;
const PERCENT_WORD = /百分之/y;
const UNIT_TAIL = /\s?([万亿千]?)(人次|场次|元\/月|元\/人|μg\/m3|µg\/m3|[%‰]|[^\s\d.,，。;；:：!！?？、()（）\-~～/]{0,3})/y;
const MEASURE_AFTER = /^\s?(?:[万亿千]|人次|场次|人|个|台|家|场|条|栋|户|元|亩|方|名|次|项|处|所|座|辆|件|%|$)/u;
const PARTICLES = /(了|啦|呢|吗|嘛|哦|的|左右|多|余|多个|以上|已|啊)+$/u;

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

function readQuantityAt(text: string, start: number): Quantity | undefined {
  let pos = start;
  let percent = false;
  PERCENT_WORD.lastIndex = pos;
  if (PERCENT_WORD.test(text)) {
    percent = true;
    pos = PERCENT_WORD.lastIndex;
  }
  let number: number | undefined;
  ARABIC.lastIndex = pos;
  const arabic = ARABIC.exec(text);
  if (arabic) {
    // a digit glued to a preceding letter or digit is part of a name (4G, 5G), not a quantity
    if (!percent && start > 0 && /[A-Za-z]/.test(text[start - 1]!)) return undefined;
    number = Number(arabic[1]!.replace(/,/g, ""));
    pos = ARABIC.lastIndex;
    if (/^[A-Za-z]/.test(text.slice(pos))) return undefined;
  } else {
    const run = /[零〇一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟点]+/y;
    run.lastIndex = pos;
    const m = run.exec(text);
    if (!m) return undefined;
    // a lone 一 in 一下, 一些, 一起 is a word, not a figure: it must be followed by a measure
    if ([...m[0]].length === 1 && !MEASURE_AFTER.test(text.slice(run.lastIndex))) return undefined;
    // a trailing 万/亿 belongs to the number's magnitude; keep it for the unit reader
    number = parseChineseNumeral(m[0]);
    if (number === undefined) return undefined;
    pos = run.lastIndex;
  }
  if (!Number.isFinite(number)) return undefined;
  // a minus sign written before the number (-5, 负5) is kept, so a negative figure can be refused
  const sign = start > 0 && /[-−负]/.test(text[start - 1]!) && !/[\dA-Za-z]/.test(text[start - 2] ?? "") ? -1 : 1;
  number *= sign;
  UNIT_TAIL.lastIndex = pos;
  const tail = UNIT_TAIL.exec(text);
  let magnitude = tail?.[1] ?? "";
  let unit = (tail?.[2] ?? "").replace(PARTICLES, "");
  // 4月底, 20日, 2025年, 一季度: dates are not figures
  if (!percent && /^(?:月|日|号|年|季度|周|点|时|期|届)/.test(tail?.[2] ?? "")) return undefined;
  if (/^(万|亿)/.test(unit) && !magnitude) {
    magnitude = unit[0]!;
    unit = unit.slice(1);
  }
  if (unit === "%" || unit === "‰") percent = true;
  if (percent) unit = "%";
  const consumed = tail ? tail[0].length - ((tail[2] ?? "").length - (tail[2] ?? "").replace(PARTICLES, "").length) : 0;
  const end = pos + consumed;
  return { number, magnitude, unit, percent, start, end, raw: text.slice(start, end) };
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
