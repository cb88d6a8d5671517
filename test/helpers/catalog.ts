// The 2025 catalogue as plain data, without a database: for the pure parser and renderer tests.
import type { Catalog, CatalogIndicator, CatalogSection } from "../../src/catalog/catalog.js";
import { plan2025 } from "../../src/catalog/plan2025.js";
import { declared, placed, type PlanSection } from "../../src/catalog/types.js";
import { deriveTarget } from "../../src/domain/target.js";

export function catalog2025(): Catalog {
  const units = plan2025.units.map((u, n) => ({ id: n + 1, name: u.name, aliases: u.aliases }));
  const indicators: CatalogIndicator[] = [];
  const sections: CatalogSection[] = [];
  const walk = (s: PlanSection, parent: string | null, level: number) => {
    const codes: string[] = [];
    const phrases: Record<string, string> = {};
    for (const entry of s.indicators ?? []) {
      const e = declared(entry);
      if (!e) {
        const { code, phrase } = placed(entry);
        codes.push(code);
        if (phrase) phrases[code] = phrase;
        indicators.find((i) => i.code === code)!.sectionCodes.push(s.code);
        continue;
      }
      const unit = units.find((u) => u.name === e.owner)!;
      indicators.push({
        id: indicators.length + 1, code: e.code, name: e.name, aliases: e.aliases ?? [], kind: e.kind, unit: e.unit,
        target: e.target ?? (e.value !== undefined && e.pct ? deriveTarget(e.value, e.pct, e.decimals ?? 0) ?? null : null),
        comparator: e.comparator ?? null, decimals: e.decimals ?? 0, value: e.value ?? null, statusText: e.status ?? null,
        printedPct: e.pct || null, schedule: e.schedule ?? null, unitId: unit.id, owner: unit.name,
        updatedAt: new Date("2025-04-20T00:00:00+08:00"), sectionCodes: [s.code], phrase: e.phrase ?? null,
      });
      codes.push(e.code);
    }
    sections.push({
      code: s.code, label: s.label, title: s.title, aliases: s.aliases ?? [], level, parentCode: parent, indicatorCodes: codes,
      wording: s.wording ?? null, phrases,
    });
    for (const c of s.children ?? []) walk(c, s.code, level + 1);
  };
  for (const s of plan2025.sections) walk(s, null, 0);
  return { year: plan2025.year, title: plan2025.title, indicators, sections, units };
}
