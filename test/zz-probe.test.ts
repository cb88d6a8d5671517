import { it } from "vitest";
import { vocabularyOf } from "../src/nlu/vocabulary.js";
import { parseMessage } from "../src/nlu/parse.js";
import { catalog2025 } from "./helpers/catalog.js";
it("probe", () => {
  const vocab = vocabularyOf(catalog2025());
  const lines = (process.env.PROBE ?? "").split("|");
  for (const l of lines) console.log(l, "=>", JSON.stringify(parseMessage(l, vocab)).slice(0, 160));
});
