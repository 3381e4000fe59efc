import { historyKeys } from "../history/shared-history.js";
import { DEFAULT_PREFIX, trackingKeys } from "../tracking/keys.js";

/**
 * Redis keys of a tenant's directory sync, under the same hash tag as everything else: one MULTI may
 * write a user's history, the sync's checkpoint and the alerts of a page together, even on Cluster.
 */
export function directoryKeys(tenant: string, prefix = DEFAULT_PREFIX) {
  const base = `${prefix}:t:${tenant}:directory`;
  const tracking = trackingKeys(prefix);
  const history = historyKeys(prefix);
  return {
    /** Hash: where an unfinished sync stopped (phase, scrollId, counts). Gone when a sync completes. */
    checkpoint: `${base}:checkpoint`,
    /** Hash: the company's numbers read in this sync's first phase, E.164 → JSON. */
    numbers: `${base}:numbers`,
    /** Hash: userId → fingerprint of the user's last stored snapshot (to store only changes). */
    fingerprints: `${base}:fingerprints`,
    /** Hash: userId → rule ids found last time, comma-separated (to alert only on new findings). */
    lastFindings: `${base}:last-findings`,
    /** String: the worker syncing this tenant now; expires so a crashed worker's sync is taken over. */
    lease: `${base}:lease`,
    /** String: JSON summary of the last completed sync. */
    lastRun: `${base}:last-run`,
    /** Capped stream of alerts (new findings), read by `GET /v1/findings`. */
    findings: `${prefix}:t:${tenant}:findings`,
    history: (userId: string) => history.history(tenant, userId),
    company: history.company(tenant),
    /** Hash: userId → verdict of the latest snapshot, shared with `POST /v1/observations`. */
    verdicts: history.verdicts(tenant),
    /** The outbox the signed webhooks are delivered from (shared with provisioning transitions). */
    webhookOutbox: tracking.transitions,
  };
}
export type DirectoryKeys = ReturnType<typeof directoryKeys>;
