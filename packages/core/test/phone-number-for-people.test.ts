import { describe, expect, it } from "vitest";
import { diagnose, formatFinding, formatPhoneNumberForPeople } from "../src/index.js";
import { at, input, smsOff, snapshot, US_NUMBER_2 } from "./support/builders.js";

describe("formatPhoneNumberForPeople", () => {
  it.each([
    ["+14152001234", "+1 415-200-1234"],
    ["+1 (415) 200-1234", "+1 415-200-1234"],
    ["415.200.1234", "+1 415-200-1234"],
    ["+14165550134", "+1 416-555-0134"], // Canada
    ["+18765550134", "+1 876-555-0134"], // Jamaica: NANP, written as the console writes every +1 number
    ["+442079460018", "+44 20 7946 0018"],
    ["+33612345678", "+33 6 12 34 56 78"],
    ["n/a", "n/a"],
    ["the user's number", "the user's number"],
  ])("%s reads as %s", (raw, shown) => {
    expect(formatPhoneNumberForPeople(raw)).toBe(shown);
  });

  it("is how findings show numbers, while their data keeps E.164", () => {
    const { findings } = diagnose(
      input(snapshot({ phoneNumber: US_NUMBER_2, sms: smsOff }), {
        history: [snapshot({ observedAt: at(-5) })],
      }),
    );
    const top = findings[0]!;
    expect(top.data).toMatchObject({ before: "+14155550134", after: "+14155550199" });
    const text = formatFinding(top);
    expect(text.explanation).toContain(
      "SMS was on for +1 415-555-0134, then the phone number was changed to +1 415-555-0199.",
    );
    expect(text.steps[0]).toContain("turn the switch for +1 415-555-0199");
    expect(JSON.stringify(top)).not.toContain("415-555");
  });
});
