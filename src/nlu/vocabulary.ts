// The names the parser matches against, built from the catalogue. Here in nlu, not in the
// catalogue, so that nlu depends on the catalogue and never the other way round.
import { indicatorByCode, type Catalog } from "../catalog/catalog.js";

export interface VocabIndicator {
  code: string;
  name: string;
  kind: string;
  unit: string;
  /** the code of the item it is listed under first (饮水安全保障率 and 保障监测户安全用水 share one) */
  item?: string;
  /** every way to name it: name, aliases, and the title of an item it leads */
  names: string[];
}

export interface VocabEntry {
  key: string;
  names: string[];
}

export interface Vocabulary {
  indicators: VocabIndicator[];
  units: VocabEntry[];
  sections: VocabEntry[];
}

/** The names the parser may match: an item's title also names the main indicators it holds. */
export function vocabularyOf(catalog: Catalog): Vocabulary {
  const itemTitles = new Map<string, string[]>();
  const itemOf = new Map<string, string>();
  for (const s of catalog.sections) {
    if (s.level < 1 || s.indicatorCodes.length === 0) continue;
    for (const code of s.indicatorCodes) if (!itemOf.has(code)) itemOf.set(code, s.code);
    const main = s.indicatorCodes.filter((c) => indicatorByCode(catalog, c)?.kind !== "figure");
    for (const code of main) itemTitles.set(code, [...(itemTitles.get(code) ?? []), s.title, ...s.aliases]);
  }
  return {
    indicators: catalog.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      kind: i.kind,
      unit: i.unit,
      ...(itemOf.has(i.code) ? { item: itemOf.get(i.code) } : {}),
      names: [i.name, ...i.aliases, ...(itemTitles.get(i.code) ?? [])],
    })),
    units: catalog.units.map((u) => ({ key: u.name, names: [u.name, ...u.aliases] })),
    sections: catalog.sections
      .filter((s) => s.level <= 1)
      .map((s) => ({ key: s.code, names: [s.title, ...s.aliases] })),
  };
}
