// predictSave in a RuleTester's manner: form changes that must predict nothing, and changes that must
// predict given messages, in order, worded as listed.
import { describe, expect, it } from "vitest";
import {
  type CompanySmsRegistration,
  formatSavePrediction,
  predictSave,
  SAVE_MESSAGES,
  type SaveContext,
  type SavePrediction,
  type UserFormState,
} from "../src/index.js";
import {
  at,
  campaign,
  NOW,
  smsOff,
  snapshot,
  UK_NUMBER,
  US_NUMBER,
  US_NUMBER_2,
} from "./support/builders.js";

interface SaveCase {
  name: string;
  before: UserFormState;
  after: UserFormState;
  company?: CompanySmsRegistration;
  context?: SaveContext;
}
interface PredictingCase extends SaveCase {
  expected: SavePrediction["id"][];
  says?: (string | RegExp)[];
  neverSays?: (string | RegExp)[];
}

/** The saved form: an X4 user with SMS on for their own US number. */
const saved: UserFormState = {
  phoneNumber: US_NUMBER,
  license: "X Series - X4",
  sms: { number: US_NUMBER, enabled: true },
};
const edit = (changes: Partial<UserFormState>): UserFormState => ({ ...saved, ...changes });
const verified = campaign("verified");
// Seen off two days ago and Enabled since yesterday: enabled recently.
const enabledYesterday: SaveContext = {
  now: NOW,
  history: [snapshot({ observedAt: at(-1) }), snapshot({ observedAt: at(-2), sms: smsOff })],
};
const enabledLongAgo: SaveContext = { now: NOW, history: [snapshot({ observedAt: at(-10) })] };

const valid: SaveCase[] = [
  { name: "nothing changed", before: saved, after: saved, company: verified },
  {
    name: "the same number written another way",
    before: saved,
    after: edit({ phoneNumber: "(415) 555-0134" }),
    company: verified,
  },
  {
    name: "license spacing only",
    before: saved,
    after: edit({ license: " X Series  -  X4" }),
    company: verified,
  },
  {
    name: "SMS off, the number changed: SMS was off anyway",
    before: edit({ sms: { number: US_NUMBER, enabled: false } }),
    after: edit({ phoneNumber: US_NUMBER_2, sms: { number: US_NUMBER, enabled: false } }),
    company: campaign("rejected"),
  },
  {
    name: "SMS off, the license changed",
    before: edit({ sms: { number: US_NUMBER, enabled: false } }),
    after: edit({ license: "X Series - X6", sms: { number: US_NUMBER, enabled: false } }),
  },
  {
    name: "no SMS section: nothing known to turn off",
    before: edit({ sms: null }),
    after: edit({ phoneNumber: US_NUMBER_2, sms: null }),
  },
];

