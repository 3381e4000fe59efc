// A possible cause is not a heading: with one snapshot and SMS off, the diagnosis names candidates.
import { describe, expect, it } from "vitest";
import { causeOf, diagnose, formatCause } from "../src/index.js";
import { at, campaign, input, smsOff, snapshot, US_NUMBER_2 } from "./support/builders.js";

describe("causeOf and formatCause", () => {
  it("one snapshot with SMS off: the cause can't be told, with the candidates and what would tell them apart", () => {
    const diagnosis = diagnose({ now: at(0), current: snapshot({ sms: smsOff }) });
    const cause = causeOf(diagnosis);
    expect(cause.kind).toBe("undetermined");
    const text = formatCause(cause);
    expect(text.heading).toBe("SMS is off; the cause can't be told from what was seen");
    expect(text.candidates.map((c) => c.ruleId)).toEqual([
      "phone-number-changed",
      "license-changed",
      "sms-disabled-by-admin",
      "campaign-not-verified",
    ]);
    expect(text.explanation).toBe(
      "Possible causes: the user's phone number was changed; the user's X Series license was changed; an administrator turned SMS off; the company's SMS campaign is not VERIFIED.",
    );
    // The three user changes share what tells them apart: it is listed once.
    expect(text.tellApart).toHaveLength(2);
    expect(text.tellApart[0]).toMatch(/^An earlier state of the user would tell .*Administration API\.$/);
    expect(text.tellApart[1]).toMatch(/SMS page would tell whether the company's campaign is VERIFIED/);
  });

  it("with history the cause is established and heads the diagnosis by its title", () => {
    const diagnosis = diagnose(
      input(snapshot({ phoneNumber: US_NUMBER_2, sms: smsOff }), {
        history: [snapshot({ observedAt: at(-5) })],
      }),
    );
    const cause = causeOf(diagnosis);
    expect(cause).toMatchObject({ kind: "established", finding: { ruleId: "phone-number-changed" } });
    expect(formatCause(cause)).toMatchObject({
      heading: "The user's phone number was changed",
      tellApart: [],
    });
  });

  it("a confirmed cause beside possible ones is established", () => {
    const diagnosis = diagnose(input(snapshot({ license: "X Series - Basic", sms: smsOff })));
    expect(causeOf(diagnosis)).toMatchObject({
      kind: "established",
      finding: { ruleId: "license-without-sms" },
    });
  });

  it('SMS Enabled with the campaign unseen: may not work, not "SMS is off"', () => {
    const diagnosis = diagnose({ now: at(0), current: snapshot() });
    expect(diagnosis.verdict).toBe("unknown");
    const text = formatCause(causeOf(diagnosis));
    expect(text.heading).toBe("SMS may not work; the cause can't be told from what was seen");
    expect(text.candidates.map((c) => c.ruleId)).toEqual(["campaign-not-verified"]);
  });

  it("nothing found, or only advice: no undetermined cause", () => {
    expect(causeOf(diagnose(input(snapshot(), { company: campaign("verified") })))).toEqual({ kind: "none" });
    const relogin = diagnose(
      input(snapshot(), { history: [snapshot({ observedAt: at(0, -3), sms: { status: "pending" } })] }),
    );
    expect(relogin.findings[0]).toMatchObject({ ruleId: "relogin-required", certainty: "possible" });
    expect(causeOf(relogin).kind).toBe("established");
  });
});
