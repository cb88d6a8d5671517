// The plan as the bot sees it: plain data loaded from the store, no database handles.
import type { IndicatorFacts } from "../domain/indicator.js";

export interface CatalogIndicator extends IndicatorFacts {
  id: number;
  aliases: string[];
  unitId: number;
  owner: string;
  updatedAt: Date | null;
  /** counts the changes of its figure: what is known of its last change holds while this is unchanged */
  version?: number;
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
  /** how the report joins this item's indicators (src/catalog/wording.ts); unset: with "；" */
  wording?: string | null;
  /** an indicator's wording under this item where it differs from its own phrase, by code */
  phrases?: Record<string, string>;
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
