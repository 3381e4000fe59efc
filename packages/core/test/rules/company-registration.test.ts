import { brandNotVerified } from "../../src/rules/brand-not-verified.js";
import { campaignDeactivated } from "../../src/rules/campaign-deactivated.js";
import { campaignNumberLimit } from "../../src/rules/campaign-number-limit.js";
import { campaign, company, input, smsOff, snapshot, UK_NUMBER } from "../support/builders.js";
import { ruleTester } from "../support/rule-tester.js";

ruleTester(brandNotVerified, {
  valid: [
    { name: "verified brand", input: input(snapshot()) },
    {
      name: "brand status unreadable",
      input: input(snapshot(), { company: company({ brand: { status: null } }) }),
    },
    {
      name: "UK user",
      input: input(snapshot({ phoneNumber: UK_NUMBER }), {
        company: company({ brand: { status: "failed" } }),
      }),
    },
  ],
  invalid: [
    {
      name: "pending brand (2FA) blocks the campaign",
      input: input(snapshot(), {
        company: company({ brand: { status: "pending" }, campaign: { status: "pending", errors: [] } }),
      }),
      expected: [{ messageId: "pending", severity: "blocking", steps: ["answer2fa"] }],
    },
    {
      name: "failed brand: check tax details and re-submit",
      input: input(snapshot(), {
        company: company({ brand: { status: "failed" }, campaign: { status: "not-registered", errors: [] } }),
      }),
      expected: [{ messageId: "failed", steps: ["checkTaxDetails", "resubmitBrand"] }],
    },
    {
      name: "unverified brand beside a verified campaign is only a warning",
      input: input(snapshot(), { company: company({ brand: { status: "unverified" } }) }),
      expected: [{ messageId: "unverified", severity: "warning" }],
    },
  ],
});

ruleTester(campaignDeactivated, {
  valid: [
    { name: "verified", input: input(snapshot()) },
    {
      name: "UK user",
      input: input(snapshot({ phoneNumber: UK_NUMBER }), { company: campaign("deactivated") }),
    },
  ],
  invalid: [
    {
      name: "deactivated",
      input: input(snapshot({ sms: smsOff }), { company: campaign("deactivated") }),
      expected: [
        { messageId: "deactivated", certainty: "confirmed", steps: ["registerNew", "reenableNumbers"] },
      ],
    },
  ],
});

const numbers = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    number: `+1415555${String(1000 + i)}`,
    status: "enabled" as const,
  }));

ruleTester(campaignNumberLimit, {
  valid: [
    {
      name: "under the limit",
      input: input(snapshot(), { company: company({ enabledNumbers: numbers(10) }) }),
    },
    {
      name: "at the limit, user already on",
      input: input(snapshot(), { company: company({ enabledNumbers: numbers(48) }) }),
    },
    { name: "no list seen", input: input(snapshot({ sms: smsOff })) },
  ],
  invalid: [
    {
      name: "over the default 48",
      input: input(snapshot(), { company: company({ enabledNumbers: numbers(49) }) }),
      expected: [{ messageId: "overLimit", data: { count: 49, limit: 48 } }],
    },
    {
      name: "at a raised limit with the user's SMS off",
      input: input(snapshot({ sms: smsOff }), {
        company: company({ enabledNumbers: numbers(60), numberLimit: 60 }),
      }),
      expected: [{ messageId: "atLimit", data: { count: 60, limit: 60 } }],
    },
    {
      name: "the carriers refused this user's number because the campaign is full",
      input: input(snapshot({ sms: { status: "enabling-failed" } }), {
        company: company({ enabledNumbers: numbers(48) }),
      }),
      expected: [
        {
          messageId: "refusedAtLimit",
          severity: "blocking",
          certainty: "confirmed",
          steps: ["removeUnused", "askForMore", "reenableAfter"],
        },
      ],
    },
  ],
});
