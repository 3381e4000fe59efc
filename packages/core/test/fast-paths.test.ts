// The hot path reads phone numbers and license names in place, without building strings. These
// properties hold those readers to the plain versions they replace, on text written every common way.
import fc from "fast-check";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { describe, expect, it } from "vitest";
import { sameNumber } from "../src/facts/diagnosis-facts.js";
import { sameLicense } from "../src/facts/license.js";
import { toE164 } from "../src/index.js";

/** The plain reading: strip separators, then the North American shapes, else libphonenumber. */
function plainE164(text: string): string | null {
  if (!text) return null;
  if (/^\+?[\d ()\-.\u00a0]*$/.test(text) && text.indexOf("+", 1) < 0) {
    const digits = text.replace(/\D/g, "");
    const plus = text.startsWith("+");
    if (plus && digits.length >= 7 && digits.length <= 15 && digits[0] !== "0") return `+${digits}`;
    if (!plus && digits.length === 10 && digits[0]! >= "2") return `+1${digits}`;
    if (!plus && digits.length === 11 && digits[0] === "1" && digits[1]! >= "2") return `+${digits}`;
  }
  const parsed = parsePhoneNumberFromString(text, "US");
  return parsed?.isPossible() ? parsed.number : null;
}

const separator = fc.constantFrom("", " ", "-", ".", "(", ")", "\u00a0", "  ");
const digit = fc.integer({ min: 0, max: 9 }).map(String);
const numberText = fc
  .tuple(
    fc.constantFrom("", "+", "+1", "1", "+44", "x", "tel:"),
    fc.array(fc.tuple(separator, digit), { minLength: 0, maxLength: 16 }),
    fc.constantFrom("", " ", "#", "a"),
  )
  .map(([prefix, parts, suffix]) => prefix + parts.map(([s, d]) => s + d).join("") + suffix);
const shown = fc.oneof(
  numberText,
  fc.constantFrom("+1 (415) 555-0134", "415.555.0134", "14155550134", "+44 20 7946 0018", "+44 1234 5678"),
);

describe("fast paths", () => {
  it("toE164 reads every text as the plain normalization does", () => {
    fc.assert(
      fc.property(shown, (text) => {
        expect(toE164(text)).toBe(plainE164(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it("sameNumber agrees with comparing normalized numbers", () => {
    const plain = (a: string | null, b: string | null) =>
      a === b || (a !== null && b !== null && (plainE164(a) ?? a) === (plainE164(b) ?? b));
    fc.assert(
      fc.property(fc.option(shown), fc.option(shown), (a, b) => {
        expect(sameNumber(a, b)).toBe(plain(a, b));
      }),
      { numRuns: 5_000 },
    );
    expect(sameNumber("+1 (415) 555-0134", "4155550134")).toBe(true);
    expect(sameNumber("+1 (415) 555-0134", "+1 (415) 555-0135")).toBe(false);
  });

  it("sameLicense agrees with comparing names with their spaces collapsed", () => {
    const plain = (a: string | null, b: string | null) =>
      a === b ||
      (a !== null && b !== null && a.trim().replace(/\s+/g, " ") === b.trim().replace(/\s+/g, " "));
    const name = fc.option(
      fc
        .array(fc.constantFrom("X", "4", " ", "\t", "\u00a0", "\u2003", "-", "\n", "\ufeff", "s"), {
          maxLength: 9,
        })
        .map((c) => c.join("")),
    );
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(sameLicense(a, b)).toBe(plain(a, b));
      }),
      { numRuns: 20_000 },
    );
    expect(sameLicense(" X Series -  X4 ", "X Series - X4")).toBe(true);
  });
});
