// The facts core reads in its hot path (numbers, licenses, instants), held to plain versions of themselves or to
// examples of every shape they are written in.
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { sameNumber } from "../src/facts/diagnosis-facts.js";
import { longerAgoThan } from "../src/facts/instant.js";
import { isInstant } from "../src/facts/is-instant.js";
import { sameLicense } from "../src/facts/license.js";
import { DiagnosisInputSchema, diagnosisFacts, isDiagnosisInput, toE164 } from "../src/index.js";

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
  // toE164 has no fast path of its own any more (issue 16: plain regex + libphonenumber-js); what it reads is
  // held by examples of every shape the console and the APIs write.
  it.each([
    ["+14155550134", "+14155550134"],
    ["+1 (415) 555-0134", "+14155550134"],
    ["415.555.0134", "+14155550134"],
    ["14155550134", "+14155550134"],
    ["4155550134", "+14155550134"],
    ["+44 20 7946 0018", "+442079460018"],
    ["not a number", null],
    ["+0123456789", null],
    ["tel:", null],
    ["", null],
  ])("toE164(%j) is %j", (text, e164) => {
    expect(toE164(text)).toBe(e164);
  });

  it("sameNumber agrees with comparing normalized numbers", () => {
    const plain = (a: string | null, b: string | null) =>
      a === b || (a !== null && b !== null && (toE164(a) ?? a) === (toE164(b) ?? b));
    fc.assert(
      fc.property(fc.option(shown), fc.option(shown), (a, b) => {
        expect(sameNumber(a, b)).toBe(plain(a, b));
      }),
      { numRuns: 5_000 },
    );
    expect(sameNumber("+1 (415) 555-0134", "4155550134")).toBe(true);
    expect(sameNumber("+1 (415) 555-0134", "+1 (415) 555-0135")).toBe(false);
  });

  it("sameLicense takes names alike but for their spaces as one", () => {
    expect(sameLicense(" X Series -  X4 ", "X Series - X4")).toBe(true);
    expect(sameLicense("X Series -\tX4", "X Series - X4")).toBe(true);
    expect(sameLicense("X Series - X4", "X Series - X2")).toBe(false);
    expect(sameLicense(null, null)).toBe(true);
    expect(sameLicense(null, "X Series - X4")).toBe(false);
  });
});

