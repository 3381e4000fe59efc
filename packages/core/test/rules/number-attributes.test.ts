import { numberNotPortedYet } from "../../src/rules/number-not-ported-yet.js";
import { serviceExtension } from "../../src/rules/service-extension.js";
import { tollFreeNumber } from "../../src/rules/toll-free-number.js";
import { virtualNumber } from "../../src/rules/virtual-number.js";
import { at, input, snapshot } from "../support/builders.js";
import { ruleTester } from "../support/rule-tester.js";

ruleTester(tollFreeNumber, {
  valid: [
    { name: "local number", input: input(snapshot()) },
    { name: "local category", input: input(snapshot({ numberCategory: "local" })) },
  ],
  invalid: [
    {
      name: "an 8YY number even without its category",
      input: input(snapshot({ phoneNumber: "1-888-555-0100" })),
      expected: [{ messageId: "tollFree", data: { number: "+18885550100" } }],
    },
    {
      name: "category toll-free",
      input: input(snapshot({ numberCategory: "toll-free" })),
      expected: [{ messageId: "tollFree" }],
    },
    {
      name: "category known only from an earlier Administration API snapshot of the same number",
      input: input(snapshot(), {
        history: [
          snapshot({ observedAt: at(-2), numberCategory: "toll-free", sms: null, source: "admin-api" }),
        ],
      }),
      expected: [{ messageId: "tollFree" }],
    },
  ],
});

ruleTester(virtualNumber, {
  valid: [
    { name: "local number", input: input(snapshot({ numberCategory: "local" })) },
    {
      name: "an earlier number was virtual; the new one's category is not known",
      input: input(snapshot(), {
        history: [
          snapshot({ observedAt: at(-2), phoneNumber: "+1 212 555 0100", numberCategory: "virtual" }),
        ],
      }),
    },
  ],
  invalid: [
    {
      name: "virtual",
      input: input(snapshot({ numberCategory: "virtual" })),
      expected: [{ messageId: "virtual" }],
    },
  ],
});

ruleTester(numberNotPortedYet, {
  valid: [
    { name: "assigned", input: input(snapshot({ numberStatus: "assigned" })) },
    { name: "status unknown", input: input(snapshot()) },
  ],
  invalid: [
    {
      name: "porting",
      input: input(snapshot({ numberStatus: "porting" })),
      expected: [{ messageId: "porting", data: { status: "porting" } }],
    },
    {
      name: "pre-porting",
      input: input(snapshot({ numberStatus: "pre-porting" })),
      expected: [{ messageId: "porting" }],
    },
    {
      name: "temporary",
      input: input(snapshot({ numberStatus: "temporary" })),
      expected: [{ messageId: "temporary" }],
    },
  ],
});

ruleTester(serviceExtension, {
  valid: [
    { name: "user extension", input: input(snapshot({ extensionType: "user" })) },
    { name: "type unknown", input: input(snapshot()) },
  ],
  invalid: [
    {
      name: "auto attendant",
      input: input(snapshot({ extensionType: "auto-attendant" })),
      expected: [{ messageId: "serviceExtension", data: { kind: "Auto Attendant" } }],
    },
    {
      name: "call queue",
      input: input(snapshot({ extensionType: "call-queue" })),
      expected: [{ messageId: "serviceExtension", data: { kind: "Call Queue" } }],
    },
    {
      name: "ring group",
      input: input(snapshot({ extensionType: "ring-group" })),
      expected: [{ messageId: "serviceExtension" }],
    },
    {
      name: "kind known only from an earlier Administration API snapshot, even of another number (it is the user's)",
      input: input(snapshot(), {
        history: [
          snapshot({
            observedAt: at(-2),
            phoneNumber: "+1 212 555 0100",
            extensionType: "call-queue",
            sms: null,
            source: "admin-api",
          }),
        ],
      }),
      expected: [{ messageId: "serviceExtension", data: { kind: "Call Queue" } }],
    },
  ],
});
