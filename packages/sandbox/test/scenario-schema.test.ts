// The sandbox's scenario files: the schema they are parsed with at the point of entry lives in core.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RULE_IDS } from "@sms-doctor/core";
import { describe, expect, it } from "vitest";
import { CarrierFaultsSchema, ScenarioSchema } from "../src/scenario-schema.js";

const scenariosDir = join(import.meta.dirname, "..", "..", "sandbox", "scenarios");
const files = readdirSync(scenariosDir).filter((f) => f.endsWith(".json"));
const read = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(scenariosDir, file), "utf8")) as Record<string, unknown>;

/** The first problem as the sandbox reports it: the issue's path and message. */
function firstIssue(raw: unknown): { path: string; message: string } | undefined {
  const parsed = ScenarioSchema.safeParse(raw);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  return { path: issue.path.join("."), message: issue.message };
}

describe("ScenarioSchema", () => {
  it("finds the sandbox's bundled scenario files", () => {
    expect(files).toContain("license-changed.json");
  });

  it.each(files)("parses the bundled scenario %s", (file) => {
    const scenario = ScenarioSchema.parse(read(file));
    expect(`${scenario.name}.json`).toBe(file);
    expect(scenario.users.length).toBeGreaterThan(0);
  });

  it("fills the defaults: carrier timings and no faults", () => {
    const scenario = ScenarioSchema.parse(read("license-changed.json"));
    expect(scenario.carrier).toEqual({
      assignmentHours: 4,
      unassignmentHours: 1,
      campaignReviewDays: 3,
      faults: CarrierFaultsSchema.parse({}),
    });
    expect(scenario.company.id).toBe("company-1");
    expect(scenario.users[0]!.status).toBe("ACTIVE");
  });

  it("reports a bad field by its path", () => {
    const raw = read("license-changed.json");
    const users = raw.users as Record<string, unknown>[];
    users[1] = { ...users[1], phoneNumber: "617-555-0102" };
    expect(firstIssue(raw)).toEqual({
      path: "users.1.phoneNumber",
      message: "expected an E.164 number such as +14155550101",
    });
  });

  it("refuses a license name the console does not show", () => {
    const raw = read("license-changed.json");
    const users = raw.users as Record<string, unknown>[];
    users[0] = { ...users[0], license: "X Series - X3" };
    expect(firstIssue(raw)?.path).toBe("users.0.license");
  });

  it("refuses an unknown rule id in `expect`, and accepts every rule core has", () => {
    const raw = read("license-changed.json");
    const expectations = raw.expect as Record<string, unknown>[];
    expectations[0] = { ...expectations[0], topRuleId: "license-swapped" };
    expect(firstIssue(raw)?.path).toBe("expect.0.topRuleId");

    for (const ruleId of RULE_IDS) {
      expectations[0] = { ...expectations[0], topRuleId: ruleId };
      expect(firstIssue(raw), ruleId).toBeUndefined();
    }
  });

  it("checks the file as a whole: an expectation must name one of the scenario's users", () => {
    const raw = read("license-changed.json");
    const expectations = raw.expect as Record<string, unknown>[];
    expectations[0] = { ...expectations[0], userId: "u-nobody" };
    expect(firstIssue(raw)).toEqual({ path: "expect.0.userId", message: "no such user" });
  });

  it("refuses an unknown carrier fault", () => {
    expect(CarrierFaultsSchema.safeParse({ dropRate: 0.1 }).success).toBe(false);
    expect(CarrierFaultsSchema.safeParse({ errorRates: { "503": 1.5 } }).success).toBe(false);
  });
});
