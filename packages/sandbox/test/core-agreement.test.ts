import { diagnose } from "@sms-doctor/core";
import { describe, expect, it } from "vitest";
import { listScenarios, loadScenario } from "../src/scenarios.js";
import { buildWorld } from "../src/world/build-world.js";

/** Each scenario says what core's `diagnose` should conclude for its users; core must agree. */
describe("scenario expectations against core's diagnose", () => {
  for (const name of listScenarios()) {
    it(`${name}: the expected rule comes first, with the expected verdict`, () => {
      const scenario = loadScenario(name);
      const world = buildWorld(scenario, 0);
      const company = world.registration();
      // The 10 000-user company: the first user of each kind is enough.
      const expectations =
        name === "large-company"
          ? scenario.expect.filter((e, i, all) => all.findIndex((f) => f.topRuleId === e.topRuleId) === i)
          : scenario.expect;
      for (const expectation of expectations) {
        const diagnosis = diagnose({
          now: world.clock.nowIso(),
          current: world.snapshot(expectation.userId),
          history: world.history(expectation.userId),
          company,
        });
        expect(
          { verdict: diagnosis.verdict, topRuleId: diagnosis.findings[0]?.ruleId ?? null },
          `${name}/${expectation.userId}`,
        ).toEqual({ verdict: expectation.verdict, topRuleId: expectation.topRuleId });
      }
      expect(expectations.length).toBeGreaterThan(0);
    });
  }
});
