// What the model may choose from for one message: the indicators the rules proposed and the
// fuzzy matcher ranks best, topped up with the plan's main indicators while there is room
// (a 2025-sized plan fits whole, so a synonym the matcher cannot see — 食堂 for 助餐点 — is
// still there to choose), and every unit and section by name.
import type { Catalog } from "../catalog/catalog.js";
import type { Intent } from "./intent.js";
import { rankIndicators } from "./match.js";
import type { Vocabulary } from "./vocabulary.js";
import type { Shortlist } from "./model-intent.js";

const SIZE = 60;

export function shortlistFor(text: string, intent: Intent, catalog: Catalog, vocab: Vocabulary, previous: string[] = []): Shortlist {
  const proposed = "ref" in intent ? intent.ref.codes : intent.type === "submission" ? intent.lines.flatMap((l) => l.ref.codes) : [];
  const ranked = rankIndicators(text, vocab).map((r) => r.code);
  const main = catalog.indicators.filter((i) => i.kind !== "figure").map((i) => i.code);
  const codes = [...new Set([...proposed, ...previous, ...ranked, ...main])].slice(0, SIZE);
  return {
    indicators: codes.map((c) => catalog.indicators.find((i) => i.code === c)!).map((i) => ({ code: i.code, name: i.name, unit: i.unit })),
    units: catalog.units.map((u) => u.name),
    sections: catalog.sections.filter((s) => s.level <= 1).map((s) => ({ code: s.code, title: s.title })),
  };
}

/** The rules gave up, or only guessed from look-alike names: worth asking the model. */
export function needsModel(intent: Intent): boolean {
  if (intent.type === "unknown") return true;
  if ("ref" in intent && intent.ref.guess) return true;
  if (intent.type === "submission") {
    return intent.problems.some((p) => p.kind === "unknown-indicator") || intent.lines.some((l) => l.ref.guess);
  }
  return false;
}
