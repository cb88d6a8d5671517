// An item's wording in the 工作专报: a template that joins its indicators in the report's own
// order and punctuation, "{xiangyanghua-sessions.body}，{xiangyanghua-parents}，{xiangyanghua-sessions.pct}".
// {code} is the indicator's whole sentence (its figure and 完成全年任务的 X%), {code.body} the
// sentence without the %, {code.pct} the "完成全年任务的 X%" alone. Pure: the pieces come in
// as a function, so the renderer decides what a piece says and this only joins them.
import { placed, type PlanFile, type PlanSection } from "./types.js";

/** Which part of an indicator's sentence a slot takes. */
export type WordingPart = "full" | "body" | "pct";

export interface WordingSlot {
  /** the text between the previous slot (or the template's start) and this one: its separator */
  before: string;
  code: string;
  part: WordingPart;
}

export interface ParsedWording {
  slots: WordingSlot[];
  /** the text after the last slot */
  after: string;
}

const SLOT = /\{([a-z0-9][a-z0-9-]*)(?:\.(body|pct))?\}/g;

export function parseWording(template: string): ParsedWording {
  const slots: WordingSlot[] = [];
  let last = 0;
  for (const m of template.matchAll(SLOT)) {
    slots.push({ before: template.slice(last, m.index), code: m[1]!, part: m[2] === "body" || m[2] === "pct" ? m[2] : "full" });
    last = m.index + m[0].length;
  }
  return { slots, after: template.slice(last) };
}

/** The indicator codes a template names, once each, in order. */
export function wordingCodes(template: string): string[] {
  return [...new Set(parseWording(template).slots.map((s) => s.code))];
}

/**
 * The template filled: each slot by `piece` (an empty one for a code it does not know). A slot
 * that comes out empty drops with the separator before it, so a fresh year's item never prints
 * "，，" or a lone "完成全年任务的"; the first piece printed drops its separator too (the
 * sentence starts with it). Text before the first slot and after the last is kept. Empty when
 * every piece is.
 */
export function fillWording(template: string, piece: (code: string, part: WordingPart) => string): string {
  const { slots, after } = parseWording(template);
  let out = "";
  slots.forEach((slot, k) => {
    const text = piece(slot.code, slot.part);
    if (text) out += out && k > 0 ? `${slot.before}${text}` : text;
  });
  // text before the first slot is the sentence's own start, not a separator: kept
  return out && `${slots[0]?.before ?? ""}${out}${after}`;
}

/** A slot's text that is not a well-formed slot ({Code}, {a.b}, an unclosed brace): the template's mistakes. */
export function malformedSlots(template: string): string[] {
  return (template.replace(SLOT, "").match(/\{[^}]*\}?|\}/g) ?? []);
}

/**
 * What is wrong with the plan's item wordings, one sentence each naming the item: a slot that is
 * not {code}, {code.body} or {code.pct}, or a code not placed under that item. Checked when a
 * plan is seeded or imported; rendering never throws on a wording (an unknown code prints nothing).
 */
export function planWordingErrors(plan: PlanFile): string[] {
  const errors: string[] = [];
  const walk = (s: PlanSection) => {
    if (s.wording !== undefined) {
      const item = `事项 ${s.label}${s.title}`;
      const codes = (s.indicators ?? []).map((e) => placed(e).code);
      for (const bad of malformedSlots(s.wording)) errors.push(`${item}的表述里“${bad}”写法不对，应为 {指标代码}、{指标代码.body} 或 {指标代码.pct}`);
      for (const code of wordingCodes(s.wording)) {
        if (!codes.includes(code)) errors.push(`${item}的表述里有 {${code}}，但这个事项下没有指标 ${code}，请改用 ${codes.join("、") || "该事项下的指标代码"}`);
      }
    }
    for (const c of s.children ?? []) walk(c);
  };
  for (const s of plan.sections) walk(s);
  return errors;
}
