// Two or more indicators named in one question: 城镇新增就业和失业人员再就业哪个快 compares them
// (`which`); 城镇新增就业和就业困难人员就业 asks for both cards.
import { scanQuantities } from "../domain/numbers.js";
import type { Intent } from "./intent.js";
import { findMentions, fold } from "./match.js";
import type { Vocabulary } from "./vocabulary.js";

// what may stand between two names: a joining word, and the asking words each name may carry
const JOIN = /^(?:的?(?:进度|情况|完成率|完成情况))?(?:和|跟|与|同|及|以及|、|，|,|;|；|还有|对比|比|vs|还是)$/iu;
const WHICH = /哪个|哪一个|哪项|哪一项|哪方面|谁|比较|对比|相比|比一比|比比|更快|更慢|更好|快还是慢|比.*(?:快|慢|好|高|低)/u;

export function readComparison(text: string, vocab: Vocabulary): Intent | undefined {
  const mentions = findMentions(text, vocab);
  if (mentions.length < 2 || mentions.length > 5) return undefined;
  // a name that fits several indicators is asked about alone first (the choice)
  if (mentions.some((m) => m.codes.length !== 1)) return undefined;
  if (new Set(mentions.map((m) => m.codes[0])).size !== mentions.length) return undefined;
  const hay = fold(text);
  for (let n = 1; n < mentions.length; n++) {
    if (!JOIN.test(hay.slice(mentions[n - 1]!.end, mentions[n]!.start))) return undefined;
  }
  const rest = [hay.slice(0, mentions[0]!.start), hay.slice(mentions[mentions.length - 1]!.end)].join(" ");
  // figures beside the names are a report, not a question
  if (scanQuantities(rest).length > 0) return undefined;
  const refs = mentions.map((m) => ({ codes: m.codes, phrase: m.alias }));
  return { type: "compare", refs, which: WHICH.test(rest) };
}
