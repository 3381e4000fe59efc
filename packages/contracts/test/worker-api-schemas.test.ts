// The worker's status API schemas: requests the worker parses at its door, replies its clients parse.

import { toE164 } from "@sms-doctor/core";
import { describe, expect, it } from "vitest";
import {
  DiagnosisReplySchema,
  DiagnosisResponseSchema,
  FindingsPageSchema,
  FindingsQuerySchema,
  ListNumbersQuerySchema,
  NANP_E164,
  NanpNumberSchema,
  NumberParamsSchema,
  ObservationRequestSchema,
  TrackedNumberReplySchema,
  TrackNumberRequestSchema,
  toNanpE164,
  trackedNumberOf,
  UserHistoryQuerySchema,
  UserHistoryResponseSchema,
  UserVerdictsQuerySchema,
  UserVerdictsResponseSchema,
  WebhookParamsSchema,
} from "../src/worker-api.js";

const record = {
  number: "+16175550102",
  state: "AWAITING_NUMBER",
  since: "2026-06-01T12:00:00.000Z",
  transitions: [],
};
const tracked = { ...record, userId: "u-alice", stalled: false };
const snapshot = {
  userId: "u-alice",
  observedAt: "2026-05-01T15:00:00.000Z",
  license: "X Series - X4",
  phoneNumber: "+16175550101",
  extensionNumber: "1001",
  sms: { number: "+16175550101", enabled: true, status: "enabled" },
};

const issues = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => (result.error?.issues ?? []).map((issue) => ({ path: issue.path.join("."), message: issue.message }));

describe("NANP numbers", () => {
  it.each([
    ["+14155550100", "+14155550100"],
    ["4155550100", "+14155550100"],
    ["14155550100", "+14155550100"],
    ["(415) 555-0100", "+14155550100"],
    ["+1 415 555 0100", "+14155550100"],
    ["415.555.0100", "+14155550100"],
    ["+1 (604) 555-0199", "+16045550199"],
  ])("normalizes %j to %s", (input, e164) => {
    expect(toNanpE164(input)).toBe(e164);
    expect(NanpNumberSchema.parse(input)).toBe(e164);
  });

  it.each([
    ["", "empty"],
    ["415555010", "nine digits"],
    ["+44 20 7946 0958", "not +1"],
    ["24155550100", "eleven digits not starting with 1"],
    ["+1 015 555 0100", "area code starting with 0"],
    ["+1 115 555 0100", "area code starting with 1"],
    ["+1 415 155 0100", "exchange starting with 1"],
    ["+1 415 055 0100", "exchange starting with 0"],
    ["415-555-0100 ext 12", "letters"],
    ["415/555/0100", "slashes"],
    [`4155550100${" ".repeat(23)}`, "longer than 32 characters"],
  ])("rejects %j (%s)", (input) => {
    expect(toNanpE164(input)).toBeUndefined();
    const result = NanpNumberSchema.safeParse(input);
    expect(issues(result)).toEqual([
      { path: "", message: "expected a US or Canadian phone number such as +14155550100" },
    ]);
  });

  it("is stricter than core's toE164, which reads any country's number", () => {
    expect(toE164("+44 20 7946 0958")).toBe("+442079460958");
    expect(toNanpE164("+44 20 7946 0958")).toBeUndefined();
  });

  it("gives only numbers NANP_E164 matches, and takes each of them as it is", () => {
    for (const input of ["4155550100", "(604) 555-0199", "+1 800 555 0100"]) {
      const e164 = toNanpE164(input)!;
      expect(NANP_E164.test(e164)).toBe(true);
      expect(toNanpE164(e164)).toBe(e164);
    }
  });
});

