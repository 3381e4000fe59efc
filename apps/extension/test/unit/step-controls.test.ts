// @vitest-environment node
// "Show me": which console control each resolution step names, from the step's message id and data (never its
// words), held to core's rules so a renamed message can't silently lose its button.
import { diagnose, RULES, ruleMeta } from "@sms-doctor/core";
import { describe, expect, it } from "vitest";
import { explainFinding } from "../../src/background/explain";
import { STEP_CONTROLS, stepControls } from "../../src/background/step-controls";
import { snapshot } from "../support/snapshots";

const NOW = "2026-06-01T15:00:00.000Z";

describe("the controls steps name", () => {
  it("each entry is a message of core's rules (shared ones of several, rule/message of that rule)", () => {
    for (const key of Object.keys(STEP_CONTROLS)) {
      const [ruleId, messageId] = key.includes("/") ? key.split("/") : [undefined, key];
      const rules = ruleId ? [ruleMeta(ruleId)] : RULES.map((rule) => rule.meta);
      expect(
        rules.some((meta) => meta && Object.hasOwn(meta.messages, messageId!)),
        key,
      ).toBe(true);
    }
  });

  it("points re-enabling at the new number's SMS switch, step for step, and nothing else", () => {
    const before = snapshot({ observedAt: "2026-05-01T15:00:00.000Z" });
    const current = snapshot({
      observedAt: NOW,
      phoneNumber: "+16175550188",
      sms: { number: "+16175550188", enabled: false, status: null },
    });
    const [finding] = diagnose({ now: NOW, current, history: [before] }).findings;
    expect(finding?.ruleId).toBe("phone-number-changed");
    const explained = explainFinding(finding!);
    expect(explained.controls).toHaveLength(explained.steps.length);
    expect(explained.controls?.[0]).toEqual({ section: "smsEnabledNumbers", number: "+16175550188" });
    expect(explained.controls?.slice(1).every((control) => control === null)).toBe(true);
  });

  it("points assigning a license at the License field, and each registration error at its form field", () => {
    const [noLicense] = diagnose({
      now: NOW,
      current: snapshot({ observedAt: NOW, license: "X Series - X1" }),
    }).findings.filter((finding) => finding.ruleId === "license-without-sms");
    expect(stepControls(noLicense!)?.[0]).toMatchObject({
      section: "servicesAndPermissions",
      names: ["License", "Licence"],
    });
    const company = {
      observedAt: NOW,
      brand: { status: "verified" as const },
      campaign: {
        status: "rejected" as const,
        errors: [
          { field: "Call to Action", message: "Say how people opt in" },
          { message: "Check the whole form" },
        ],
      },
    };
    const rejected = diagnose({ now: NOW, current: snapshot({ observedAt: NOW }), company }).findings.find(
      (finding) => finding.ruleId === "campaign-not-verified",
    );
    expect(stepControls(rejected!)).toEqual([
      { section: "yourCampaign", names: ["Call to Action"] },
      null,
      null,
    ]);
  });

  it("names no control for a finding whose steps point at none", () => {
    const [inactive] = diagnose({
      now: NOW,
      current: snapshot({ observedAt: NOW, userStatus: "inactive" }),
    }).findings;
    expect(inactive).toBeDefined();
    expect(explainFinding(inactive!).controls).toBeUndefined();
  });
});
