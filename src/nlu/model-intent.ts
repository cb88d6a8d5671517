// What an LLM may answer, and how its answer becomes an Intent. Pure. The model picks
// indicators only from the shortlist it was given (the schema's enum), may not issue admin
// commands (no bind, edit, settings, confirm or undo), and cannot bring a number of its own: a
// figure is accepted only when the user's own text contains it, and the quantity kept is the
// one read from that text.
import { z } from "zod";
import { scanQuantities, normalizeText, toIndicatorUnit } from "../domain/numbers.js";
import type { Intent, SubmissionLine } from "./intent.js";

export interface Shortlist {
  indicators: { code: string; name: string; unit: string }[];
  units: string[];
  sections: { code: string; title: string }[];
}

export const MODEL_INTENTS = ["query", "history", "laggards", "overview", "unit", "section", "report", "help", "unknown"] as const;

/** The structured output schema for one message, its enums closed over the shortlist. */
export function modelSchema(s: Shortlist) {
  const codes = z.enum(nonEmpty(s.indicators.map((i) => i.code)));
  return z.object({
    intent: z.enum(MODEL_INTENTS),
    /** query/history: the indicator(s) meant; several only if truly undecidable */
    codes: z.array(codes),
    unit: z.enum(nonEmpty(s.units)).nullable(),
    section: z.enum(nonEmpty(s.sections.map((x) => x.code))).nullable(),
    /** report: one line per indicator reported */
    lines: z.array(
      z.object({
        code: codes,
        op: z.enum(["set", "add", "note"]),
        number: z.number().nullable(),
        unit: z.string().nullable(),
        text: z.string().nullable(),
      }),
    ),
  });
}

export type ModelAnswer = z.infer<ReturnType<typeof modelSchema>>;

function nonEmpty(values: string[]): [string, ...string[]] {
  const [first, ...rest] = values;
  return first === undefined ? ["-"] : [first, ...rest];
}

/** The Intent for a validated model answer, or undefined when it does not hold up. */
export function intentFromModel(answer: ModelAnswer, text: string): Intent | undefined {
  switch (answer.intent) {
    case "query":
    case "history":
      return answer.codes.length ? { type: answer.intent, ref: { codes: [...new Set(answer.codes)].slice(0, 5), phrase: text.slice(0, 40) } } : undefined;
    case "laggards":
      return { type: "laggards", ...(answer.unit ? { unit: answer.unit } : {}), ...(answer.section ? { section: answer.section } : {}) };
    case "overview":
    case "help":
      return { type: answer.intent };
    case "unit":
      return answer.unit ? { type: "unit", unit: answer.unit } : undefined;
    case "section":
      return answer.section ? { type: "section", section: answer.section } : undefined;
    case "report": {
      const lines = answer.lines.map((l) => reportLine(l, text));
      const read = lines.filter((l): l is SubmissionLine => l !== undefined);
      // every line the model gave must stand, or none is taken
      if (!read.length || read.length < lines.length) return undefined;
      return { type: "submission", lines: read, problems: [], viaModel: true };
    }
    case "unknown":
      return undefined;
  }
}

function reportLine(l: ModelAnswer["lines"][number], text: string): SubmissionLine | undefined {
  const ref = { codes: [l.code], phrase: text.slice(0, 40) };
  if (l.op === "note") {
    // a note must be the user's words, not the model's
    const note = (l.text ?? "").trim();
    return note.length >= 2 && normalizeText(text).includes(normalizeText(note)) ? { raw: text, ref, op: "note", text: note } : undefined;
  }
  if (l.number === null) return undefined;
  // an approximate figure or a range (约2600, 60-65) is not the user's figure: the rules ask for it
  const q = scanQuantities(normalizeText(text)).find((q) => !q.doubt && (q.number === l.number || toIndicatorUnit({ ...q, unit: "" }, "") === l.number));
  if (!q) return undefined;
  return { raw: text, ref, op: l.op, quantity: { number: q.number, magnitude: q.magnitude, unit: q.unit, percent: q.percent } };
}
