import {
  applyElapsedTime,
  nextCheckAt,
  observeProviderStatus,
  type ProviderStatus,
  type ProvisioningRecord,
  type ProvisioningStage,
  type ProvisioningTransition,
  stallDeadline,
} from "@sms-doctor/core";

/** What one check decided: the record to write, its transitions, and when it is next due. */
export interface CheckResult {
  record: ProvisioningRecord;
  transitions: ProvisioningTransition[];
  /** Epoch ms of the next check, or undefined when the record is final. */
  dueAt: number | undefined;
  /** Status words no vocabulary knows (flagged on the record; nothing else changed). */
  unknown: ProviderStatus[];
}

const AWAITED: Partial<Record<ProvisioningRecord["state"], ProvisioningStage>> = {
  AWAITING_BRAND: "brand",
  AWAITING_CAMPAIGN: "campaign",
  AWAITING_NUMBER: "number",
};

/**
 * Applies what a provider said, then what the passing of time alone decides (stalls, closed edit
 * windows), and picks the next check: core's schedule, brought forward to a stall threshold or an
 * edit-window deadline that falls earlier, so those are noticed on time rather than at the next poll.
 * Pure: everything that touches Redis is the caller's.
 */
export function decideCheck(
  stored: ProvisioningRecord,
  statuses: readonly ProviderStatus[],
  nowMs: number,
): CheckResult {
  const now = new Date(nowMs).toISOString();
  let record: ProvisioningRecord = { ...stored, lastCheckedAt: now };
  const transitions: ProvisioningTransition[] = [];
  const unknown: ProviderStatus[] = [];
  for (const status of statuses) {
    const result = observeProviderStatus(record, status, now);
    record = result.record;
    if (result.transition) transitions.push(result.transition);
    if (result.unknown) unknown.push(status);
  }
  const elapsed = applyElapsedTime(record, now);
  record = elapsed.record;
  if (elapsed.transition) transitions.push(elapsed.transition);

  const dueAt = dueAfterCheck(record, nowMs);
  if (dueAt === undefined) delete record.nextCheckAt;
  else record.nextCheckAt = new Date(dueAt).toISOString();
  return { record, transitions, dueAt, unknown };
}

/** When a record is next due, or undefined when it is final. */
export function dueAfterCheck(record: ProvisioningRecord, nowMs: number): number | undefined {
  const next = nextCheckAt(record, new Date(nowMs).toISOString());
  if (next === undefined) return undefined;
  let due = Date.parse(next);
  if (record.state === "ACTION_REQUIRED" && record.deadline) due = Math.min(due, Date.parse(record.deadline));
  if (record.state === "REQUESTED" || AWAITED[record.state]) {
    due = Math.min(due, stallDeadline(record, AWAITED[record.state], Date.parse(record.since)));
  }
  // Never in the past: a threshold already crossed is handled by this check's applyElapsedTime.
  return Math.max(due, nowMs + 1000);
}
