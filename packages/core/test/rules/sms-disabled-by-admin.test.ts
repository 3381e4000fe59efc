import { smsDisabledByAdmin } from "../../src/rules/sms-disabled-by-admin.js";
import { at, input, smsOff, snapshot, UK_NUMBER, US_NUMBER_2 } from "../support/builders.js";
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
      name: "SMS on, same number and license, now Disabled",
      input: input(snapshot({ sms: { enabled: false, status: "disabled" } }), { history: [wasOn] }),
      expected: [
        {
          messageId: "disabled",
          certainty: "likely",
          data: { number: "+14155550134" },
          steps: ["reenableSms", "waitForVerification", "recentlyProvisionedNoDelay", "relogin"],
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
