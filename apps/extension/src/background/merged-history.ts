/**
 * This browser's history of a user and the worker's shared one, as one history for one diagnosis. The shared
 * history holds what other administrators' browsers and the directory sync saw; this browser's may hold imports
 * the worker never saw. The same observation can be in both (this browser posted it): an observation is known by
 * its instant and its source, and is kept once.
 */
import type { UserSnapshot } from "@sms-doctor/core";

const keyOf = (snapshot: UserSnapshot) => `${snapshot.observedAt}|${snapshot.source ?? "console"}`;
const time = (snapshot: UserSnapshot) => Date.parse(snapshot.observedAt);

/** Both histories without `current` (the visit being diagnosed), each observation once, oldest first. */
export function mergeHistories(
  local: readonly UserSnapshot[],
  shared: readonly UserSnapshot[],
  current: UserSnapshot,
): UserSnapshot[] {
  const seen = new Set([keyOf(current)]);
  const merged: UserSnapshot[] = [];
  for (const snapshot of [...local, ...shared]) {
    const key = keyOf(snapshot);
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(snapshot);
  }
  return merged.sort((a, b) => time(a) - time(b));
}
