import type { EnabledSpan } from "../lifecycle/number-verification.js";
import { type DiagnosisFacts, sameNumber } from "./diagnosis-facts.js";
import { instantMillis } from "./instant.js";

/**
 * When SMS was last enabled for `number`, as far as what was seen shows: the carriers' go-live when the
 * provisioning record is about this number (exact), else the latest run of earlier snapshots showing it
 * Enabled for this number: on by the first of them, and turned on after the snapshot before the run when
 * that one shows SMS not Enabled for it. Snapshots that cannot see SMS say nothing either way. Only
 * Enabled counts: a number that stayed Pending was never provisioned, so it has nothing to skip.
 */
export function lastEnabledSpan(facts: DiagnosisFacts, number: string): EnabledSpan {
  const record = facts.provisioning;
  if (record && sameNumber(record.number, number)) {
    const live = record.transitions.findLast((t) => t.to === "ACTIVE");
    if (live) {
      const at = instantMillis(live.at);
      return { after: at, by: at };
    }
  }
  const earlier = facts.earlier;
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
