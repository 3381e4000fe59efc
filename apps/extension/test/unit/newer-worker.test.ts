// @vitest-environment node
// Findings a newer SMS Doctor may produce (a rule or a message this version has no words for) are shown with
// what they carry and never fail the panel or the popup. Before issue 15/16 they came from the worker's
// diagnosis in the observation's reply; the panel now shows one diagnosis made here over the merged local and
// shared history, so the same assertions are reached through explainFinding, which every finding shown goes
// through (the popup's findings from the worker included).
import type { Finding } from "@sms-doctor/core";
import { describe, expect, it } from "vitest";
import { explainFinding } from "../../src/background/explain";

const finding = (ruleId: string, messageId: string): Finding => ({
  ruleId,
  certainty: "confirmed",
  severity: "blocking",
  messageId,
  data: { number: "+16175550102", carrier: "T-Mobile" },
  evidence: [],
  resolution: { steps: [{ messageId, data: {} }], actor: "carrier" },
});

describe("findings from a newer worker", () => {
  it("are shown with their rule id and data instead of failing the panel", () => {
    const [unknownRule, unknownMessage] = [
      finding("carrier-blocked-in-2030", "blocked"),
      finding("phone-number-changed", "toString"),
    ].map(explainFinding);
    expect([unknownRule!.ruleId, unknownMessage!.ruleId]).toEqual([
      "carrier-blocked-in-2030",
      "phone-number-changed",
    ]);
    expect(unknownRule!.title).toContain("carrier-blocked-in-2030");
    expect(unknownRule!.explanation).toBe("number: +16175550102; carrier: T-Mobile");
    expect(unknownMessage!.title).toContain("phone-number-changed");
    expect(unknownMessage!.steps).toEqual([]);
  });
});
