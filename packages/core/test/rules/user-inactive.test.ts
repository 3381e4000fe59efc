import { userInactive } from "../../src/rules/user-inactive.js";
import { input, snapshot } from "../support/builders.js";
import { ruleTester } from "../support/rule-tester.js";

ruleTester(userInactive, {
  valid: [
    { name: "status not shown (the console page)", input: input(snapshot()) },
    {
      name: "active, as the Administration API shows it",
      input: input(snapshot({ userStatus: "active", sms: null, source: "admin-api" })),
    },
  ],
  invalid: [
    {
      name: "inactive, read from the Administration API (no SMS state)",
      input: input(snapshot({ userStatus: "inactive", sms: null, source: "admin-api" })),
      expected: [{ messageId: "inactive" }],
    },
    {
      name: "inactive even with SMS shown Enabled",
      input: input(snapshot({ userStatus: "inactive" })),
      expected: [{ messageId: "inactive" }],
    },
  ],
});
