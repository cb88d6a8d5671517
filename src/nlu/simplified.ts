// 繁体 → 简体 before the rules read a message: officials in Hong Kong style input methods, or
// a forwarded text, write 城鎮新增就業; the names, words and numerals (萬, 億, 幾) are all
// matched in 简体. OpenCC's generic Traditional table ("t"), not the Taiwan ("tw") one: the tw
// table also rewrites variant characters that are correct 简体 (显著 → 显着), and text already
// in 简体 must pass through unchanged. Phrase conversion ("twp") is avoided too: it rewrites
// words (新增 → 添加).
import { Converter } from "opencc-js/t2cn";

let convert: ((text: string) => string) | undefined;

/** The text in 简体; built on first use (a few ms), then a few microseconds per message. */
export function toSimplified(text: string): string {
  const run = (convert ??= Converter({ from: "t", to: "cn" }));
  return run(text);
}
