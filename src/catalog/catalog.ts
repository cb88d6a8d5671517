// The plan as the bot sees it: plain data loaded from the store, no database handles.
import type { IndicatorFacts } from "../domain/indicator.js";
import type { Vocabulary } from "../nlu/match.js";

export interface CatalogIndicator extends IndicatorFacts {
  id: number;
  aliases: string[];
  unitId: number;
  owner: string;
  updatedAt: Date | null;
  /** codes of the sections (top, area, item) it is placed in */
  sectionCodes: string[];
  /** the report's wording, "已完成补充配置电脑 {v}" */
  phrase: string | null;
}

export interface CatalogSection {
  code: string;
  label: string;
  title: string;
  aliases: string[];
  level: number;
  parentCode: string | null;
  /** indicators placed here directly, in report order */
  indicatorCodes: string[];
}

export interface CatalogUnit {
  id: number;
  name: string;
  aliases: string[];
}

export interface Catalog {
  year: number;
  title: string;
  indicators: CatalogIndicator[];
  sections: CatalogSection[];
  units: CatalogUnit[];
}

export function indicatorByCode(catalog: Catalog, code: string): CatalogIndicator | undefined {
  return catalog.indicators.find((i) => i.code === code);
}

/** Every indicator under a section, its subsections included, once each, in report order. */
export function indicatorsUnder(catalog: Catalog, sectionCode: string): CatalogIndicator[] {
  const codes: string[] = [];
  const walk = (code: string) => {
    const s = catalog.sections.find((x) => x.code === code);
    if (!s) return;
    for (const c of s.indicatorCodes) if (!codes.includes(c)) codes.push(c);
    for (const child of catalog.sections.filter((x) => x.parentCode === code)) walk(child.code);
  };
  walk(sectionCode);
  return codes.map((c) => indicatorByCode(catalog, c)).filter((i): i is CatalogIndicator => i !== undefined);
}

/** The names the parser may match: an item's title also names the main indicators it holds. */
export function vocabularyOf(catalog: Catalog): Vocabulary {
  const itemTitles = new Map<string, string[]>();
  for (const s of catalog.sections) {
    if (s.level < 1 || s.indicatorCodes.length === 0) continue;
    const main = s.indicatorCodes.filter((c) => indicatorByCode(catalog, c)?.kind !== "figure");
    for (const code of main) itemTitles.set(code, [...(itemTitles.get(code) ?? []), s.title, ...s.aliases]);
  }
  return {
    indicators: catalog.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      kind: i.kind,
      unit: i.unit,
      names: [i.name, ...i.aliases, ...(itemTitles.get(i.code) ?? [])],
    })),
    units: catalog.units.map((u) => ({ key: u.name, names: [u.name, ...u.aliases] })),
    sections: catalog.sections
      .filter((s) => s.level <= 1)
      .map((s) => ({ key: s.code, names: [s.title, ...s.aliases] })),
  };
}
