import { RULE_IDS, ruleMeta, UserSnapshotSchema } from "@sms-doctor/core";
import { describe, expect, it } from "vitest";
import { listScenarios, loadScenario, parseScenario, ScenarioFileError } from "../src/scenarios.js";
import { buildWorld, ScenarioReplayError } from "../src/world/build-world.js";
import { tinyScenario } from "./support/tiny-scenario.js";

const small = listScenarios().filter((name) => name !== "large-company");
/**
 * Scenarios are read through the console (the demo tours them in the replica), so a rule that only
 * fires on facts the console never shows (user-inactive: the account status comes from the
 * Administration API) is shown by the worker's audit and sync tests instead; so is a rule that compares the
 * console with a carrier's record of the number (sms-sync-issue: the worker's console-provider test).
 */
const consoleRules = RULE_IDS.filter((id) => !ruleMeta(id)?.seenOnlyIn && !ruleMeta(id)?.needsCarrierRecord);
const carrierRecordRules = RULE_IDS.filter((id) => ruleMeta(id)?.needsCarrierRecord);

describe("scenarios", () => {
  it("cover every core rule, a healthy company and the named companies", () => {
    const names = listScenarios();
    // At most one rule left out for facts the console never shows, besides those that need a carrier's record.
    expect(consoleRules.length).toBeGreaterThan(RULE_IDS.length - carrierRecordRules.length - 2);
    expect(carrierRecordRules).toEqual(["sms-sync-issue"]);
    for (const rule of consoleRules) expect(names).toContain(rule);
    for (const name of [
      "healthy-company",
      "us-rejected-campaign",
      "canadian-company",
      "uk-user",
      "large-company",
    ])
      expect(names).toContain(name);
    const expectedRules = new Set(small.flatMap((name) => loadScenario(name).expect.map((e) => e.topRuleId)));
    for (const rule of consoleRules) expect(expectedRules).toContain(rule);
  });

  it.each(small)("%s replays through the world's rules into core-valid snapshots", (name) => {
    const scenario = loadScenario(name);
    const world = buildWorld(scenario, 0);
    expect(scenario.expect.length).toBeGreaterThan(0);
    for (const { userId } of scenario.expect) {
      expect(UserSnapshotSchema.safeParse(world.snapshot(userId)).success).toBe(true);
      for (const snapshot of world.history(userId)) expect(UserSnapshotSchema.parse(snapshot)).toBeTruthy();
    }
  });

  it("puts each rule's user into the state the rule looks for", () => {
    const sms = (name: string, userId: string) => buildWorld(loadScenario(name), 0).snapshot(userId)!.sms;
    expect(sms("verification-pending", "u-erin")).toMatchObject({ enabled: true, status: "pending" });
    expect(sms("enabling-failed", "u-frank")).toMatchObject({ enabled: true, status: "enabling-failed" });
    expect(sms("campaign-number-limit", "u-49")).toMatchObject({ enabled: true, status: "enabling-failed" });
    expect(sms("sms-disabled-by-admin", "u-alice")).toMatchObject({ enabled: false, status: "disabled" });
    expect(sms("phone-number-changed", "u-alice")).toMatchObject({ number: "+16175550188", enabled: false });
    const rejected = buildWorld(loadScenario("us-rejected-campaign"), 0).registration();
    expect(rejected.campaign.status).toBe("rejected");
    expect(rejected.campaign.errors.length).toBeGreaterThanOrEqual(3);
  });

  it("generates the same 10 000-user company from the same seed", () => {
    const scenario = loadScenario("large-company");
    expect(scenario.users).toHaveLength(10_000);
    expect(loadScenario("large-company").users[1234]).toEqual(scenario.users[1234]);
    const world = buildWorld(scenario, 0);
    expect(world.users()).toHaveLength(10_000);
    const pending = scenario.expect.find((e) => e.topRuleId === "verification-pending")!;
    expect(world.snapshot(pending.userId)!.sms?.status).toBe("pending");
  });

  it("names the offending field of an invalid scenario", () => {
    const bad = tinyScenario();
    bad.users![0]!.phoneNumber = "415-555";
    expect(() => parseScenario(bad)).toThrow(ScenarioFileError);
    try {
      parseScenario(bad);
    } catch (error) {
      expect((error as ScenarioFileError).field).toBe("users.0.phoneNumber");
    }
    expect(() => loadScenario("../etc/passwd")).toThrow(/no such scenario/);
  });

  it("refuses a history that breaks the world's rules", () => {
    const scenario = tinyScenario({
      company: { name: "T", country: "US", brand: { status: "verified" }, campaign: { status: "rejected" } },
    });
    scenario.users![0]!.history = [{ type: "sms-enabled", at: "2026-02-01T00:00:00Z" }];
    expect(() => buildWorld(parseScenario(scenario), 0)).toThrow(ScenarioReplayError);
  });
});
