import { verificationPending } from "../../src/rules/verification-pending.js";
import { at, input, record, snapshot } from "../support/builders.js";
import { ruleTester } from "../support/rule-tester.js";

const pending = { status: "pending" } as const;

ruleTester(verificationPending, {
  valid: [
    { name: "Enabled", input: input(snapshot()) },
    { name: "Disabled", input: input(snapshot({ sms: { enabled: false, status: "disabled" } })) },
    {
      name: "Pending with the switch off is a disable in progress",
      input: input(snapshot({ sms: { enabled: false, status: "pending" } })),
    },
  ],
  invalid: [
    {
      name: "pending for two hours: wait for the carriers, with the remaining time",
      input: input(snapshot({ sms: pending }), {
        history: [snapshot({ observedAt: at(0, -2), sms: pending })],
      }),
      expected: [
        {
          messageId: "pending",
          certainty: "confirmed",
          severity: "warning",
          data: { elapsed: "PT2H", stalled: false },
          steps: ["waitForCarriers"],
        },
      ],
    },
    {
      name: "pending for three days: stalled, resync then swap then support",
      input: input(snapshot({ sms: pending }), { history: [snapshot({ observedAt: at(-3), sms: pending })] }),
      expected: [
        { messageId: "stalled", data: { stalled: true }, steps: ["resync", "swapNumber", "contactSupport"] },
      ],
    },
    {
      name: "the provisioning record says STALLED",
      input: input(snapshot({ sms: pending }), {
        provisioning: record({ state: "STALLED", stage: "number" }),
      }),
      expected: [{ messageId: "stalled" }],
    },
    {
      name: "the provisioning record needs a person",
      input: input(snapshot({ sms: pending }), {
        provisioning: record({ state: "ACTION_REQUIRED", reasons: ["30034"] }),
      }),
      expected: [{ messageId: "actionRequired", severity: "blocking", data: { reasons: "30034" } }],
    },
    {
      name: "the provisioning record failed for good: contact support",
      input: input(snapshot({ sms: pending }), {
        provisioning: record({ state: "FAILED", reasons: ["campaign not eligible for resubmission"] }),
      }),
      expected: [
        {
          messageId: "failed",
          certainty: "confirmed",
          severity: "blocking",
          steps: ["contactSupport"],
          says: [
            "Carrier provisioning of +1 415-555-0134 failed for good: campaign not eligible for resubmission.",
          ],
        },
      ],
    },
    {
      name: "the carriers report it live before the console does",
      input: input(snapshot({ sms: pending }), { provisioning: record({ state: "ACTIVE" }) }),
      expected: [{ messageId: "liveButPending", severity: "info" }],
    },
  ],
});
