import { seededRandom } from "../carrier/faults.js";
import type { Expectation, ScenarioInput } from "../scenario-schema.js";

const FIRST = [
  "Ava",
  "Ben",
  "Chloe",
  "Dev",
  "Elena",
  "Farid",
  "Grace",
  "Hiro",
  "Ines",
  "Jon",
  "Kira",
  "Liam",
  "Maya",
  "Noah",
  "Omar",
  "Priya",
  "Quinn",
  "Rosa",
  "Sam",
  "Tariq",
  "Uma",
  "Victor",
  "Wen",
  "Yara",
  "Zoe",
];
const LAST = [
  "Adams",
  "Baker",
  "Chen",
  "Diaz",
  "Evans",
  "Fischer",
  "Garcia",
  "Huang",
  "Ivanova",
  "Jones",
  "Kim",
  "Lopez",
  "Martin",
  "Nguyen",
  "Okafor",
  "Patel",
  "Quispe",
  "Reyes",
  "Singh",
  "Taylor",
  "Ueda",
  "Vega",
  "Walsh",
  "Xu",
  "Young",
];
const SITES = ["New York", "Chicago", "San Francisco", "Austin"];
const AREA_CODES = ["212", "312", "415", "512"];
const NOW = "2026-06-01T15:00:00Z";

/**
 * A 10 000-user US company for load tests, generated from a seed (the same seed gives the same
 * company). Most users send SMS; every 50th user falls into one documented cause, in turn.
 */
export function generateLargeCompany(userCount = 10_000, seed = 8_808): ScenarioInput {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const users: NonNullable<ScenarioInput["users"]> = [];
  const expect: Expectation[] = [];
  const numbers: NonNullable<ScenarioInput["numbers"]> = [];
  for (let i = 0; i < userCount; i++) {
    const id = `lu${String(i).padStart(5, "0")}`;
    const firstName = pick(FIRST);
    const lastName = pick(LAST);
    // 10 000 numbers per area code; the spare range (+5000) holds numbers users are moved to.
    const phoneNumber = `+1${AREA_CODES[i % 4]}555${String(Math.floor(i / 4)).padStart(4, "0")}`;
    const spare = `+1${AREA_CODES[i % 4]}556${String(Math.floor(i / 4)).padStart(4, "0")}`;
    const created = `2025-0${1 + (i % 9)}-1${i % 10}T1${i % 10}:00:00Z`;
    const history: NonNullable<NonNullable<ScenarioInput["users"]>[number]["history"]> = [
      { type: "sms-enabled", at: "2026-01-15T15:00:00Z" },
    ];
    const cause = i % 50;
    if (cause === 1) {
      history.push({ type: "phone-number-changed", at: "2026-05-20T10:00:00Z", to: spare });
      expect.push({ userId: id, verdict: "cannot-send", topRuleId: "phone-number-changed" });
    } else if (cause === 2) {
      history.push({ type: "license-changed", at: "2026-05-21T10:00:00Z", to: null });
      history.push({ type: "license-changed", at: "2026-05-21T10:05:00Z", to: "X Series - X4" });
      expect.push({ userId: id, verdict: "cannot-send", topRuleId: "license-changed" });
    } else if (cause === 3) {
      history.push({ type: "sms-disabled", at: "2026-05-22T10:00:00Z" });
      expect.push({ userId: id, verdict: "cannot-send", topRuleId: "sms-disabled-by-admin" });
    } else if (cause === 4) {
      history.push({ type: "phone-number-changed", at: "2026-05-20T10:00:00Z", to: spare });
      history.push({ type: "sms-enabled", at: "2026-06-01T14:00:00Z" });
      numbers.push({ number: spare, carrier: { outcome: "ASSIGNED", afterHours: 36 } });
      expect.push({ userId: id, verdict: "pending", topRuleId: "verification-pending" });
    } else if (i % 500 === 0) {
      expect.push({ userId: id, verdict: "can-send", topRuleId: null });
    }
    users.push({
      id,
      firstName,
      lastName,
      email: `${firstName}.${lastName}.${i}@bigco.example`.toLowerCase(),
      site: SITES[i % SITES.length]!,
      department: pick(["Sales", "Support", "Operations", "Finance"]),
      extensionNumber: String(10_000 + i),
      createdAt: created,
      lastLoginAt: "2026-05-31T09:00:00Z",
      license: pick(["X Series - X2", "X Series - X4", "X Series - X6", "X Series - X8"]),
      phoneNumber,
      history,
    });
  }
  return {
    name: "large-company",
    description: `A ${userCount}-user US company for load: most users send SMS, every 50th has one documented cause.`,
    now: NOW,
    company: {
      name: "BigCo Logistics",
      country: "US",
      sites: SITES,
      brand: { status: "verified" },
      campaign: { status: "verified" },
      // Large customers get a raised limit; the default 48 would not hold 10 000 users.
      numberLimit: userCount + 1_000,
    },
    numbers,
    users,
    expect,
  };
}
