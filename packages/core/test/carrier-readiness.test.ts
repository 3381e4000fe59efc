// Per-carrier readiness: Telnyx reports T-Mobile's number mapping apart from the other carriers'.
import { describe, expect, it } from "vitest";
import {
  carrierReadinessText,
  observeProviderStatus,
  type ProvisioningRecord,
  startTracking,
} from "../src/index.js";

const NOW = "2026-12-02T12:00:00.000Z";
const record: ProvisioningRecord = {
  ...startTracking("+14155550100", "2026-12-02T10:00:00.000Z"),
  provider: "telnyx",
};
const assignment = (observedAt: string, tmobile: string, others: string) => ({
  provider: "telnyx",
  entity: "number",
  value: "PENDING_ASSIGNMENT",
  observedAt,
  carriers: [
    { group: "tmobile", value: tmobile },
    { group: "nonTmobile", value: others },
  ],
});

describe("per-carrier readiness", () => {
  it("keeps both carrier groups on the record, in people's words", () => {
    const { record: next } = observeProviderStatus(
      record,
      assignment("2026-12-02T11:00:00.000Z", "COMPLETE", "PENDING"),
      NOW,
    );
    expect(next.state).toBe("AWAITING_NUMBER");
    expect(next.carriers).toEqual([
      { carrier: "T-Mobile", readiness: "live", value: "COMPLETE" },
      { carrier: "AT&T/Verizon", readiness: "pending", value: "PENDING" },
    ]);
    expect(carrierReadinessText(next.carriers!)).toBe("T-Mobile live; AT&T/Verizon pending");
  });

  it("a stale observation leaves the readiness alone; an unknown word is left out, never guessed", () => {
    const fresh = observeProviderStatus(
      record,
      assignment("2026-12-02T11:00:00.000Z", "COMPLETE", "PENDING"),
      NOW,
    ).record;
    const stale = observeProviderStatus(
      fresh,
      assignment("2026-12-02T10:30:00.000Z", "PENDING", "PENDING"),
      NOW,
    ).record;
    expect(stale.carriers).toEqual(fresh.carriers);
    const odd = observeProviderStatus(
      record,
      assignment("2026-12-02T11:00:00.000Z", "MAPPED_MAYBE", "FAILED"),
      NOW,
    ).record;
    expect(odd.carriers).toEqual([{ carrier: "AT&T/Verizon", readiness: "failed", value: "FAILED" }]);
  });
});
