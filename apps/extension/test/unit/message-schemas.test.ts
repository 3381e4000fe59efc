// What the extension's content scripts and own pages tell its background, parsed there with these schemas.

import type { CompanySmsRegistration, UserSnapshot } from "@sms-doctor/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type ContentMessage,
  ContentMessageSchema,
  describeIssues,
  ExtensionPageMessageSchema,
} from "../../src/messaging/message-schemas.js";

const snapshot = (): UserSnapshot => ({
  userId: "u-1",
  observedAt: "2026-05-10T11:00:00.000Z",
  license: "X Series - X4",
  phoneNumber: "+14155550134",
  sms: { number: "+14155550134", enabled: true, status: "enabled" },
});
const company = (): CompanySmsRegistration => ({
  observedAt: "2026-05-10T11:00:00.000Z",
  brand: { status: "verified" },
  campaign: { status: "verified", errors: [] },
});

const issues = (result: { success: boolean; error?: z.ZodError }) =>
  (result.error?.issues ?? []).map((issue) => issue.path.join("."));

describe("ContentMessageSchema", () => {
  it("parses every message a content script sends", () => {
    const messages: ContentMessage[] = [
      { type: "user-page-read", snapshot: snapshot() },
      { type: "sms-page-read", registration: company() },
      {
        type: "page-unreadable",
        page: "user-page",
        unreadable: [{ field: "smsStatus", reason: 'no "Status" field in the "SMS" section' }],
      },
      { type: "page-shown", page: "users-list" },
      { type: "page-shown", page: null },
      { type: "users-list-verdicts", userIds: ["u-alice", "u-bob"] },
    ];
    for (const message of messages) expect(ContentMessageSchema.parse(message)).toEqual(message);
  });

  it("refuses a message of an unknown type, or with no type", () => {
    const unknown = ContentMessageSchema.safeParse({ type: "delete-user", userId: "u-alice" });
    expect(issues(unknown)).toEqual(["type"]);
    expect(issues(ContentMessageSchema.safeParse({ snapshot: snapshot() }))).toEqual(["type"]);
    expect(ContentMessageSchema.safeParse("user-page-read").success).toBe(false);
  });

  it("refuses a bad field and names its path", () => {
    const badStatus = { ...snapshot(), sms: { ...snapshot().sms, status: "jammed" } };
    expect(issues(ContentMessageSchema.safeParse({ type: "user-page-read", snapshot: badStatus }))).toEqual([
      "snapshot.sms.status",
    ]);
    const badField = {
      type: "page-unreadable",
      page: "sms-page",
      unreadable: [{ field: "password", reason: "not on the page" }],
    };
    expect(issues(ContentMessageSchema.safeParse(badField))).toEqual(["unreadable.0.field"]);
    expect(issues(ContentMessageSchema.safeParse({ type: "page-shown", page: "billing" }))).toEqual(["page"]);
  });

  it("bounds what an untrusted page can make the background hold", () => {
    const manyIds = {
      type: "users-list-verdicts",
      userIds: Array.from({ length: 1001 }, (_, i) => `u-${i}`),
    };
    expect(issues(ContentMessageSchema.safeParse(manyIds))).toEqual(["userIds"]);
    expect(issues(ContentMessageSchema.safeParse({ type: "users-list-verdicts", userIds: [""] }))).toEqual([
      "userIds.0",
    ]);
    const longReason = {
      type: "page-unreadable",
      page: "user-page",
      unreadable: [{ field: "license", reason: "x".repeat(501) }],
    };
    expect(issues(ContentMessageSchema.safeParse(longReason))).toEqual(["unreadable.0.reason"]);
    const manyUnreadable = {
      type: "page-unreadable",
      page: "user-page",
      unreadable: Array.from({ length: 21 }, () => ({ field: "license", reason: "gone" })),
    };
    expect(issues(ContentMessageSchema.safeParse(manyUnreadable))).toEqual(["unreadable"]);
  });
});

describe("ExtensionPageMessageSchema", () => {
  it("parses a tab-status request and refuses a bad tab id or another type", () => {
    expect(ExtensionPageMessageSchema.parse({ type: "tab-status", tabId: 7 })).toEqual({
      type: "tab-status",
      tabId: 7,
    });
    expect(issues(ExtensionPageMessageSchema.safeParse({ type: "tab-status", tabId: -1 }))).toEqual([
      "tabId",
    ]);
    expect(issues(ExtensionPageMessageSchema.safeParse({ type: "tab-status", tabId: 1.5 }))).toEqual([
      "tabId",
    ]);
    expect(issues(ExtensionPageMessageSchema.safeParse({ type: "user-page-read" }))).toEqual(["type"]);
  });
});

describe("describeIssues", () => {
  it("puts the first five issues on one line with their paths", () => {
    const result = ContentMessageSchema.safeParse({
      type: "user-page-read",
      snapshot: { ...snapshot(), sms: { ...snapshot().sms, status: "jammed" } },
    });
    expect(result.success).toBe(false);
    expect(describeIssues(result.error!)).toMatch(/^snapshot\.sms\.status: /);
    const many = z.array(z.string()).safeParse([1, 2, 3, 4, 5, 6, 7]);
    expect(describeIssues(many.error!).split("; ")).toHaveLength(5);
  });

  it("says (message) when the message itself is wrong", () => {
    expect(describeIssues(ContentMessageSchema.safeParse(42).error!)).toMatch(/^\(message\): /);
  });
});
