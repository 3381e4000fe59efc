import { reloginRequired } from "../../src/rules/relogin-required.js";
import { smsNumberNotPrimary } from "../../src/rules/sms-number-not-primary.js";
import { unsupportedRegion } from "../../src/rules/unsupported-region.js";
import { at, input, record, snapshot, UK_NUMBER, US_NUMBER, US_NUMBER_2 } from "../support/builders.js";
import { ruleTester } from "../support/rule-tester.js";

ruleTester(smsNumberNotPrimary, {
  valid: [
    { name: "SMS on the phone number", input: input(snapshot()) },
    { name: "same number, other format", input: input(snapshot({ sms: { number: "4155550134" } })) },
    {
      name: "SMS off for another number",
      input: input(snapshot({ sms: { number: US_NUMBER_2, enabled: false, status: "disabled" } })),
    },
  ],
  invalid: [
    {
      name: "SMS on for another number",
      input: input(snapshot({ sms: { number: US_NUMBER_2 } })),
      expected: [
        {
          messageId: "notPrimary",
          certainty: "likely",
          data: { smsNumber: "+14155550199", phoneNumber: "+14155550134" },
        },
      ],
    },
  ],
});

ruleTester(unsupportedRegion, {
  valid: [
    { name: "US", input: input(snapshot()) },
    { name: "Canada", input: input(snapshot({ phoneNumber: "+1 604 555 0134" })) },
    {
      name: "no number",
      input: input(snapshot({ phoneNumber: null, sms: { number: null, enabled: false, status: null } })),
    },
  ],
  invalid: [
    {
      name: "UK",
      input: input(snapshot({ phoneNumber: UK_NUMBER })),
      expected: [{ messageId: "unsupported", data: { region: "GB" } }],
    },
    {
      name: "+1 outside US/CA (Jamaica)",
      input: input(snapshot({ phoneNumber: "+1 876 555 0134" })),
      expected: [{ messageId: "unsupported", data: { region: "JM" } }],
    },
  ],
});

ruleTester(reloginRequired, {
  valid: [
    { name: "Enabled for a week", input: input(snapshot(), { history: [snapshot({ observedAt: at(-7) })] }) },
    { name: "no history", input: input(snapshot()) },
    {
      name: "turned on two days ago, seen Enabled since",
      input: input(snapshot(), {
        history: [
          snapshot({ observedAt: at(-3), sms: { enabled: false, status: "disabled" } }),
          snapshot({ observedAt: at(-2) }),
          snapshot({ observedAt: at(0, -5) }),
        ],
      }),
    },
    {
      name: "still Pending",
      input: input(snapshot({ sms: { status: "pending" } }), {
        history: [snapshot({ observedAt: at(-1), sms: { enabled: false, status: null } })],
      }),
    },
  ],
  invalid: [
    {
      name: "Pending an hour ago, Enabled now",
      input: input(snapshot(), {
        history: [snapshot({ observedAt: at(0, -2), sms: { status: "pending" } })],
      }),
      expected: [
        {
          messageId: "recentlyEnabled",
          certainty: "possible",
          severity: "info",
          data: { number: "+14155550134" },
        },
      ],
    },
    {
      name: "turned on this morning, seen Enabled twice since",
      input: input(snapshot(), {
        history: [
          snapshot({
            observedAt: at(-1, -2),
            license: "X Series - X6",
            sms: { enabled: false, status: "disabled" },
          }),
          snapshot({ observedAt: at(0, -6) }),
          snapshot({ observedAt: at(0, -3) }),
        ],
      }),
      expected: [{ messageId: "recentlyEnabled" }],
    },
    {
      name: "the carriers put it live this morning",
      input: input(snapshot({ phoneNumber: US_NUMBER }), {
        provisioning: record({
          state: "ACTIVE",
          transitions: [{ from: "AWAITING_NUMBER", to: "ACTIVE", at: at(0, -3), cause: "number approved" }],
        }),
      }),
      expected: [{ messageId: "recentlyEnabled" }],
    },
  ],
});
