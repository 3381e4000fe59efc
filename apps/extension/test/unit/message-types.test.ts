// @vitest-environment node
// The content script sends the message types of messaging/message-schemas.ts (imported as types only, which the
// build erases: it must not carry zod) and the background parses them with those schemas; every message has its
// reply type in messages.ts.
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type ContentMessage,
  ContentMessageSchema,
  type ExtensionPageMessage,
} from "../../src/messaging/message-schemas";
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