describe("status API requests", () => {
  it("parses a valid track request, normalizing the number", () => {
    expect(
      TrackNumberRequestSchema.parse({
        number: "(617) 555-0102",
        userId: "u-alice",
        enabledAt: "2026-06-01T12:00:00Z",
      }),
    ).toEqual({ number: "+16175550102", userId: "u-alice", enabledAt: "2026-06-01T12:00:00Z" });
    expect(NumberParamsSchema.parse({ number: "16175550102" })).toEqual({ number: "+16175550102" });
  });

  it("reports a bad field by its path, and unknown fields", () => {
    expect(issues(TrackNumberRequestSchema.safeParse({ number: "+14155550100", userId: "a b" }))).toEqual([
      { path: "userId", message: "letters, digits, _ . @ or -" },
    ]);
    expect(issues(TrackNumberRequestSchema.safeParse({ number: "555" }))).toEqual([
      { path: "number", message: "expected a US or Canadian phone number such as +14155550100" },
    ]);
    const unknown = TrackNumberRequestSchema.safeParse({ number: "+14155550100", extra: 1 });
    expect(unknown.error?.issues[0]).toMatchObject({ code: "unrecognized_keys", keys: ["extra"] });
  });

  it("reports a bad snapshot field of an observation by its dotted path", () => {
    expect(ObservationRequestSchema.parse({ snapshot }).snapshot.userId).toBe("u-alice");
    const bad = ObservationRequestSchema.safeParse({ snapshot: { ...snapshot, userId: "u/alice" } });
    expect(issues(bad)).toEqual([{ path: "snapshot.userId", message: "letters, digits, _ . @ or -" }]);
    const badTime = ObservationRequestSchema.safeParse({
      snapshot: { ...snapshot, observedAt: "yesterday" },
    });
    expect(issues(badTime)[0]?.path).toBe("snapshot.observedAt");
  });

  it("coerces and bounds query strings", () => {
    expect(ListNumbersQuerySchema.parse({})).toEqual({ limit: 100 });
    expect(ListNumbersQuerySchema.parse({ limit: "5", cursor: "42", state: "ACTIVE" })).toEqual({
      limit: 5,
      cursor: "42",
      state: "ACTIVE",
    });
    expect(issues(ListNumbersQuerySchema.safeParse({ cursor: "abc" }))).toEqual([
      { path: "cursor", message: "a cursor from a previous page" },
    ]);
    expect(UserHistoryQuerySchema.parse({})).toEqual({ limit: 20 });
    expect(UserHistoryQuerySchema.safeParse({ limit: "51" }).success).toBe(false);
    expect(UserVerdictsQuerySchema.parse({ userIds: "u-1,,u-2" })).toEqual({ userIds: ["u-1", "u-2"] });
    expect(UserVerdictsQuerySchema.safeParse({ userIds: "" }).success).toBe(false);
    const tooMany = Array.from({ length: 201 }, (_, i) => `u-${i}`).join(",");
    expect(UserVerdictsQuerySchema.safeParse({ userIds: tooMany }).success).toBe(false);
    expect(FindingsQuerySchema.parse({ limit: "5", since: "2026-06-01T12:00:00Z" })).toEqual({
      limit: 5,
      since: "2026-06-01T12:00:00Z",
    });
    expect(issues(FindingsQuerySchema.safeParse({ since: "2026-02-30T12:00:00Z" }))[0]?.path).toBe("since");
    expect(issues(FindingsQuerySchema.safeParse({ cursor: "next" }))).toEqual([
      { path: "cursor", message: "a nextCursor from a previous page" },
    ]);
  });

  it("takes a webhook's provider from its path only in its plain form", () => {
    expect(WebhookParamsSchema.parse({ provider: "telnyx" })).toEqual({ provider: "telnyx" });
    for (const provider of ["", "Telnyx", "../admin", "x".repeat(33)]) {
      expect(issues(WebhookParamsSchema.safeParse({ provider }))[0]?.path).toBe("provider");
    }
  });
});

describe("status API replies", () => {
  it("reads a page of finding alerts, and names a bad alert's field", () => {
    const finding = {
      ruleId: "phone-number-changed",
      certainty: "confirmed",
      severity: "blocking",
      messageId: "changed",
      data: { before: "+16175550102", after: "+16175550101" },
      evidence: [
        {
          field: "phoneNumber",
          before: "+16175550102",
          after: "+16175550101",
          observedAt: snapshot.observedAt,
        },
      ],
      resolution: { steps: [{ messageId: "reenableSms", data: { number: "+16175550101" } }], actor: "admin" },
    };
    const alert = {
      id: "acme.u-alice.phone-number-changed.1",
      type: "finding.new",
      tenant: "acme",
      userId: "u-alice",
      detectedAt: snapshot.observedAt,
      verdict: "cannot-send",
      finding,
      title: "The user's phone number was changed",
      explanation: "SMS was on for +16175550102, then the phone number was changed to +16175550101.",
      steps: ["Open the user in Admin Console > Users."],
    };
    expect(FindingsPageSchema.parse({ items: [alert], nextCursor: "1-0" }).items[0]).toEqual(alert);
    const bad = FindingsPageSchema.safeParse({ items: [{ ...alert, verdict: "fine" }] });
    expect(issues(bad).map((i) => i.path)).toEqual(["items.0.verdict"]);
  });

  it("reads a tracking record bare or wrapped as { record }", () => {
    expect(trackedNumberOf(TrackedNumberReplySchema.parse(tracked))).toEqual(tracked);
    expect(trackedNumberOf(TrackedNumberReplySchema.parse({ record: tracked }))).toEqual(tracked);
    expect(TrackedNumberReplySchema.safeParse({ ...tracked, state: "SOMEWHERE" }).success).toBe(false);
  });

  it("reads diagnoses, history and verdicts as the worker sends them", () => {
    const diagnosis = { verdict: "pending", findings: [] };
    expect(DiagnosisResponseSchema.parse({ diagnosis, provisioning: tracked }).provisioning).toEqual(tracked);
    expect(DiagnosisReplySchema.parse({ ...diagnosis, provisioning: null }).provisioning).toBeNull();
    expect(
      UserHistoryResponseSchema.parse({ userId: "u-alice", items: [{ ...snapshot, source: "console" }] })
        .items,
    ).toHaveLength(1);
    // The shared history always says which source saw each snapshot.
    expect(
      issues(UserHistoryResponseSchema.safeParse({ userId: "u-alice", items: [snapshot] }))[0]?.path,
    ).toBe("items.0.source");
    expect(UserVerdictsResponseSchema.parse({ verdicts: { "u-bob": "cannot-send" } })).toEqual({
      verdicts: { "u-bob": "cannot-send" },
    });
    expect(UserVerdictsResponseSchema.safeParse({ verdicts: { "u-bob": "maybe" } }).success).toBe(false);
  });
});
