// Names to indicators: exact mentions of a name or alias first, then ranked fuzzy matching
// (containment, characters in order, shared bigrams). A fragment that fits several
// indicators, or a match that is only similar, is returned as a choice rather than a guess.
import type { VocabEntry, Vocabulary } from "./vocabulary.js";

export interface Mention {
  codes: string[];
  alias: string;
  start: number;
  end: number;
}

/** Lower-cases Latin letters and drops spaces and decorative quotes, for comparing names. */
export function fold(text: string): string {
  return text.toLowerCase().replace(/[\s“”"'‘’「」『』《》]/g, "");
}

/** The longest name or alias of any indicator written in the text (ties: every owner of it). */
export function findMention(text: string, vocab: Vocabulary): Mention | undefined {
  const hay = fold(text);
  let best: Mention | undefined;
  for (const ind of vocab.indicators) {
    for (const raw of ind.names) {
      const alias = fold(raw);
      if (alias.length < 2) continue;
      const at = hay.indexOf(alias);
      if (at < 0) continue;
      if (!best || alias.length > best.alias.length) {
        best = { codes: [ind.code], alias, start: at, end: at + alias.length };
      } else if (alias.length === best.alias.length && alias === best.alias && !best.codes.includes(ind.code)) {
        best.codes.push(ind.code);
      }
    }
  }
  return best;
}

/**
 * Every indicator name written in the text, in order: longer names first, so 帮扶车间吸纳脱贫人口
 * is one mention, not 帮扶车间 and a leftover; a name inside another is not a mention of its own.
 */
export function findMentions(text: string, vocab: Vocabulary): Mention[] {
  const hay = fold(text);
  const found: Mention[] = [];
  for (const ind of vocab.indicators) {
    for (const raw of ind.names) {
      const alias = fold(raw);
      if (alias.length < 2) continue;
      for (let at = hay.indexOf(alias); at >= 0; at = hay.indexOf(alias, at + 1)) {
        const same = found.find((m) => m.start === at && m.alias === alias);
        if (same) {
          if (!same.codes.includes(ind.code)) same.codes.push(ind.code);
        } else {
          found.push({ codes: [ind.code], alias, start: at, end: at + alias.length });
        }
      }
    }
  }
  const kept: Mention[] = [];
  for (const m of found.sort((a, b) => b.alias.length - a.alias.length || a.start - b.start)) {
    if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** The longest unit or section name written in the text. */
export function findEntry(text: string, entries: VocabEntry[]): VocabEntry | undefined {
  const hay = fold(text);
  let best: { entry: VocabEntry; len: number } | undefined;
  for (const entry of entries) {
    for (const name of entry.names) {
      const n = fold(name);
      if (n.length >= 2 && hay.includes(n) && (!best || n.length > best.len)) best = { entry, len: n.length };
    }
  }
  return best?.entry;
}

export interface Ranked {
  code: string;
  score: number;
  /** contains: the phrase is part of a name; ordered: its characters appear in order; similar */
  how: "exact" | "contains" | "ordered" | "similar";
}

/** Ranks indicators by how well a phrase names them, best first. */
export function rankIndicators(phrase: string, vocab: Vocabulary): Ranked[] {
  const p = fold(phrase);
  if (p.length === 0) return [];
  const out: Ranked[] = [];
  for (const ind of vocab.indicators) {
    let best: Ranked | undefined;
    for (const raw of ind.names) {
      const r = score(p, fold(raw));
      if (r && (!best || r.score > best.score)) best = { code: ind.code, ...r };
    }
    if (best) out.push(best);
  }
  return out.sort((a, b) => b.score - a.score);
}

function score(p: string, a: string): Omit<Ranked, "code"> | undefined {
  if (a.length === 0) return undefined;
  if (p === a) return { score: 1, how: "exact" };
  if (a.includes(p) && p.length >= 2) return { score: 0.6 + (0.35 * p.length) / a.length, how: "contains" };
  if (p.length >= 2 && inOrder(p, a)) return { score: 0.5 + (0.3 * p.length) / a.length, how: "ordered" };
  const dice = bigramDice(p, a);
  return dice > 0 ? { score: 0.7 * dice, how: "similar" } : undefined;
}

function inOrder(p: string, a: string): boolean {
  let i = 0;
  for (const ch of a) if (ch === p[i]) i++;
  return i === p.length;
}

function bigrams(s: string): string[] {
  const chars = [...s];
  if (chars.length < 2) return chars;
  return chars.slice(1).map((c, i) => chars[i]! + c);
}

function bigramDice(p: string, a: string): number {
  const pa = bigrams(p);
  const bag = new Map<string, number>();
  for (const g of bigrams(a)) bag.set(g, (bag.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of pa) {
    const n = bag.get(g) ?? 0;
    if (n > 0) {
      common++;
      bag.set(g, n - 1);
    }
  }
  const total = pa.length + bigrams(a).length;
  return total === 0 ? 0 : (2 * common) / total;
}

export type Resolution =
  | { kind: "one"; code: string }
  /** guess: only look-alike names, no name or fragment written out */
  | { kind: "choice"; codes: string[]; guess?: boolean }
  | { kind: "none" };

const MAX_CHOICES = 5;

/**
 * Decides from a ranking: a whole name, or a fragment of exactly one indicator, is confident;
 * a fragment of several (新增就业: 城镇新增就业, 新增农村劳动力转移就业) or a mere likeness asks.
 */
export function resolve(ranked: Ranked[]): Resolution {
  const top = ranked[0];
  if (!top) return { kind: "none" };
  if (top.how === "exact" && ranked[1]?.how !== "exact") return { kind: "one", code: top.code };
  const fragments = ranked.filter((r) => r.how !== "similar");
  if (fragments.length === 1) return { kind: "one", code: fragments[0]!.code };
  if (fragments.length > 1) return { kind: "choice", codes: fragments.slice(0, MAX_CHOICES).map((r) => r.code) };
  const likely = ranked.filter((r) => r.score >= 0.3).slice(0, 3);
  return likely.length ? { kind: "choice", codes: likely.map((r) => r.code), guess: true } : { kind: "none" };
}
