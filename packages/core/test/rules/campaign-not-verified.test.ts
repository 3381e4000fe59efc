import { campaignNotVerified } from "../../src/rules/campaign-not-verified.js";
import { campaign, input, snapshot, UK_NUMBER } from "../support/builders.js";
import { ruleTester } from "../support/rule-tester.js";

const errors = [
  { field: "Sample Message", message: "Include the brand name in every sample message." },
  { field: "Opt Out Keywords", message: "STOP is required." },
  { message: "The campaign description is too vague." },
];

ruleTester(campaignNotVerified, {
  valid: [
    { name: "campaign VERIFIED", input: input(snapshot()) },
    {
      name: "UK number needs no campaign",
      input: input(snapshot({ phoneNumber: UK_NUMBER }), { company: campaign("rejected") }),
    },
    {
      name: "deactivated campaign has its own rule",
      input: input(snapshot(), { company: campaign("deactivated") }),
    },
    {
      name: "+1 number outside US/CA (Jamaica)",
      input: input(snapshot({ phoneNumber: "+1 876 555 0134" }), { company: campaign("pending") }),
    },
  ],
  invalid: [
    {
      name: "rejected with errors on several fields: one fix per error, then re-submit",
      input: input(snapshot(), { company: campaign("rejected", errors) }),
      expected: [
        {
          messageId: "rejected",
          certainty: "confirmed",
          severity: "blocking",
          data: { errorCount: 3 },
          steps: ["fixField", "fixField", "fixGeneral", "resubmit"],
        },
      ],
    },
    {
      name: "an error shown without a full stop and its advice read as two sentences",
      input: input(snapshot(), {
        company: campaign("rejected", [
          { field: "Sample Message", message: "Sample messages must include the brand name" },
          { message: "  Description is too vague  " },
        ]),
      }),
      expected: [
        {
          messageId: "rejected",
          steps: ["fixField", "fixGeneral", "resubmit"],
          says: [
            'In "Sample Message": Sample messages must include the brand name. Give realistic messages that name the brand',
            /^Description is too vague\.$/m,
          ],
          neverSays: ["brand name Give"],
        },
      ],
    },
    {
      name: "company never observed: possible, look for VERIFIED",
      input: { now: "2026-05-10T12:00:00Z", current: snapshot() },
      expected: [
        {
          messageId: "notObserved",
          certainty: "possible",
          steps: ["openSmsPage", "ifVerifiedCheckUser", "ifNotVerifiedFixErrors"],
        },
      ],
    },
    {
      name: "pending review",
      input: input(snapshot(), { company: campaign("pending") }),
      expected: [{ messageId: "pending" }],
    },
    {
      name: "not registered",
      input: input(snapshot(), { company: campaign("not-registered") }),
      expected: [{ messageId: "notRegistered" }],
    },
    {
      name: "status could not be read",
      input: input(snapshot(), { company: campaign(null) }),
      expected: [{ messageId: "statusUnreadable", certainty: "possible" }],
    },
    {
      name: "Canadian number",
      input: input(snapshot({ phoneNumber: "+1 (416) 555-0134" }), { company: campaign("pending") }),
      expected: [{ messageId: "pending" }],
    },
  ],
});
