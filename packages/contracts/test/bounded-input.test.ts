// What one caller can send the worker's API is bounded: user ids, instants and cursors. A caller that sends
// more gets an error naming the field.
import { TEXT_LIMITS, UserSnapshotSchema } from "@sms-doctor/core";
import { describe, expect, it } from "vitest";
import {
  FindingsQuerySchema,
  ListNumbersQuerySchema,
  TrackNumberRequestSchema,
  UserIdSchema,
} from "../src/worker-api.js";

describe("the API's user ids", () => {
  it("take their bound from the same limit as the snapshot's", () => {
    const snapshot = {
      userId: "u1",
      observedAt: "2026-05-01T12:00:00Z",
      license: "X Series - X4",
      phoneNumber: "+1 (415) 555-0142",
      sms: { number: "+14155550142", enabled: true, status: "pending" as const },
    };
    const longest = "u".repeat(TEXT_LIMITS.userId);
    expect(UserIdSchema.safeParse(longest).success).toBe(true);
    expect(UserSnapshotSchema.safeParse({ ...snapshot, userId: longest }).success).toBe(true);
    expect(UserIdSchema.safeParse(`${longest}u`).success).toBe(false);
  });
});

describe("instants are bounded to the epoch .. year 9999", () => {
  it.each([
    ["1969-12-31T23:59:59Z", false],
    ["1970-01-01T00:30:00+01:00", false],
    ["1970-01-01T00:00:00Z", true],
    ["1970-01-01T00:00:00-01:00", true],
    ["9999-12-31T23:59:59.999Z", true],
    ["9999-12-31T23:59:59-23:59", false],
    ["2026-05-01T12:00:00Z", true],
  ])("%s → %s", (instant, ok) => {
    expect(TrackNumberRequestSchema.safeParse({ number: "+14155550100", enabledAt: instant }).success).toBe(
      ok,
    );
    expect(FindingsQuerySchema.safeParse({ since: instant }).success).toBe(ok);
  });
});

describe("record cursors are what Redis's SCAN takes", () => {
  it("refuses a cursor past 2^64 - 1 naming the field, and takes the largest one", () => {
    const parsed = ListNumbersQuerySchema.safeParse({ cursor: "18446744073709551616" });
    expect(parsed.error?.issues[0]?.path).toEqual(["cursor"]);
    expect(ListNumbersQuerySchema.safeParse({ cursor: "18446744073709551615" }).success).toBe(true);
    expect(ListNumbersQuerySchema.safeParse({ cursor: "0".repeat(21) }).success).toBe(false);
  });
});
