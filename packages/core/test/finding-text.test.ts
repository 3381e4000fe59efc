// A finding's text never contradicts its evidence, and reads as sentences. The rule tables check every
// finding they render with these checks (and that every message of every rule is rendered); here the
// checks themselves are tested, and a property holds the wording to generated histories.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DiagnosisInput,
  diagnose,
  formatFinding,
  RECENTLY_ENABLED_WITHIN,
  type UserSnapshot,
} from "../src/index.js";
import { at, NOW, smsOff, snapshot } from "./support/builders.js";
import { contradictions, lineProblems } from "./support/finding-text.js";

describe("the text checks", () => {
  it("catch a form error running into its advice", () => {
    expect(
      lineProblems(
        'In "Sample Message": Sample messages must include the brand name Give realistic messages.',
      ),
    ).toEqual(['run-on sentence at "e Give"']);
    expect(lineProblems("SMS is off. if the number changed, that did it.")).toContain(
      "a sentence starts in lower case",
    );
    expect(lineProblems("Then enable SMS for {{number}} again.")).toContain("unfilled placeholder");
    expect(lineProblems('Turn the switch to "SMS Enabled" under SMS enabled numbers, and Save.')).toEqual([]);
  });

  it('catch "the same number" when the number changed', () => {
    const input: DiagnosisInput = {
      now: NOW,
      current: snapshot({ phoneNumber: "+1 415 555 0199", license: "X Series - X2", sms: smsOff }),
      history: [snapshot({ observedAt: at(-5) })],
    };
    const finding = diagnose(input).findings.find((f) => f.ruleId === "license-changed")!;
    const text = formatFinding(finding);
    expect(contradictions(finding, text, input)).toEqual([]);
    const wrong = {
      ...text,
      steps: [
        ...text.steps,
        "Enable SMS again for the assigned number, even though it is the same number as before.",
      ],
    };
    expect(contradictions(finding, wrong, input)).toEqual([
      "says the number is the same, but it changed or nothing shows it is the same",
    ]);
  });
});

const NUMBERS = ["+1 (415) 555-0134", "+1 415 555 0199", "+1 416 555 0134", "+44 20 7946 0018"];
const LICENSES = ["X Series - X4", "X Series - X2", "X Series - Basic", null];

/** SMS on for one number under one license, maybe seen off before that; now the number, license or switch changed. */
const caseArb = fc
  .record({
    number: fc.constantFrom(...NUMBERS),
    sameNumber: fc.boolean(),
    otherNumber: fc.constantFrom(...NUMBERS),
    license: fc.constantFrom(...LICENSES.slice(0, 2)),
    licenseNow: fc.constantFrom(...LICENSES),
    // Hours before now that SMS was seen on, and how long before that it was seen off (if it was).
    onHoursAgo: fc.integer({ min: 1, max: 24 * 20 }),
    offHoursBefore: fc.option(fc.integer({ min: 1, max: 24 * 5 }), { nil: undefined }),
    smsVisible: fc.boolean(),
  })
  .map((c): { input: DiagnosisInput; sameNumber: boolean; recent: boolean } => {
    const onAt = at(0, -c.onHoursAgo);
    const numberNow = c.sameNumber ? c.number : c.otherNumber;
    const history: UserSnapshot[] = [
      snapshot({ observedAt: onAt, phoneNumber: c.number, license: c.license }),
    ];
    if (c.offHoursBefore !== undefined) {
      history.push(
        snapshot({
          observedAt: at(0, -c.onHoursAgo - c.offHoursBefore),
          phoneNumber: c.number,
          license: c.license,
          sms: smsOff,
        }),
      );
    }
    const current = snapshot({
      phoneNumber: numberNow,
      license: c.licenseNow,
      sms: c.smsVisible ? smsOff : null,
      ...(c.smsVisible ? {} : { source: "admin-api" as const }),
    });
    const offAgo = c.offHoursBefore === undefined ? undefined : (c.onHoursAgo + c.offHoursBefore) * 3_600_000;
    return {
      input: { now: NOW, current, history },
      sameNumber: c.sameNumber || c.number.replace(/\D/g, "") === c.otherNumber.replace(/\D/g, ""),
      recent: offAgo !== undefined && offAgo <= RECENTLY_ENABLED_WITHIN,
    };
  });

describe("finding text properties", () => {
  it("never contradicts the evidence: the same number or a new one, recently enabled or not", () => {
    fc.assert(
      fc.property(caseArb, ({ input, sameNumber, recent }) => {
        for (const finding of diagnose(input).findings) {
          const text = formatFinding(finding);
          const all = [text.explanation, ...text.steps].join("\n");
          expect(contradictions(finding, text, input), all).toEqual([]);
          for (const line of [text.explanation, ...text.steps]) expect(lineProblems(line), line).toEqual([]);
          if (sameNumber) expect(all).not.toMatch(/phone number was changed|for the new number/);
          else expect(all).not.toMatch(/same number/);
          // Enabled at once only for the number SMS was on for, and only when it was enabled recently.
          if (/will likely show Enabled at once/.test(all)) expect(sameNumber && recent).toBe(true);
        }
      }),
      { numRuns: 1_000 },
    );
  });
});
