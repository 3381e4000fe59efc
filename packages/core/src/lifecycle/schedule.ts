import type {
  ProvisioningRecord,
  ProvisioningStage,
  ProvisioningTransition,
} from "../schemas/provisioning-record.js";
import { NUMBER_VERIFICATION_WAIT } from "./number-verification.js";
import { isFinal, STAGES, stageOfState } from "./states.js";
import { addBusinessDays, DAY, HOUR, MINUTE, toDuration, toInstant, toMillis } from "./time.js";

/** When tracking of the number began (`requestedAt`; for older records, the first transition or `since`). */
export function trackingStartedAt(record: ProvisioningRecord): number {
  if (record.requestedAt) return toMillis(record.requestedAt);
  const first = record.transitions[0];
  return first ? Math.min(toMillis(first.at), toMillis(record.since)) : toMillis(record.since);
}

/** Gap before the next check: 1 min, then 5 min, 30 min, hourly, every 6 h after a week; live numbers daily. */
export function checkInterval(record: ProvisioningRecord, nowMs: number): number | undefined {
  if (isFinal(record.state)) return undefined;
  if (record.state === "ACTIVE") return DAY;
  if (record.state === "STALLED" || record.state === "SUSPENDED") return 6 * HOUR;
  const age = nowMs - trackingStartedAt(record);
  if (age < 5 * MINUTE) return MINUTE;
  if (age < HOUR) return 5 * MINUTE;
  if (age < 6 * HOUR) return 30 * MINUTE;
  if (age < 7 * DAY) return HOUR;
  return 6 * HOUR;
}

/** When the number should next be checked, or undefined for a final record. */
export function nextCheckAt(record: ProvisioningRecord, now: string): string | undefined {
  const nowMs = toMillis(now);
  const gap = checkInterval(record, nowMs);
  return gap === undefined ? undefined : toInstant(nowMs + gap);
}

/** The instant after which a record waiting on `stage` since `sinceMs` counts as stalled. */
export function stallDeadline(
  record: ProvisioningRecord,
  stage: ProvisioningStage | undefined,
  sinceMs: number,
): number {
  if (record.kind === "toll-free") return addBusinessDays(sinceMs, 15);
  if (stage === "brand") return addBusinessDays(sinceMs, 3);
  if (stage === "campaign") return addBusinessDays(sinceMs, 15);
  return sinceMs + NUMBER_VERIFICATION_WAIT.max; // number assignment, and a request no provider has confirmed yet
}

/** True when the record has made no progress past its stage's threshold. */
export function isStalled(record: ProvisioningRecord, now: string): boolean {
  if (record.state === "STALLED") return true;
  if (record.state !== "REQUESTED" && !stageOfState(record.state)) return false;
  return toMillis(now) >= stallDeadline(record, stageOfState(record.state), toMillis(record.since));
}

/** Applies what the passing of time alone decides: stalls, and edit windows that closed. Pure. */
export function applyElapsedTime(
  record: ProvisioningRecord,
  now: string,
): { record: ProvisioningRecord; transition?: ProvisioningTransition } {
  if (record.state === "ACTION_REQUIRED" && record.deadline && toMillis(now) >= toMillis(record.deadline)) {
    return moveTo(record, "FAILED", now, "edit window closed");
  }
  if (record.state !== "STALLED" && isStalled(record, now)) {
    const stage = stageOfState(record.state) ?? "number";
    const moved = moveTo(record, "STALLED", now, `no progress on ${stage} past its threshold`);
    moved.record.stage = stage;
    return moved;
  }
  return { record };
}

function moveTo(record: ProvisioningRecord, to: ProvisioningRecord["state"], now: string, cause: string) {
  const transition: ProvisioningTransition = { from: record.state, to, at: now, cause };
  return {
    record: { ...record, state: to, since: now, transitions: [...record.transitions, transition] },
    transition,
  };
}

/** Typical and longest time each approval takes (provisioning.md, "Timings seen in the field"). */
const STAGE_WAIT: Record<ProvisioningStage | "toll-free", { typical: number; max: number }> = {
  brand: { typical: HOUR, max: 3 * DAY },
  campaign: { typical: 3 * DAY, max: 21 * DAY },
  number: NUMBER_VERIFICATION_WAIT,
  "toll-free": { typical: 10 * DAY, max: 21 * DAY },
};

/**
 * How much longer the number is expected to wait before it is live, as ISO 8601 durations;
 * undefined when it is live, final, or waiting on a person rather than on the carriers.
 */
export function expectedRemaining(
  record: ProvisioningRecord,
  now: string,
): { typical: string; max: string } | undefined {
  const stage = waitingStage(record);
  if (!stage) return undefined;
  const remaining =
    record.kind === "toll-free" ? ["toll-free" as const] : STAGES.slice(STAGES.indexOf(stage));
  let typical = 0;
  let max = 0;
  for (const s of remaining) {
    typical += STAGE_WAIT[s].typical;
    max += STAGE_WAIT[s].max;
  }
  const elapsed = toMillis(now) - toMillis(record.since);
  return { typical: toDuration(typical - elapsed), max: toDuration(max - elapsed) };
}

/** The approval the carriers are working on; a request no provider has confirmed is most often at the number. */
function waitingStage(record: ProvisioningRecord): ProvisioningStage | undefined {
  if (record.state === "REQUESTED") return "number";
  if (record.state === "STALLED") return record.stage ?? "number";
  return stageOfState(record.state);
}
