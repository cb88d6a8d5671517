import { roundTo } from "./numbers.js";

/**
 * The annual target behind a printed figure: value ÷ completion %. The report rounds its
 * percentages, so many targets fit; the 专班 sets round numbers, so take the roundest target
 * (most trailing zeros at the unit's precision) that prints the same percentage, and the
 * nearest to value ÷ % among equals. 2230 人 at 37.17% → 6000; 8.61 万人 at 50.23% → 17.14.
 */
export function deriveTarget(value: number, printedPct: string, decimals: number): number | undefined {
  const pct = Number(printedPct);
  if (!(pct > 0) || !(value > 0)) return undefined;
  const places = printedPct.includes(".") ? printedPct.split(".")[1]!.length : 0;
  const half = 0.5 * 10 ** -places;
  const step = 10 ** -decimals;
  const exact = (value * 100) / pct;
  const low = (value * 100) / (pct + half); // exclusive
  const high = (value * 100) / (pct - half); // inclusive
  const first = Math.floor(low / step) + 1;
  const last = Math.floor(high / step + 1e-9);
  if (last < first || last - first > 1_000_000) return roundTo(exact, decimals);
  let best = first;
  let bestZeros = -1;
  for (let n = first; n <= last; n++) {
    const zeros = trailingZeros(n);
    const closer = Math.abs(n * step - exact) < Math.abs(best * step - exact);
    if (zeros > bestZeros || (zeros === bestZeros && closer)) {
      best = n;
      bestZeros = zeros;
    }
  }
  return roundTo(best * step, decimals);
}

function trailingZeros(n: number): number {
  if (n === 0) return 0;
  let zeros = 0;
  while (n % 10 === 0) {
    n /= 10;
    zeros++;
  }
  return zeros;
}
