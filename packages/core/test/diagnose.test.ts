import { describe, expect, it } from "vitest";
import { DiagnosisInputError, DiagnosisSchema, diagnose, formatFinding } from "../src/index.js";
import { at, campaign, input, NOW, smsOff, snapshot, US_NUMBER_2 } from "./support/builders.js";

const wasOn = snapshot({ observedAt: at(-5) });

describe("diagnose", () => {
  it("confirms a changed phone number as the top cause and says SMS cannot send", () => {
    const diagnosis = diagnose(
      input(snapshot({ phoneNumber: US_NUMBER_2, sms: smsOff }), { history: [wasOn] }),
    );
    expect(diagnosis.verdict).toBe("cannot-send");
    expect(diagnosis.findings[0]).toMatchObject({ ruleId: "phone-number-changed", certainty: "confirmed" });
    expect(() => DiagnosisSchema.parse(diagnosis)).not.toThrow();
  });

  it("can send when SMS is Enabled and the campaign VERIFIED", () => {
    expect(diagnose(input(snapshot(), { history: [wasOn] }))).toEqual({ verdict: "can-send", findings: [] });
  });

  it("is pending when only verification stands in the way", () => {
    const diagnosis = diagnose(input(snapshot({ sms: { status: "pending" } })));
    expect(diagnosis.verdict).toBe("pending");
    expect(diagnosis.findings.map((f) => f.ruleId)).toEqual(["verification-pending"]);
  });

  it("is unknown when the campaign was never seen, and says where to look", () => {
    const diagnosis = diagnose({ now: NOW, current: snapshot() });
    expect(diagnosis.verdict).toBe("unknown");
    expect(diagnosis.findings[0]).toMatchObject({ ruleId: "campaign-not-verified", certainty: "possible" });
  });

  it("cannot send with a rejected campaign even though the user's SMS is Enabled", () => {
    const diagnosis = diagnose(
      input(snapshot(), {
        company: campaign("rejected", [{ field: "Sample Message", message: "Too vague." }]),
      }),
    );
    expect(diagnosis.verdict).toBe("cannot-send");
    expect(formatFinding(diagnosis.findings[0]!).steps[0]).toMatch(
      /^In "Sample Message": Too vague\. Give realistic messages that name the brand/,
    );
  });

  it("without history offers the article's causes only as possible, while SMS off is certain", () => {
    const diagnosis = diagnose(input(snapshot({ sms: smsOff })));
    expect(diagnosis.verdict).toBe("cannot-send");
    expect(diagnosis.findings.map((f) => [f.ruleId, f.certainty])).toEqual([
      ["phone-number-changed", "possible"],
      ["license-changed", "possible"],
      ["sms-disabled-by-admin", "possible"],
    ]);
  });

  it("ranks blocking before warning before info, then by certainty", () => {
    const diagnosis = diagnose(
      input(snapshot({ license: "X Series - Basic", sms: { number: US_NUMBER_2 } }), {
        history: [snapshot({ observedAt: at(0, -3), sms: { number: US_NUMBER_2, status: "pending" } })],
      }),
    );
    const ranks = diagnosis.findings.map((f) => ({ blocking: 0, warning: 1, info: 2 })[f.severity]);
    expect(ranks).toEqual([...ranks].sort());
    expect(diagnosis.findings[0]!.ruleId).toBe("license-without-sms");
  });

  it("ignores history of other users and snapshots later than the current one", () => {
    const other = snapshot({ userId: "u-2", observedAt: at(-5), phoneNumber: US_NUMBER_2 });
    const later = snapshot({ observedAt: at(1), phoneNumber: US_NUMBER_2 });
    const diagnosis = diagnose(input(snapshot({ sms: smsOff }), { history: [other, later] }));
    expect(diagnosis.findings.every((f) => f.certainty === "possible")).toBe(true);
  });

  it("rejects bad input with a DiagnosisInputError naming every offending path", () => {
    const bad = {
      now: "yesterday",
      current: { ...snapshot(), sms: { number: "1", enabled: "yes", status: "on" } },
    };
    try {
      diagnose(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DiagnosisInputError);
      const paths = (error as DiagnosisInputError).issues.map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(["now", "current.sms.enabled", "current.sms.status"]));
      expect((error as Error).message).toContain("current.sms.status");
    }
  });

  it("never answers a TypeError for garbage", () => {
    for (const garbage of [null, undefined, 42, "x", [], { current: null }, { now: NOW, current: [] }]) {
      expect(() => diagnose(garbage)).toThrow(DiagnosisInputError);
    }
  });
});

describe("formatFinding", () => {
  it("says durations in words", async () => {
    const { humanDuration } = await import("../src/format-finding.js");
    expect(["PT3H1M4S", "P2D", "P2DT3H", "PT45S", "PT0S", "PT1M", "P1W"].map(humanDuration)).toEqual([
      "3 hours 1 minute",
      "2 days",
      "2 days 3 hours",
      "45 seconds",
      "no time",
      "1 minute",
      "7 days",
    ]);
    expect(humanDuration("PT")).toBe("PT");
    expect(humanDuration("Pending")).toBe("Pending");
  });

  it("renders a pending verification's wait in words", () => {
    const diagnosis = diagnose(
      input(snapshot({ sms: { status: "pending" } }), {
        history: [snapshot({ observedAt: at(0, -2), sms: { status: "pending" } })],
      }),
    );
    expect(formatFinding(diagnosis.findings[0]!).explanation).toContain(
      "Pending for 2 hours while carriers verify",
    );
  });
});
