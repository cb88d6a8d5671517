// The one crossing between the database's exact decimals (numeric) and the numbers the rest of
// duban computes with. Writes go as decimal text, so no double arithmetic or float parameter
// ever touches a stored figure; reads come back as the nearest double.
import { exactDecimal, type ExactDecimal } from "../domain/numbers.js";

/** A stored decimal as the nearest double; for up to 15 significant digits it prints back the same. */
export function figure(d: { toString(): string } | null): number | null {
  return d === null ? null : Number(d.toString());
}

/**
 * A figure as the exact decimal text the database keeps: a number at its shortest digits
 * (8.61 → "8.61"), decimal text as written. Refuses NaN and infinities, which numeric would keep.
 */
export function stored(v: number | string | ExactDecimal): string {
  const d = typeof v === "object" ? v : exactDecimal(v);
  if (!d.isFinite()) throw new Error(`数值无效：${String(v)}`);
  return d.toFixed();
}

/** stored(), keeping null. */
export function storedOrNull(v: number | string | null | undefined): string | null {
  return v === null || v === undefined ? null : stored(v);
}
