// The indicator table for `duban indicators` and GET /api/indicators.
import type { Catalog } from "./catalog.js";

export interface IndicatorRow {
  code: string;
  name: string;
  kind: string;
  unit: string;
  target: number | null;
  value: number | null;
  owner: string;
}

export function indicatorRows(catalog: Catalog): IndicatorRow[] {
  return catalog.indicators.map((i) => ({
    code: i.code, name: i.name, kind: i.kind, unit: i.unit, target: i.target, value: i.value, owner: i.owner,
  }));
}