describe("isInstant", () => {
  /** The plain check: the shape by a loose pattern, the date and time by the calendar, the range by Date. */
  function plainIsInstant(text: string): boolean {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/.exec(text);
    if (!m) return false;
    const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[];
    const date = new Date(0);
    date.setUTCFullYear(year!, month! - 1, day!);
    const realDate =
      date.getUTCFullYear() === year && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
    const offsetOk = m[8] === "Z" || (Number(m[9]) <= 23 && Number(m[10]) <= 59);
    const millis = Date.parse(text);
    const inRange = millis >= 0 && millis <= Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    return realDate && hour! <= 23 && minute! <= 59 && second! <= 59 && offsetOk && inRange;
  }

  it("accepts exactly the instants with an offset on a real calendar date", () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, "0"));
    const text = fc
      .tuple(
        fc.constantFrom("2024", "2025", "1900", "2000", "0000", "21x4", "1969", "1970", "9999"),
        fc.oneof(two(13), fc.constant("01"), fc.constant("12")),
        fc.oneof(two(32), fc.constant("01"), fc.constant("31")),
        two(25),
        two(61),
        two(61),
        fc.constantFrom("", ".5", ".123456", ".", ".x"),
        fc.constantFrom("Z", "+05:30", "-08:00", "+24:00", "+23:60", "z", "", "+0530"),
        fc.constantFrom("T", " ", "t"),
      )
      .map(([y, mo, d, h, mi, s, f, zone, t]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${f}${zone}`);
    fc.assert(
      fc.property(text, (t) => {
        expect(isInstant(t)).toBe(plainIsInstant(t));
      }),
      { numRuns: 20_000 },
    );
    for (const t of ["2024-02-29T00:00:00Z", "2026-04-30T23:59:59.999+14:00"])
      expect(isInstant(t)).toBe(true);
    for (const t of ["2025-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-05-10 12:00:00Z", ""]) {
      expect(isInstant(t)).toBe(false);
    }
  });

  it("remembers a batch's shared instants without accepting anything the schema refuses", async () => {
    // A batch of diagnoses sharing `now` and the registration, with bad instants mixed in: the guard's
    // remembered instants and the facts' remembered `now` must answer each input as if it came alone.
    const now = fc.constantFrom(
      "2026-05-10T12:00:00Z",
      "2026-05-10T12:00:00.000Z",
      "2026-05-10T14:00:00+02:00",
      "2026-02-30T12:00:00Z",
      "1970-01-01T00:00:00Z",
      "",
      "2026-05-10",
    );
    const input = fc.record({
      now,
      current: fc.constant({
        userId: "u-1",
        observedAt: "2026-05-10T11:00:00Z",
        license: "X Series - X4",
        phoneNumber: "+14155550134",
        sms: { number: "+14155550134", enabled: true, status: "enabled" },
      }),
      company: fc.record({
        observedAt: now,
        brand: fc.constant({ status: "verified" }),
        campaign: fc.constant({ status: "verified", errors: [] }),
      }),
    });
    // Before any instant was accepted, too: a fresh copy of the guard meets an empty and a missing `now`.
    vi.resetModules();
    const fresh = await import("../src/schemas/diagnosis-input-guard.js");
    const [first] = fc.sample(input, { numRuns: 1, seed: 1 });
    expect(fresh.isDiagnosisInput({ ...first, now: "" })).toBe(false);
    expect(fresh.isDiagnosisInput({ ...first, now: undefined })).toBe(false);
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 12 }), (batch) => {
        for (const value of batch) {
          const parsed = DiagnosisInputSchema.safeParse(value);
          expect(isDiagnosisInput(value)).toBe(parsed.success);
          if (parsed.success) expect(diagnosisFacts(parsed.data).now).toBe(Date.parse(value.now));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("tells whether a span has passed as the instants' milliseconds do, however they are written", () => {
    const ms = fc.integer({
      min: Date.parse("2025-12-30T00:00:00Z"),
      max: Date.parse("2026-01-03T00:00:00Z"),
    });
    // The same moments written as toISOString does, without milliseconds, and with an offset.
    const written = fc.tuple(ms, fc.constantFrom("iso", "seconds", "offset")).map(([t, how]) => {
      const iso = new Date(t).toISOString();
      if (how === "iso") return iso;
      if (how === "seconds") return `${iso.slice(0, 19)}Z`;
      return `${new Date(t + 5.5 * 3_600_000).toISOString().slice(0, 23)}+05:30`;
    });
    const span = fc.constantFrom(0, 1, 60_000, 86_400_000, 86_400_001);
    fc.assert(
      fc.property(fc.array(fc.tuple(written, written, span), { minLength: 1, maxLength: 8 }), (asks) => {
        for (const [instant, now, s] of asks) {
          expect(longerAgoThan(instant, Date.parse(now), s)).toBe(Date.parse(now) - Date.parse(instant) > s);
        }
      }),
      { numRuns: 3000 },
    );
    // Exactly the span is not longer than it, in either way of reading.
    expect(
      longerAgoThan("2026-05-09T12:00:00.000Z", Date.parse("2026-05-10T12:00:00.000Z"), 86_400_000),
    ).toBe(false);
    expect(longerAgoThan("2026-05-09T12:00:00Z", Date.parse("2026-05-10T12:00:00.000Z"), 86_400_000)).toBe(
      false,
    );
    expect(
      longerAgoThan("2026-05-09T11:59:59.999Z", Date.parse("2026-05-10T12:00:00.000Z"), 86_400_000),
    ).toBe(true);
  });
});
