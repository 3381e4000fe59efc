import { smsDisabledByAdmin } from "../../src/rules/sms-disabled-by-admin.js";
import { at, input, record, smsOff, snapshot, UK_NUMBER, US_NUMBER_2 } from "../support/builders.js";
import { ruleTester } from "../support/rule-tester.js";

const wasOn = snapshot({ observedAt: at(-5) });

ruleTester(smsDisabledByAdmin, {
  valid: [
    { name: "SMS on", input: input(snapshot(), { history: [wasOn] }) },
    {
      name: "number changed",
      input: input(snapshot({ phoneNumber: US_NUMBER_2, sms: smsOff }), { history: [wasOn] }),
    },
    {
      name: "license changed",
      input: input(snapshot({ license: "X Series - X6", sms: smsOff }), { history: [wasOn] }),
    },
    {
      name: "Enabling Failed is not off",
      input: input(snapshot({ sms: { status: "enabling-failed" } }), { history: [wasOn] }),
    },
    { name: "SMS not visible", input: input(snapshot({ sms: null }), { history: [wasOn] }) },
  ],
  invalid: [
    {
      // Issue 15: SMS enabled five days ago or more is not recent, so no "may not see the delay" sentence.
      name: "SMS on, same number and license, now Disabled; enabled days ago: the normal wait",
      input: input(snapshot({ sms: { enabled: false, status: "disabled" } }), { history: [wasOn] }),
      expected: [
        {
          messageId: "disabled",
          certainty: "likely",
          data: { number: "+14155550134" },
          steps: ["reenableSms", "waitForVerification", "relogin"],
          expectedDelay: { typical: "PT4H", max: "PT48H" },
          says: ["SMS was on for +1 415-555-0134 and is now off"],
          neverSays: [/skip verification|Enabled at once|may not see the delay/],
        },
      ],
    },
    {
      name: "disabled a day after it was enabled: Enabled at once, in minutes",
      input: input(snapshot({ sms: smsOff }), {
        history: [
          snapshot({ observedAt: at(-2), sms: { status: "pending" } }),
          snapshot({ observedAt: at(-1) }),
        ],
      }),
      expected: [
        {
          messageId: "disabled",
          steps: ["reenableSms", "enabledRecently", "ifStillPending", "relogin"],
          expectedDelay: { typical: "PT5M", max: "PT48H" },
          says: ["will likely show Enabled at once rather than Pending", "can take up to 48 hours"],
        },
      ],
    },
    {
      name: "the carriers' go-live long ago settles it even when snapshots are recent",
      input: input(snapshot({ sms: smsOff }), {
        history: [snapshot({ observedAt: at(-1) })],
        provisioning: record({
          state: "CANCELLED",
          transitions: [{ from: "AWAITING_NUMBER", to: "ACTIVE", at: at(-30), cause: "number assigned" }],
        }),
      }),
      expected: [{ messageId: "disabled", steps: ["reenableSms", "waitForVerification", "relogin"] }],
    },
    {
      name: "seen on only since yesterday: unknown, and said so",
      input: input(snapshot({ sms: smsOff }), { history: [snapshot({ observedAt: at(-1) })] }),
      expected: [
        {
          messageId: "disabled",
          steps: ["reenableSms", "waitForVerification", "mayBeEnabledAtOnce", "relogin"],
          says: ["if that was within the last 3 days, it may skip verification"],
        },
      ],
    },
    {
      name: "outside US/CA: no verification steps",
      input: input(snapshot({ phoneNumber: UK_NUMBER, sms: smsOff }), {
        history: [snapshot({ observedAt: at(-5), phoneNumber: UK_NUMBER })],
      }),
      expected: [{ messageId: "disabled", steps: ["reenableSms", "relogin"] }],
    },
    {
      name: "no history and SMS off",
      input: input(snapshot({ sms: smsOff })),
      expected: [{ messageId: "mayHaveBeenDisabled", certainty: "possible" }],
    },
  ],
});
