// Comparing a secret someone sent (a token, a signature) with the expected one in constant time,
// so the time taken says nothing about how much of it was right.
import { timingSafeEqual } from "node:crypto";

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
