import { licenseWithoutSms } from "../../src/rules/license-without-sms.js";
import { input, snapshot } from "../support/builders.js";
import { ruleTester } from "../support/rule-tester.js";

ruleTester(licenseWithoutSms, {
  valid: [
    { name: "X4", input: input(snapshot()) },
    { name: "X2 with a product code", input: input(snapshot({ license: "X Series - X2-VOSVC0216-02-US" })) },
    {
      name: "a call queue has no license by nature",
      input: input(snapshot({ license: null, extensionType: "call-queue" })),
    },
    {
      name: "a license name we cannot read is not guessed",
      input: input(snapshot({ license: "Virtual Office Pro" })),
    },
  ],
  invalid: [
    {
      name: "no license",
      input: input(snapshot({ license: null })),
      expected: [{ messageId: "noLicense", certainty: "confirmed" }],
    },
    {
      name: "Basic",
      input: input(snapshot({ license: "X Series - Basic" })),
      expected: [{ messageId: "noSmsInLicense", data: { license: "X Series - Basic" } }],
    },
    {
      name: "Lobby",
      input: input(snapshot({ license: "Lobby" })),
      expected: [{ messageId: "noSmsInLicense" }],
    },
    {
      name: "X1",
      input: input(snapshot({ license: "X Series - X1" })),
      expected: [{ messageId: "noSmsInLicense" }],
    },
  ],
});