const predicting: PredictingCase[] = [
  {
    name: "US number changed: SMS off, enabled again for the new number, Pending up to 48 hours",
    before: saved,
    after: edit({ phoneNumber: US_NUMBER_2 }),
    company: verified,
    context: enabledYesterday,
    expected: ["smsTurnsOffNumberChanged", "pendingUpTo"],
    says: [
      "Saving turns SMS off for the user: changing the phone number from +1 415-555-0134 to +1 415-555-0199 turns it off. SMS must then be enabled again for +1 415-555-0199.",
      "When SMS is enabled for +1 415-555-0199, it shows Pending while parties outside 8x8 verify it, for up to 48 hours.",
    ],
    // A new number: an earlier number's recent enabling says nothing about it.
    neverSays: ["at once", "same"],
  },
  {
    name: "number changed while the campaign is rejected: SMS cannot come back until it is VERIFIED",
    before: saved,
    after: edit({ phoneNumber: US_NUMBER_2 }),
    company: campaign("rejected"),
    expected: ["smsTurnsOffNumberChanged", "pendingUpTo", "campaignNotVerified"],
    says: [
      "The company's SMS campaign is rejected, not VERIFIED: SMS for +1 415-555-0199 cannot work until it is.",
    ],
  },
  {
    name: "license replaced, no history: may come back at once if enabled recently, said as unknown",
    before: saved,
    after: edit({ license: "X Series - X6" }),
    company: verified,
    expected: ["smsTurnsOffLicenseChanged", "pendingUpTo", "mayComeBackAtOnceIfRecent"],
    says: [
      'changing the license from "X Series - X4" to "X Series - X6" turns it off. SMS must then be enabled again for +1 415-555-0134, even though the number stays the same.',
      "If SMS was enabled for +1 415-555-0134 within the last 3 days, it may come back Enabled at once",
    ],
  },
  {
    name: "license replaced, the number enabled yesterday: may come back at once",
    before: saved,
    after: edit({ license: "X Series - X6" }),
    company: verified,
    context: enabledYesterday,
    expected: ["smsTurnsOffLicenseChanged", "pendingUpTo", "mayComeBackAtOnce"],
    says: ["SMS was enabled for +1 415-555-0134 within the last 3 days, so it may come back Enabled at once"],
  },
  {
    name: "license replaced, the number enabled ten days ago: the wait only",
    before: saved,
    after: edit({ license: "X Series - X6" }),
    company: verified,
    context: enabledLongAgo,
    expected: ["smsTurnsOffLicenseChanged", "pendingUpTo"],
  },
  {
    name: "license removed: SMS off, and a license with SMS is needed first",
    before: saved,
    after: edit({ license: null }),
    company: verified,
    context: enabledLongAgo,
    expected: ["smsTurnsOffLicenseRemoved", "noLicense", "pendingUpTo"],
    says: [
      'removing the license "X Series - X4" turns it off, and it stays off after a license is added again.',
    ],
  },
  {
    name: "license changed to Basic",
    before: saved,
    after: edit({ license: "X Series - Basic" }),
    company: verified,
    context: enabledLongAgo,
    expected: ["smsTurnsOffLicenseChanged", "licenseWithoutSms", "pendingUpTo"],
  },
  {
    name: "the SMS switch turned off",
    before: saved,
    after: edit({ sms: { number: US_NUMBER, enabled: false } }),
    company: verified,
    context: enabledLongAgo,
    expected: ["smsTurnsOff", "pendingUpTo"],
    says: ["Saving turns SMS off for +1 415-555-0134."],
  },
  {
    name: "the SMS switch turned on while the campaign is under review",
    before: edit({ sms: { number: US_NUMBER, enabled: false } }),
    after: saved,
    company: campaign("pending"),
    context: enabledYesterday,
    expected: ["pendingUpTo", "mayComeBackAtOnce", "campaignNotVerified"],
    says: ["is under review, not VERIFIED"],
  },
  {
    name: "UK number changed: SMS off, no US/CA wait nor campaign",
    before: edit({ phoneNumber: UK_NUMBER, sms: { number: UK_NUMBER, enabled: true } }),
    after: edit({ phoneNumber: "+44 20 7946 0999", sms: { number: UK_NUMBER, enabled: true } }),
    company: campaign("rejected"),
    expected: ["smsTurnsOffNumberChanged"],
    says: ["from +44 20 7946 0018 to +44 20 7946 0999"],
  },
  {
    name: "campaign never seen: nothing said about it",
    before: saved,
    after: edit({ phoneNumber: US_NUMBER_2 }),
    expected: ["smsTurnsOffNumberChanged", "pendingUpTo"],
  },
];

describe("predictSave", () => {
  for (const c of valid) {
    it(`predicts nothing: ${c.name}`, () => {
      expect(predictSave(c.before, c.after, c.company, c.context)).toEqual([]);
    });
  }

  for (const c of predicting) {
    it(`predicts: ${c.name}`, () => {
      const predictions = predictSave(c.before, c.after, c.company, c.context);
      expect(predictions.map((p) => p.id)).toEqual(c.expected);
      const text = predictions.map(formatSavePrediction);
      for (const line of text) {
        expect(line).not.toMatch(/\{\{/);
        expect(line).toMatch(/^[A-Z"+].*[.]$/);
      }
      const all = text.join("\n");
      for (const s of c.says ?? []) expect(all).toMatch(s);
      for (const s of c.neverSays ?? []) expect(all).not.toMatch(s);
      // Data keeps E.164; only the text is formatted for people.
      expect(JSON.stringify(predictions)).not.toMatch(/415-555/);
    });
  }

  it("has a case for every message", () => {
    const covered = new Set(predicting.flatMap((c) => c.expected));
    expect([...covered].sort()).toEqual(Object.keys(SAVE_MESSAGES).sort());
  });

  it("a UserSnapshot is a form state", () => {
    const before = snapshot();
    const after = snapshot({ phoneNumber: US_NUMBER_2, sms: { number: US_NUMBER } });
    expect(predictSave(before, after, verified).map((p) => p.id)).toEqual([
      "smsTurnsOffNumberChanged",
      "pendingUpTo",
    ]);
  });
});
