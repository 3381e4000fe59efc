// @vitest-environment node
// The content script speaks in messaging/messages.ts's types (it must not carry zod); the background parses with
// core's schemas. Both must describe the same messages: `pnpm typecheck` fails when they drift apart.

import { describe, expect, expectTypeOf, it } from "vitest";
import type { ReadableField, Unreadable } from "../../src/console/reading";
import type { PageId } from "../../src/console/routes";
import type {
  ConsolePageId,
  ContentMessage as ParsedContentMessage,
  ExtensionPageMessage as ParsedExtensionPageMessage,
  ReadableField as ParsedReadableField,
  UnreadableField,
} from "../../src/messaging/message-schemas.js";
import { ContentMessageSchema } from "../../src/messaging/message-schemas.js";
import type { ContentMessage, ExtensionPageMessage } from "../../src/messaging/messages";

describe("message types and core's message schemas", () => {
  it("describe the same messages", () => {
    expectTypeOf<ContentMessage>().toEqualTypeOf<ParsedContentMessage>();
    expectTypeOf<ExtensionPageMessage>().toEqualTypeOf<ParsedExtensionPageMessage>();
    expectTypeOf<PageId>().toEqualTypeOf<ConsolePageId>();
    expectTypeOf<ReadableField>().toEqualTypeOf<ParsedReadableField>();
    expectTypeOf<Unreadable>().toEqualTypeOf<UnreadableField>();
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
