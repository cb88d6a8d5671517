// Text from outside (chat channels, the API, the CLI, imported files) made safe to parse and to
// store. PostgreSQL refuses U+0000 in text, and a lone UTF-16 surrogate is no character at all
// (the driver cannot encode it). We clean rather than refuse, so a message with a stray control
// byte still gets its answer: C0/C1 controls other than tab and line feed are dropped (CR LF
// becomes LF), a lone surrogate becomes U+FFFD. Pure.
import { z } from "zod";

const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The longest chat message we read; WeCom allows 2048 bytes, Telegram 4096 characters. */
export const MESSAGE_MAX_CHARS = 4096;

/** `max` (in UTF-16 units) cuts a longer text, never inside a character. */
export function cleanText(s: string, max = Infinity): string {
  const clean = s.replace(/\r\n?/g, "\n").replace(CONTROLS, "").replace(LONE_SURROGATE, "\uFFFD");
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** A zod string that is cleaned before `schema` checks it (its length limits, patterns). */
export function cleanString<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === "string" ? cleanText(v) : v), schema);
}

/** What went wrong, in one line, whatever was thrown (an Error, a string, anything). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
