import { phoneNumberChanged } from "../../src/rules/phone-number-changed.js";
import { at, input, smsOff, snapshot, US_NUMBER, US_NUMBER_2 } from "../support/builders.js";
import { ruleTester } from "../support/rule-tester.js";

const wasOn = snapshot({ observedAt: at(-5) });

ruleTester(phoneNumberChanged, {
  valid: [
    { name: "SMS on, nothing changed", input: input(snapshot(), { history: [wasOn] }) },
    {
      name: "number changed and SMS already re-enabled (Pending) for the new number",
      input: input(snapshot({ phoneNumber: US_NUMBER_2, sms: { status: "pending" } }), { history: [wasOn] }),
    },
    {
      name: "same number in another format is not a change",
      input: input(snapshot({ phoneNumber: "415-555-0134", sms: smsOff }), { history: [wasOn] }),
    },
    { name: "no history and SMS on", input: input(snapshot()) },
    {
      name: "SMS was never on before the number changed",
      input: input(snapshot({ phoneNumber: US_NUMBER_2, sms: smsOff }), {
        history: [snapshot({ observedAt: at(-5), sms: { enabled: false, status: "disabled" } })],
      }),
    },
  ],
  invalid: [
    {
      name: "SMS on for A, number now B, SMS off",
      input: input(snapshot({ phoneNumber: US_NUMBER_2, sms: smsOff }), { history: [wasOn] }),
      expected: [
        {
          messageId: "changed",
          certainty: "confirmed",
          severity: "blocking",
          data: { before: "+14155550134", after: "+14155550199" },
          steps: ["reenableSms", "waitForVerification", "relogin"],
        },
      ],
    },
    {
      name: "Pending for A counts as on; the current snapshot also sits in history",
      input: (() => {
        const current = snapshot({
          phoneNumber: US_NUMBER_2,
          sms: { number: US_NUMBER_2, enabled: false, status: "disabled" },
        });
        return input(current, {
          history: [current, snapshot({ observedAt: at(-3), sms: { status: "pending" } })],
        });
      })(),
      expected: [{ messageId: "changed", certainty: "confirmed" }],
    },
    {
      name: "history in any order: the latest SMS-on snapshot is the one compared",
      input: input(snapshot({ phoneNumber: "+1 212 555 0100", sms: smsOff }), {
        history: [
          snapshot({ observedAt: at(-2), phoneNumber: US_NUMBER_2 }),
          snapshot({ observedAt: at(-9), phoneNumber: US_NUMBER }),
        ],
      }),
      expected: [{ messageId: "changed", data: { before: "+14155550199", after: "+12125550100" } }],
    },
    {
      name: "the Administration API cannot see SMS: likely, not confirmed",
      input: input(snapshot({ phoneNumber: US_NUMBER_2, sms: null, source: "admin-api" }), {
        history: [wasOn],
      }),
      expected: [{ messageId: "changedSmsUnseen", certainty: "likely" }],
    },
    {
      name: "UK number changed: no US/CA verification step",
      input: input(snapshot({ phoneNumber: "+44 20 7946 0999", sms: smsOff }), {
        history: [snapshot({ observedAt: at(-5), phoneNumber: "+44 20 7946 0018" })],
      }),
      expected: [{ messageId: "changed", steps: ["reenableSms", "relogin"] }],
    },
    {
      name: "no history and SMS off: only a possible cause",
      input: input(snapshot({ sms: smsOff })),
      expected: [{ messageId: "mayHaveChanged", certainty: "possible" }],
    },
  ],
});
