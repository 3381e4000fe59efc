import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyElapsedTime,
  applyObservation,
  cancelTracking,
  classifyFailure,
  expectedRemaining,
  foldCarrierReviews,
  isFinal,
  mapProviderStatus,
  nextCheckAt,
  observeProviderStatus,
  type ProvisioningObservation,
  type ProvisioningRecord,
  ProvisioningRecordSchema,
  startTracking,
} from "../src/index.js";

const T0 = "2026-05-04T09:00:00Z"; // a Monday
const plus = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const telnyx = (record: ProvisioningRecord, entity: string, value: string, minutes: number) =>
  observeProviderStatus(
    record,
    { provider: "telnyx", entity, value, observedAt: plus(minutes) },
    plus(minutes),
  ).record;

describe("provisioning lifecycle", () => {
  it("follows a number from REQUESTED through campaign review to ACTIVE", () => {
    let r = startTracking("+14155550134", T0);
    r = telnyx(r, "campaign", "MNO_PENDING", 1);
    expect(r.state).toBe("AWAITING_CAMPAIGN");
    r = telnyx(r, "campaign", "MNO_PROVISIONED", 60);
    expect(r.state).toBe("AWAITING_NUMBER");
    r = telnyx(r, "number", "PENDING_ASSIGNMENT", 61);
    expect(r.state).toBe("AWAITING_NUMBER");
    r = telnyx(r, "number", "ASSIGNED", 120);
    expect(r.state).toBe("ACTIVE");
    expect(r.transitions.map((t) => t.to)).toEqual(["AWAITING_CAMPAIGN", "AWAITING_NUMBER", "ACTIVE"]);
    expect(r.raw).toEqual({ provider: "telnyx", entity: "number", value: "ASSIGNED" });
    expect(() => ProvisioningRecordSchema.parse(r)).not.toThrow();
  });

  it("goes to ACTION_REQUIRED on a rejection and back to awaiting after a resubmission", () => {
    let r = telnyx(startTracking("+14155550134", T0), "campaign", "MNO_REJECTED", 5);
    expect(r.state).toBe("ACTION_REQUIRED");
    r = telnyx(r, "campaign", "MNO_PENDING", 600);
    expect(r.state).toBe("AWAITING_CAMPAIGN");
  });

  it("fails for good on 'not eligible for resubmission' and when an edit window closes", () => {
    const twilio = observeProviderStatus(
      startTracking("+1", T0),
      { provider: "twilio", entity: "error", value: "30952", observedAt: plus(1) },
      plus(1),
    );
    expect(twilio.record.state).toBe("FAILED");
    const rejected = applyObservation(
      startTracking("+1", T0),
      { observedAt: plus(1), stage: "campaign", outcome: "rejected", deadline: plus(60) },
      plus(1),
    ).record;
    expect(applyElapsedTime(rejected, plus(30)).record.state).toBe("ACTION_REQUIRED");
    expect(applyElapsedTime(rejected, plus(61)).record.state).toBe("FAILED");
  });

  it("suspends and restores a live number", () => {
    let r = telnyx(startTracking("+1", T0), "number", "ASSIGNED", 1);
    r = telnyx(r, "campaign", "TCR_SUSPENDED", 100);
    expect(r.state).toBe("SUSPENDED");
    r = observeProviderStatus(
      r,
      {
        provider: "tcr",
        entity: "event",
        value: "MNO_CAMPAIGN_OPERATION_UNSUSPENDED",
        observedAt: plus(200),
      },
      plus(200),
    ).record;
    expect(r.state).toBe("ACTIVE");
  });

  it("ignores stale observations and flags unknown status words without changing state", () => {
    let r = telnyx(startTracking("+1", T0), "number", "ASSIGNED", 100);
    const stale = applyObservation(
      r,
      { observedAt: plus(50), stage: "number", outcome: "rejected" },
      plus(101),
    );
    expect(stale.ignored).toBe("stale");
    expect(stale.record).toBe(r);
    const unknown = observeProviderStatus(
      r,
      { provider: "telnyx", entity: "number", value: "QUANTUM_ENTANGLED", observedAt: plus(120) },
      plus(120),
    );
    expect(unknown.unknown).toBe(true);
    expect(unknown.record.state).toBe("ACTIVE");
    expect(unknown.record.flags).toEqual(["unknown-status:telnyx:number:QUANTUM_ENTANGLED"]);
    r = unknown.record;
    expect(r.transitions).toHaveLength(1);
  });

  it("stalls number assignment after 48 hours and brand review after 3 business days", () => {
    const waiting = telnyx(startTracking("+1", T0), "number", "PENDING_ASSIGNMENT", 0);
    expect(applyElapsedTime(waiting, plus(47 * 60)).record.state).toBe("AWAITING_NUMBER");
    expect(applyElapsedTime(waiting, plus(48 * 60)).record).toMatchObject({
      state: "STALLED",
      stage: "number",
    });
    const brand = observeProviderStatus(
      startTracking("+1", T0),
      { provider: "twilio", entity: "brand", value: "IN_REVIEW", observedAt: "2026-05-08T09:00:00Z" },
      "2026-05-08T09:00:00Z",
    ).record; // Friday
    expect(applyElapsedTime(brand, "2026-05-12T10:00:00Z").record.state).toBe("AWAITING_BRAND"); // Tuesday: 2 business days
    expect(applyElapsedTime(brand, "2026-05-13T09:00:00Z").record.state).toBe("STALLED"); // Wednesday: 3
    const stalled = applyElapsedTime(waiting, plus(48 * 60)).record;
    expect(telnyx(stalled, "number", "PENDING_ASSIGNMENT", 48 * 60 + 5).state).toBe("STALLED");
    expect(telnyx(stalled, "number", "ASSIGNED", 48 * 60 + 10).state).toBe("ACTIVE");
  });

  it("checks after 1 min, then 5 min, 30 min, hourly, every 6 h after a week; live numbers daily", () => {
    const r = telnyx(startTracking("+1", T0), "number", "PENDING_ASSIGNMENT", 0);
    const gap = (minutes: number) =>
      (Date.parse(nextCheckAt(r, plus(minutes))!) - Date.parse(plus(minutes))) / 60_000;
    expect([gap(1), gap(10), gap(120), gap(24 * 60), gap(8 * 24 * 60)]).toEqual([1, 5, 30, 60, 360]);
    const live = telnyx(r, "number", "ASSIGNED", 5);
    expect((Date.parse(nextCheckAt(live, plus(10))!) - Date.parse(plus(10))) / 3_600_000).toBe(24);
    expect(nextCheckAt(cancelTracking(live, plus(20)).record, plus(20))).toBeUndefined();
  });

  it("estimates the remaining wait and shrinks it as time passes", () => {
    const r = telnyx(startTracking("+1", T0), "number", "PENDING_ASSIGNMENT", 0);
    expect(expectedRemaining(r, plus(0))).toEqual({ typical: "PT4H", max: "P2D" });
    expect(expectedRemaining(r, plus(60))).toEqual({ typical: "PT3H", max: "P1DT23H" });
    expect(expectedRemaining(telnyx(r, "number", "ASSIGNED", 5), plus(6))).toBeUndefined();
  });

  it("folds per-carrier reviews: every carrier must approve", () => {
    expect(foldCarrierReviews({ "10017": "APPROVED", "10035": "REVIEW" })?.outcome).toBe("pending");
    expect(foldCarrierReviews({ "10017": "APPROVED", "10035": "APPROVED" })?.outcome).toBe("approved");
    expect(foldCarrierReviews({ "10017": "REJECTED", "10035": "REVIEW" })?.outcome).toBe("rejected");
    expect(foldCarrierReviews({ "10017": "MAYBE" })).toBeUndefined();
  });

  it("maps every documented vocabulary and nothing else", () => {
    expect(mapProviderStatus("bandwidth", "number", "SUCCESS")).toEqual({
      stage: "number",
      outcome: "approved",
    });
    expect(mapProviderStatus("sinch", "error", "CAMPAIGN_MNO_REJECTED")?.outcome).toBe("rejected");
    expect(mapProviderStatus("twilio", "toll-free", "TWILIO_APPROVED")).toEqual({
      stage: "number",
      outcome: "approved",
      kind: "toll-free",
    });
    expect(mapProviderStatus("telnyx", "number", "toString")).toBeUndefined();
    expect(mapProviderStatus("nobody", "number", "ASSIGNED")).toBeUndefined();
  });

  it("classifies failures into retry classes", () => {
    expect(classifyFailure({ httpStatus: 429 })).toBe("rate-limited");
    expect(classifyFailure({ code: "10011", httpStatus: 429 })).toBe("rate-limited");
    expect(classifyFailure({ httpStatus: 503 })).toBe("retry");
    expect(classifyFailure({ timedOut: true })).toBe("retry");
    expect(classifyFailure({ code: "PARTNER_SERVICE_UNAVAILABLE" })).toBe("retry");
    expect(classifyFailure({ code: "30901" })).toBe("ask-first");
    expect(classifyFailure({ code: "30952" })).toBe("never");
    expect(classifyFailure({ httpStatus: 400, code: "30034" })).toBe("needs-person");
  });
});

