import type { ScenarioInput } from "../../src/scenario-schema.js";

/** A two-user US company with a verified campaign; tests add history as they need. */
export function tinyScenario(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    name: "tiny",
    description: "two users",
    now: "2026-06-01T15:00:00Z",
    company: {
      name: "Tiny Co",
      country: "US",
      brand: { status: "verified" },
      campaign: { status: "verified" },
    },
    users: [
      {
        id: "u1",
        firstName: "Ann",
        lastName: "Lee",
        email: "ann@tiny.example",
        extensionNumber: "101",
        createdAt: "2026-01-01T00:00:00Z",
        license: "X Series - X4",
        phoneNumber: "+14155550001",
        extraPhoneNumbers: ["+14155550011"],
      },
      {
        id: "u2",
        firstName: "Ben",
        lastName: "Roy",
        email: "ben@tiny.example",
        extensionNumber: "102",
        createdAt: "2026-01-01T00:00:00Z",
        license: "X Series - X2",
        phoneNumber: "+14155550002",
      },
    ],
    numbers: [{ number: "+14155550099" }, { number: "+18005550100", category: "TOLL_FREE" }],
    ...overrides,
  };
}
