/**
 * How many rows of one kind (users, numbers) a sync or an audit read, used and skipped, with the first
 * few reasons: both commands print it, and refuse to call a run that used nothing a success.
 */
export interface ReadTally {
  kind: string;
  read: number;
  skipped: number;
  /** Distinct reasons, most frequent first once `summary` sorts them, at most `MAX_REASONS`. */
  reasons: { reason: string; count: number }[];
}

/** Distinct skip reasons kept per tally: enough to name the cause, never the whole file. */
const MAX_REASONS = 5;

/**
 * A run fails when it skipped more than this share of what it read: a few odd rows in an export are
 * news for the report, but a majority means the input is not what we think it is.
 */
export const MAX_SKIPPED_SHARE = 0.5;

export function newTally(kind: string): ReadTally {
  return { kind, read: 0, skipped: 0, reasons: [] };
}

export function countRead(tally: ReadTally): void {
  tally.read++;
}

/** A row read and skipped; its reason is kept if it is one of the first few distinct ones. */
export function countSkipped(tally: ReadTally, reason: string): void {
  tally.read++;
  tally.skipped++;
  const known = tally.reasons.find((r) => r.reason === reason);
  if (known) known.count++;
  else if (tally.reasons.length < MAX_REASONS) tally.reasons.push({ reason, count: 1 });
}

/** "1000 users read, 998 used, 2 skipped (basicInfo.userId: missing ×2)". */
export function tallyLine(tally: ReadTally): string {
  const reasons = [...tally.reasons]
    .sort((a, b) => b.count - a.count)
    .map((r) => `${r.reason}${r.count > 1 ? ` ×${r.count}` : ""}`);
  return `${tally.read} ${tally.kind} read, ${tally.read - tally.skipped} used, ${tally.skipped} skipped${reasons.length ? ` (first reasons: ${reasons.join("; ")})` : ""}`;
}

/**
 * Why the run must not count as a success, or null when it may: nothing was read, or more than
 * `MAX_SKIPPED_SHARE` was skipped. The message names the likely cause from the commonest reason.
 */
export function failureOf(tally: ReadTally, source: string): string | null {
  if (tally.read === 0) return `no ${tally.kind} were read from ${source}: nothing was checked`;
  if (tally.skipped === 0 || tally.skipped <= tally.read * MAX_SKIPPED_SHARE) return null;
  const top = [...tally.reasons].sort((a, b) => b.count - a.count)[0];
  const share = tally.skipped === tally.read ? "every one" : `${tally.skipped} of ${tally.read}`;
  return `${share} of the ${tally.kind} read from ${source} were skipped (more than ${MAX_SKIPPED_SHARE * 100}% fails the run): these don't look like Administration API ${tally.kind}${top ? `: ${top.reason}` : ""}`;
}
