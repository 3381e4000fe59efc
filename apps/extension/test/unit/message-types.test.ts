// @vitest-environment node
// The content script sends core's message types (it imports them as types only; it must not carry zod) and the
// background parses them with core's schemas; every message has its reply type in messages.ts.
import type { ContentMessage, ExtensionPageMessage } from "@sms-doctor/core";
import { ContentMessageSchema } from "@sms-doctor/core";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { ReplyFor } from "../../src/messaging/messages";

describe("messages and their replies", () => {
  it("every message has a reply type, and every reply a message", () => {
    expectTypeOf<keyof ReplyFor>().toEqualTypeOf<(ContentMessage | ExtensionPageMessage)["type"]>();
  });

  it("a message the content script builds parses", () => {
    const message: ContentMessage = {
      type: "page-unreadable",
      page: "sms-page",
      unreadable: [{ field: "brandStatus", reason: 'the "Brand" section is not on the page' }],
    };
    expect(ContentMessageSchema.parse(message)).toEqual(message);
  });
});