describe("lifecycle properties", () => {
  const observation: fc.Arbitrary<ProvisioningObservation> = fc.record({
    observedAt: fc.integer({ min: 0, max: 60 * 24 * 30 }).map(plus),
    stage: fc.constantFrom("brand", "campaign", "number"),
    outcome: fc.constantFrom(
      "pending",
      "approved",
      "rejected",
      "failed",
      "suspended",
      "expired",
      "cancelled",
    ),
  });

  it("final states absorb, stale observations change nothing, transitions chain and validate", () => {
    fc.assert(
      fc.property(fc.array(observation, { maxLength: 25 }), (observations) => {
        let r = startTracking("+14155550134", T0);
        for (const o of observations) {
          const before = r;
          const { record, transition, ignored } = applyObservation(r, o, o.observedAt);
          if (isFinal(before.state)) expect(record).toBe(before);
          if (ignored === "stale") expect(record).toBe(before);
          if (transition) {
            expect(transition.from).toBe(before.state);
            expect(transition.to).toBe(record.state);
            expect(transition.from).not.toBe(transition.to);
          } else expect(record.state).toBe(before.state);
          r = record;
        }
        r.transitions.forEach((t, i) => {
          if (i > 0) expect(t.from).toBe(r.transitions[i - 1]!.to);
        });
        expect(() => ProvisioningRecordSchema.parse(r)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});

describe("a number enabled long after its campaign was approved", () => {
  it("counts its age and stall clock from when it was requested, not from the provider's old timestamp", () => {
    const requested = startTracking("+14155550134", T0);
    const oldApproval = "2026-01-15T10:00:00Z"; // months before the number was enabled
    const r = observeProviderStatus(
      requested,
      { provider: "telnyx", entity: "campaign", value: "MNO_PROVISIONED", observedAt: oldApproval },
      plus(1),
    ).record;
    expect(r).toMatchObject({ state: "AWAITING_NUMBER", since: T0, requestedAt: T0 });
    expect(applyElapsedTime(r, plus(60)).record.state).toBe("AWAITING_NUMBER");
    expect((Date.parse(nextCheckAt(r, plus(2))!) - Date.parse(plus(2))) / 60_000).toBe(1);
  });
});
