import { licenseChanged } from "../../src/rules/license-changed.js";
import { at, input, record, smsOff, snapshot, UK_NUMBER, US_NUMBER_2 } from "../support/builders.js";
import { ruleTester } from "../support/rule-tester.js";

// Seen on five days ago and never seen off before: SMS was enabled at least five days ago, not recently.
const wasOn = snapshot({ observedAt: at(-5) });
// Seen off two days ago, on a day ago: enabled within the last three days ("recently").
const enabledYesterday = [snapshot({ observedAt: at(-2), sms: smsOff }), snapshot({ observedAt: at(-1) })];
const SKIPS = /skip verification|Enabled at once/;

ruleTester(licenseChanged, {
  valid: [
    { name: "SMS on, license unchanged", input: input(snapshot(), { history: [wasOn] }) },
    {
      name: "license changed but SMS is on again",
      input: input(snapshot({ license: "X Series - X6" }), { history: [wasOn] }),
    },
    {
      name: "number changed with the same license: the number explains it",
      input: input(snapshot({ phoneNumber: US_NUMBER_2, sms: smsOff }), { history: [wasOn] }),
    },
    {
      name: "license spacing differs only",
      input: input(snapshot({ license: "X Series  -  X4 ", sms: { status: "enabled" } }), {
        history: [wasOn],
      }),
    },
  ],
  invalid: [
    {
      // Issue 15: the "may skip verification" sentence is gone when SMS was enabled longer ago than that.
      name: "license replaced, SMS now off, the number enabled days ago: the normal wait",
      input: input(snapshot({ license: "X Series - X2", sms: smsOff }), { history: [wasOn] }),
      expected: [
        {
          messageId: "replaced",
          certainty: "confirmed",
          data: { before: "X Series - X4", after: "X Series - X2" },
          steps: ["reenableSms", "reenableEvenIfSame", "waitForVerification", "relogin"],
          expectedDelay: { typical: "PT4H", max: "PT48H" },
          says: ["even though it is the same number as before", "up to 48 hours"],
          neverSays: [SKIPS],
        },
      ],
    },
    {
      name: "license replaced, the number enabled yesterday: Enabled at once, in minutes, 48 hours at most",
      input: input(snapshot({ license: "X Series - X2", sms: smsOff }), { history: enabledYesterday }),
      expected: [
        {
          messageId: "replaced",
          steps: ["reenableSms", "reenableEvenIfSame", "enabledRecently", "ifStillPending", "relogin"],
          expectedDelay: { typical: "PT5M", max: "PT48H" },
          says: [
            "SMS was enabled for +1 415-555-0134 within the last 3 days, so it will likely show Enabled at once rather than Pending.",
            "up to 48 hours",
          ],
          neverSays: ["usually hours"],
        },
      ],
    },
    {
      name: "license replaced, the carriers made the number live yesterday: recent",
      input: input(snapshot({ license: "X Series - X2", sms: smsOff }), {
        history: [wasOn],
        provisioning: record({
          state: "CANCELLED",
          transitions: [{ from: "AWAITING_NUMBER", to: "ACTIVE", at: at(-1), cause: "number assigned" }],
        }),
      }),
      expected: [
        {
          messageId: "replaced",
          steps: ["reenableSms", "reenableEvenIfSame", "enabledRecently", "ifStillPending", "relogin"],
        },
      ],
    },
    {
      name: "license replaced, SMS seen on only since yesterday: when it was enabled is unknown, and said so",
      input: input(snapshot({ license: "X Series - X2", sms: smsOff }), {
        history: [snapshot({ observedAt: at(-1) })],
      }),
      expected: [
        {
          messageId: "replaced",
          steps: [
            "reenableSms",
            "reenableEvenIfSame",
            "waitForVerification",
            "mayBeEnabledAtOnce",
            "relogin",
          ],
          expectedDelay: { typical: "PT4H", max: "PT48H" },
          says: [
            "SMS Doctor has not seen when SMS was last enabled for +1 415-555-0134: if that was within the last 3 days, it may skip verification",
          ],
        },
      ],
    },
    {
      name: 'license and number both changed: no "same number" step, and the new number waits',
      input: input(snapshot({ license: "X Series - X2", phoneNumber: US_NUMBER_2, sms: smsOff }), {
        history: enabledYesterday,
      }),
      expected: [
        {
          messageId: "replaced",
          steps: ["reenableSms", "waitForVerification", "relogin"],
          neverSays: ["same number", SKIPS],
        },
      ],
    },
    {
      name: "license removed and not added back: assign a license with SMS first, then enable SMS",
      input: input(snapshot({ license: null, sms: smsOff }), { history: [wasOn] }),
      expected: [
        {
          messageId: "removedNotReadded",
          certainty: "confirmed",
          data: { before: "X Series - X4" },
          steps: ["assignLicense", "reenableSms", "reenableEvenIfSame", "waitForVerification", "relogin"],
          says: ["the user has no license now", /^Assign an X Series X2 or higher license/m],
        },
      ],
    },
    {
      name: "license replaced by one without SMS: assign one with SMS first",
      input: input(snapshot({ license: "X Series - Basic", sms: smsOff }), { history: [wasOn] }),
      expected: [
        {
          messageId: "replaced",
          steps: ["assignLicense", "reenableSms", "reenableEvenIfSame", "waitForVerification", "relogin"],
        },
      ],
    },
    {
      name: "outside US/CA: no wait, no recency",
      input: input(snapshot({ phoneNumber: UK_NUMBER, license: "X Series - X2", sms: smsOff }), {
        history: [snapshot({ observedAt: at(-1), phoneNumber: UK_NUMBER })],
      }),
      expected: [
        {
          messageId: "replaced",
          steps: ["reenableSms", "reenableEvenIfSame", "relogin"],
          expectedDelay: null,
        },
      ],
    },
    {
      name: "license removed then the same license added back: confirmed even though it is the same",
      input: input(snapshot({ sms: smsOff }), {
        history: [wasOn, snapshot({ observedAt: at(-2), license: null, sms: smsOff })],
      }),
      expected: [
        {
          messageId: "removed",
          certainty: "confirmed",
          data: { before: "X Series - X4", after: "no license" },
        },
      ],
    },
    {
      name: "license removed and re-added while the disable was still Pending (switch off)",
      input: input(snapshot({ sms: { enabled: false, status: "pending" } }), {
        history: [
          wasOn,
          snapshot({ observedAt: at(-2), license: null, sms: { enabled: false, status: "pending" } }),
        ],
      }),
      expected: [{ messageId: "removed", certainty: "confirmed" }],
    },
    {
      name: "same license, number unchanged, SMS off: an unseen re-add is only possible",
      input: input(snapshot({ sms: { enabled: false, status: "disabled" } }), { history: [wasOn] }),
      expected: [{ messageId: "mayHaveChanged", certainty: "possible" }],
    },
    {
      name: "no history and SMS off: nothing says the number is the same, nor when it was enabled",
      input: input(snapshot({ sms: smsOff })),
      expected: [
        {
          messageId: "mayHaveChanged",
          certainty: "possible",
          steps: ["reenableSms", "waitForVerification", "mayBeEnabledAtOnce", "relogin"],
          neverSays: ["same number"],
        },
      ],
    },
    {
      name: "Administration API snapshot with another license: likely",
      input: input(snapshot({ license: "X Series - X2", sms: null, source: "admin-api" }), {
        history: [wasOn],
      }),
      expected: [{ messageId: "replaced", certainty: "likely" }],
    },
  ],
});
