import { licenseChanged } from "../../src/rules/license-changed.js";
import { at, input, smsOff, snapshot, US_NUMBER_2 } from "../support/builders.js";
import { ruleTester } from "../support/rule-tester.js";

const wasOn = snapshot({ observedAt: at(-5) });

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
      name: "license replaced, SMS now off",
      input: input(snapshot({ license: "X Series - X2", sms: smsOff }), { history: [wasOn] }),
      expected: [
        {
          messageId: "replaced",
          certainty: "confirmed",
          data: { before: "X Series - X4", after: "X Series - X2" },
          steps: [
            "reenableSms",
            "reenableEvenIfSame",
            "recentNumberMayBeActive",
            "waitForVerification",
            "relogin",
          ],
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
      name: "no history and SMS off",
      input: input(snapshot({ sms: smsOff })),
      expected: [{ messageId: "mayHaveChanged", certainty: "possible" }],
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
