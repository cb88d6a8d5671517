// Names to indicators: exact mentions of a name or alias first, then ranked fuzzy matching
// (containment, characters in order, abbreviations, shared bigrams outside generic words). A fragment that fits several
// indicators, or a match that is only similar, is returned as a choice rather than a guess.
import type { VocabEntry, VocabIndicator, Vocabulary } from "./vocabulary.js";

export interface Mention {
  codes: string[];
  alias: string;
  start: number;
  end: number;
}

/** Lower-cases Latin letters and drops spaces and decorative quotes, for comparing names. */
export function fold(text: string): string {
  let folded = FOLDED.get(text);
  if (folded === undefined) {
    folded = text.toLowerCase().replace(/[\s“”"'‘’「」『』《》]/g, "");
    if (FOLDED.size >= 20_000) FOLDED.clear();
    FOLDED.set(text, folded);
  }
  return folded;
}

// every lookup folds each of the catalogue's few hundred names again, several times a message:
// remembered, a name is folded once per process (message texts come and go; the cap bounds them)
const FOLDED = new Map<string, string>();

/**
 * The longest name or alias of any indicator written in the text (ties: every owner of it);
 * a question that counts (多少户) about a rate names the figure of its item counted that way.
 */
export function findMention(text: string, vocab: Vocabulary): Mention | undefined {
  const best = longestMention(text, vocab);
  return best && countedSibling(text, best, vocab);
}

function longestMention(text: string, vocab: Vocabulary): Mention | undefined {
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
 * 饮水安全保障了多少户: the item's rate (饮水安全保障率) is named, but households are counted, and
 * the same item holds 保障监测户安全用水 in 户. Only a question counts (多少/几 before the word).
 */
function countedSibling(text: string, mention: Mention, vocab: Vocabulary): Mention {
  const word = COUNT_WORD.exec(fold(text))?.[1];
  if (!word) return mention;
  const named = vocab.indicators.filter((i) => mention.codes.includes(i.code));
  if (!named.every(isRate)) return mention;
  const items = new Set(named.map((i) => i.item));
  const counted = vocab.indicators.filter((i) => i.item !== undefined && items.has(i.item) && i.unit.endsWith(word));
  return counted.length > 0 ? { ...mention, codes: counted.map((i) => i.code) } : mention;
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
  /**
   * contains: the phrase is part of a name; ordered: its characters appear in order;
   * abbrev: a stretch of the phrase abbreviates a name (家医 for 家庭医生签约); similar
   */
  how: "exact" | "contains" | "ordered" | "abbrev" | "similar";
  /** abbrev: how many characters of the phrase the abbreviation covers */
  span?: number;
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
  return preferCounted(p, vaguer(p, out), vocab).sort((a, b) => b.score - a.score);
}

// 老人, 医院, 儿童, 社区: words many names could hold, though the catalogue's names happen to hold
// them once; written alone they name a class of things, not an indicator.
const GENERIC_FRAGMENT = /^(?:老人|老年人?|长者|医院|儿童|孩子|学校|学生|社区|小区|农村|乡村|城镇|城市|居民|群众|家庭|妇女|残疾人|人员|企业|村里|村民)$/u;

/** A generic word alone is only part of a name: a likeness, asked about, never a confident match. */
function vaguer(p: string, ranked: Ranked[]): Ranked[] {
  if (!GENERIC_FRAGMENT.test(p)) return ranked;
  return ranked.map((r) => (r.how === "contains" || r.how === "ordered" ? { code: r.code, score: Math.min(r.score, 0.5), how: "similar" } : r));
}

function score(p: string, a: string): Omit<Ranked, "code"> | undefined {
  if (a.length === 0) return undefined;
  if (p === a) return { score: 1, how: "exact" };
  if (a.includes(p) && p.length >= 2) return { score: 0.6 + (0.35 * p.length) / a.length, how: "contains" };
  if (p.length >= 2 && inOrder(p, a)) return { score: 0.5 + (0.3 * p.length) / a.length, how: "ordered" };
  const span = abbreviation(p, a);
  if (span >= 2) return { score: 0.4 + (0.3 * span) / p.length, how: "abbrev", span };
  const dice = bigramDice(p, a);
  return dice > 0 ? { score: 0.7 * dice, how: "similar" } : undefined;
}

/**
 * The longest stretch of the phrase that abbreviates the name: it starts with the name's first
 * character, the rest follow in order, and it skips some of the name (家医 in 家庭医生签约, 农网
 * in 农村电网投资), never more than MAX_SKIP at a time (农业 is no abbreviation of 农村劳动力转移
 * 就业). A stretch written out whole in the name is shared words, not an abbreviation: 城乡居民
 * names no indicator. 0 when there is none.
 */
function abbreviation(p: string, a: string): number {
  const chars = [...p];
  let best = 0;
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== a[0]) continue;
    let end = i + 1;
    while (end < chars.length && closeInOrder(chars.slice(i, end + 1), a)) end++;
    const stretch = chars.slice(i, end).join("");
    if (end - i >= 2 && !a.includes(stretch)) best = Math.max(best, end - i);
  }
  return best;
}

const MAX_SKIP = 3;

/** The characters appear in a from its start, in order, each within MAX_SKIP of the one before. */
function closeInOrder(chars: string[], a: string): boolean {
  const name = [...a];
  let at = 0;
  for (const ch of chars) {
    const found = name.indexOf(ch, at);
    if (found < 0 || found - at > MAX_SKIP) return false;
    at = found + 1;
  }
  return true;
}

// 多少户 / 几个: the counting word of the question, longest first (人次 before 人)
const COUNT_WORD = /(?:多少|几)(人次|场次|户|个|家|台|栋|条|场|座|所|处|人)/u;

/**
 * 安全饮水保障了多少户: a question that counts households is not about a rate. When the phrase
 * counts in a unit some candidates are measured in, the candidates in % are dropped.
 */
function preferCounted(p: string, ranked: Ranked[], vocab: Vocabulary): Ranked[] {
  const word = COUNT_WORD.exec(p)?.[1];
  if (!word || ranked.some((r) => r.how === "exact")) return ranked;
  const unitOf = (code: string) => vocab.indicators.find((i) => i.code === code)?.unit ?? "";
  if (!ranked.some((r) => unitOf(r.code).endsWith(word))) return ranked;
  return ranked.filter((r) => !isRate(vocab.indicators.find((i) => i.code === r.code)));
}

/** A rate or share in %: an item told in words also carries % (its completion), but is no rate. */
function isRate(ind: VocabIndicator | undefined): boolean {
  return ind !== undefined && ind.unit === "%" && ind.kind !== "qualitative";
}

function inOrder(p: string, a: string): boolean {
  let i = 0;
  for (const ch of a) if (ch === p[i]) i++;
  return i === p.length;
}

// Words many names share: a likeness made of these alone (城乡居民医保 and 城乡居民养老保险)
// says nothing about which indicator is meant, so they do not count toward it.
const GENERIC = /城乡居民|城乡|居民|全市|农村|城镇|社区|新增|新建|建设|服务|保障|工程|提升|情况|进度|完成|人数|数量|了|多少/gu;

/** The bigrams of s outside its generic words (none across the gap a generic word leaves). */
function bigrams(s: string): string[] {
  return s.split(GENERIC).flatMap((piece) => {
    const chars = [...piece];
    if (chars.length < 2) return [];
    return chars.slice(1).map((c, i) => chars[i]! + c);
  });
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
  const fragments = ranked.filter((r) => r.how === "exact" || r.how === "contains" || r.how === "ordered");
  if (fragments.length === 1) return { kind: "one", code: fragments[0]!.code };
  if (fragments.length > 1) return { kind: "choice", codes: fragments.slice(0, MAX_CHOICES).map((r) => r.code) };
  const abbreviated = resolveAbbreviation(ranked);
  if (abbreviated) return abbreviated;
  // an abbreviation covering less than half the phrase is a coincidence (家装 in a long sentence), not a guess
  const likely = ranked.filter((r) => r.score >= 0.3 && (r.how !== "abbrev" || r.score >= HALF_COVERED)).slice(0, 3);
  return likely.length ? { kind: "choice", codes: likely.map((r) => r.code), guess: true } : { kind: "none" };
}

/**
 * Abbreviations ranked against the whole catalogue: confident only when one covers more of the
 * phrase than any other, and at least half of it (a two-character coincidence in a long
 * sentence is not a name); several as long are a choice.
 */
// the score of an abbreviation that covers half the phrase (see score())
const HALF_COVERED = 0.4 + 0.3 * 0.5;

function resolveAbbreviation(ranked: Ranked[]): Resolution | undefined {
  const abbrevs = ranked.filter((r) => r.how === "abbrev").sort((a, b) => (b.span ?? 0) - (a.span ?? 0));
  const top = abbrevs[0];
  if (!top) return undefined;
  const longest = abbrevs.filter((r) => r.span === top.span);
  if (longest.length === 1 && top.score >= HALF_COVERED) return { kind: "one", code: top.code };
  if (longest.length > 1) return { kind: "choice", codes: longest.slice(0, MAX_CHOICES).map((r) => r.code) };
  return undefined;
}
