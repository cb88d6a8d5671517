// The one cleaning of outside text (src/domain/text.ts): what PostgreSQL refuses never passes,
// and ordinary text passes unchanged.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanText } from "../src/domain/text.js";

const units = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((cs) => String.fromCharCode(...cs));
const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe("cleanText", () => {
  it("drops NUL and control bytes, keeps tab and line feed, turns CR LF into LF", () => {
    expect(cleanText("城镇\u0000新增\u0007就业\t2400\r\n人\r")).toBe("城镇新增就业\t2400\n人\n");
  });

  it("replaces a lone surrogate and keeps a pair", () => {
    expect(cleanText("a\uD800b\uDC00c😀")).toBe("a\uFFFDb\uFFFDc😀");
  });

  it("cuts at a length without splitting a pair", () => {
    expect(cleanText("ab😀", 3)).toBe("ab");
    expect(cleanText("就业困难人员", 2)).toBe("就业");
  });

  it("leaves nothing PostgreSQL refuses, is stable, and keeps ordinary text as it is", () => {
    fc.assert(
      fc.property(units, (s) => {
        const c = cleanText(s);
        expect(c).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
        expect(wellFormed(c)).toBe(true);
        expect(cleanText(c)).toBe(c);
        expect(Buffer.from(c, "utf8").toString("utf8")).toBe(c);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        const ordinary = s.replace(/[\u0000-\u001F\u007F-\u009F]/g, "");
        expect(cleanText(ordinary)).toBe(ordinary);
      }),
    );
  });
});
