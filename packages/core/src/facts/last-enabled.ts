import type { EnabledSpan } from "../lifecycle/number-verification.js";
import type { ProvisioningRecord } from "../schemas/provisioning-record.js";
import { type SnapshotFacts, sameNumber } from "./diagnosis-facts.js";
import { instantMillis } from "./instant.js";

/**
 * When SMS was last enabled for `number`, as far as what was seen shows: the carriers' go-live when the
 * provisioning record is about this number (exact), else the latest run of earlier snapshots showing it
 * Enabled for this number: on by the first of them, and turned on after the snapshot before the run when
 * that one shows SMS not Enabled for it. Snapshots that cannot see SMS say nothing either way. Only
 * Enabled counts: a number that stayed Pending was never provisioned, so it has nothing to skip.
 *
 * `earlier`: the user's earlier snapshots, oldest first (`DiagnosisFacts.earlier`).
 */
export function lastEnabledSpan(
  earlier: readonly SnapshotFacts[],
  record: ProvisioningRecord | undefined,
  number: string,
): EnabledSpan {
  if (record && sameNumber(record.number, number)) {
    const live = record.transitions.findLast((t) => t.to === "ACTIVE");
    if (live) {
      const at = instantMillis(live.at);
      return { after: at, by: at };
    }
  }
  let by: number | undefined;
  for (let i = earlier.length - 1; i >= 0; i--) {
    const s = earlier[i]!;
    if (!s.smsVisible) continue;
    if (s.smsStatus === "enabled" && sameNumber(s.number, number)) {
      by = s.at;
      continue;
    }
    if (by !== undefined) return { after: s.at, by };
  }
  return { by };
}
