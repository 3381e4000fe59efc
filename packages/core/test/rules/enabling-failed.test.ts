import { enablingFailed } from "../../src/rules/enabling-failed.js";
import { input, snapshot, UK_NUMBER } from "../support/builders.js";
import { ruleTester } from "../support/rule-tester.js";

ruleTester(enablingFailed, {
  valid: [
    { name: "Enabled", input: input(snapshot()) },
    {
      name: "Disabling Failed is another status",
      input: input(snapshot({ sms: { status: "disabling-failed" } })),
    },
  ],
  invalid: [
    {
      name: "US number: check the campaign first",
      input: input(snapshot({ sms: { status: "enabling-failed" } })),
      expected: [
        { messageId: "failed", certainty: "confirmed", steps: ["checkCampaign", "retry", "contactSupport"] },
      ],
    },
    {
      name: "UK number: no campaign step",
      input: input(snapshot({ phoneNumber: UK_NUMBER, sms: { status: "enabling-failed" } })),
      expected: [{ messageId: "failed", steps: ["retry", "contactSupport"] }],
    },
  ],
});
