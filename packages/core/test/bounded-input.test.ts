// What one caller can send is bounded: every text of an observation, every instant and every cursor.
// A caller that sends more gets an error naming the field, never a megabyte kept in a memo.
import { describe, expect, it } from "vitest";
import {
  boundedRegistration,
  boundedSnapshot,
  CompanySmsRegistrationSchema,
  DiagnosisInputError,
  diagnose,
  formatFinding,
  isCompanySmsRegistration,
  isUserSnapshot,
  TEXT_LIMITS,
  UnknownFindingError,
  UserSnapshotSchema,
} from "../src/index.js";

const snapshot = {
  userId: "u1",
  observedAt: "2026-05-01T12:00:00Z",
  license: "X Series - X4",
  phoneNumber: "+1 (415) 555-0142",
  sms: { number: "+14155550142", enabled: true, status: "pending" as const },
};
const registration = {
  observedAt: "2026-05-01T11:00:00Z",
  brand: { status: "verified" as const },
  campaign: { status: "rejected" as const, errors: [{ field: "Sample message", message: "too short" }] },
};

describe("observed text is bounded to what a console shows", () => {
  const tooLong = {
    userId: "u".repeat(TEXT_LIMITS.userId + 1),
    license: "X".repeat(1024 * 1024),
    phoneNumber: "4".repeat(TEXT_LIMITS.phoneNumber + 1),
    displayName: "n".repeat(TEXT_LIMITS.name + 1),
    email: "e".repeat(TEXT_LIMITS.email + 1),
    site: "s".repeat(TEXT_LIMITS.name + 1),
    extensionNumber: "1".repeat(TEXT_LIMITS.name + 1),
  };
  it.each(Object.entries(tooLong))(
    "refuses a snapshot whose %s is too long, and the guard agrees",
    (field, value) => {
      const bad = { ...snapshot, [field]: value };
      const parsed = UserSnapshotSchema.safeParse(bad);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual([field]);
      expect(isUserSnapshot(bad)).toBe(false);
      expect(() => diagnose({ now: snapshot.observedAt, current: bad })).toThrow(DiagnosisInputError);
      // At the limit it is accepted, by both.
      const limit =
        field === "email"
          ? TEXT_LIMITS.email
          : field === "userId"
            ? TEXT_LIMITS.userId
            : field === "phoneNumber"
              ? TEXT_LIMITS.phoneNumber
              : TEXT_LIMITS.name;
      const atLimit = { ...snapshot, [field]: value.slice(0, limit) };
      expect(UserSnapshotSchema.safeParse(atLimit).success).toBe(true);
      expect(isUserSnapshot(atLimit)).toBe(true);
    },
  );

  it("refuses a registration error message of a megabyte, naming the field, and the guard agrees", () => {
    const bad = {
      ...registration,
      campaign: {
        status: "rejected",
        errors: [{ field: "Sample message", message: "m".repeat(1024 * 1024) }],
      },
    };
    const parsed = CompanySmsRegistrationSchema.safeParse(bad);
    expect(parsed.error?.issues[0]?.path).toEqual(["campaign", "errors", 0, "message"]);
    expect(isCompanySmsRegistration(bad)).toBe(false);
    expect(isCompanySmsRegistration(registration)).toBe(true);
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
    expect(isUserSnapshot({ ...snapshot, observedAt: instant })).toBe(ok);
  });
});

describe("formatFinding and findings from a newer worker", () => {
  const [finding] = diagnose({
    now: "2026-05-01T12:00:00Z",
    current: snapshot,
    company: registration,
  }).findings;

  it("formats a finding it knows", () => {
    expect(finding).toBeDefined();
    expect(formatFinding(finding!).title.length).toBeGreaterThan(0);
  });

  it.each([
    ["ruleId", { ruleId: "rule-from-the-future" }],
    ["messageId", { messageId: "message-from-the-future" }],
    ["messageId", { messageId: "toString" }],
    ["messageId", { messageId: "constructor" }],
  ])("refuses an unknown %s with UnknownFindingError", (field, change) => {
    const error = (() => {
      try {
        formatFinding({ ...finding!, ...change });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(UnknownFindingError);
    expect(error).toMatchObject({ code: "unknown-finding", field });
  });

  it("refuses an unknown step messageId, naming the step", () => {
    const bad = {
      ...finding!,
      resolution: { ...finding!.resolution, steps: [{ messageId: "__proto__", data: {} }] },
    };
    expect(() => formatFinding(bad)).toThrow(UnknownFindingError);
    expect(() => formatFinding(bad)).toThrow(/resolution\.steps\.0\.messageId/);
  });
});

describe("bounding outside text before it is sent on", () => {
  it("cuts every text of a snapshot and a registration to its limit, and the schemas then accept them", () => {
    const long = "x".repeat(100_000);
    const cut = boundedSnapshot({
      ...snapshot,
      license: long,
      phoneNumber: long,
      displayName: long,
      email: long,
      site: long,
      extensionNumber: long,
      sms: { number: long, enabled: true, status: "pending" },
    });
    expect(UserSnapshotSchema.safeParse(cut).success).toBe(true);
    expect(cut.license).toHaveLength(TEXT_LIMITS.name);
    expect(cut.userId).toBe(snapshot.userId);
    const registrationCut = boundedRegistration({
      ...registration,
      campaign: {
        status: "rejected",
        errors: Array.from({ length: 500 }, () => ({ field: long, message: long })),
      },
      enabledNumbers: Array.from({ length: 30_000 }, () => ({ number: long, status: "enabled" as const })),
    });
    expect(CompanySmsRegistrationSchema.safeParse(registrationCut).success).toBe(true);
  });
});
