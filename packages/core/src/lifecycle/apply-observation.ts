import type {
  ProvisioningObservation,
  ProvisioningRecord,
  ProvisioningStage,
  ProvisioningState,
  ProvisioningTransition,
} from "../schemas/provisioning-record.js";
import { AWAITING, isFinal, STAGES, stageIndex, stageOfState } from "./states.js";
import { toMillis } from "./time.js";

/** What applying one observation did. `transition` is absent when the state did not change. */
export interface ObservationResult {
  record: ProvisioningRecord;
  transition?: ProvisioningTransition;
  /** Why the observation changed nothing, when it did not. */
  ignored?: "final" | "stale" | "no-change";
}

/**
 * Applies one provider observation to a record (pure: returns a new record).
 * Stale observations (older than the last one applied) and observations of final records change nothing.
 */
export function applyObservation(
  record: ProvisioningRecord,
  observation: ProvisioningObservation,
  now: string,
): ObservationResult {
  if (isFinal(record.state)) return { record, ignored: "final" };
  if (record.lastObservedAt && toMillis(observation.observedAt) < toMillis(record.lastObservedAt)) {
    return { record, ignored: "stale" };
  }
  const next = targetOf(record, observation);
  const base: ProvisioningRecord = {
    ...record,
    lastCheckedAt: now,
    lastObservedAt: observation.observedAt,
  };
  if (observation.raw) base.raw = observation.raw;
  if (!next) return { record: base, ignored: "no-change" };
  if (next.state === record.state) {
    // Same state, perhaps another stage or reason: kept on the record, but it is not a transition.
    if (next.stage) base.stage = next.stage;
    if (observation.reasons && (next.state === "ACTION_REQUIRED" || next.state === "SUSPENDED"))
      base.reasons = observation.reasons;
    return { record: base, ignored: "no-change" };
  }
  const cause = causeOf(observation);
  // A provider's timestamp can predate this number (a campaign approved months ago): the number cannot
  // have entered a state before it entered the one it is leaving, or its age and stall clock would lie.
  const at =
    toMillis(observation.observedAt) > toMillis(record.since) ? observation.observedAt : record.since;
  const transition: ProvisioningTransition = { from: record.state, to: next.state, at, cause };
  const updated: ProvisioningRecord = {
    ...base,
    state: next.state,
    since: at,
    transitions: [...record.transitions, transition],
  };
  if (next.stage) updated.stage = next.stage;
  else delete updated.stage;
  if (next.state === "ACTION_REQUIRED" || next.state === "SUSPENDED") {
    updated.reasons = observation.reasons ?? [];
    if (observation.deadline) updated.deadline = observation.deadline;
    else delete updated.deadline;
  } else {
    delete updated.reasons;
    delete updated.deadline;
  }
  return { record: updated, transition };
}

interface Target {
  state: ProvisioningState;
  stage?: ProvisioningStage;
}

/** The state an observation leads to, or undefined for "no change". */
function targetOf(
  record: ProvisioningRecord,
  { stage, outcome }: ProvisioningObservation,
): Target | undefined {
  if (outcome === "cancelled") return { state: "CANCELLED" };
  if (outcome === "failed") return { state: "FAILED", stage };

  if (record.state === "ACTIVE" || record.state === "SUSPENDED") {
    if (outcome === "approved") return { state: "ACTIVE" };
    if (outcome === "pending") return undefined;
    return { state: "SUSPENDED", stage };
  }

  if (outcome === "approved") {
    const following = STAGES[stageIndex(stage) + 1];
    if (!following) return { state: "ACTIVE" };
    // An approval of an earlier stage than the one already awaited is old news.
    const current = currentStage(record);
    if (current && stageIndex(current) > stageIndex(following) && record.state !== "ACTION_REQUIRED") {
      return undefined;
    }
    return { state: AWAITING[following], stage: following };
  }
  if (outcome === "pending") {
    const current = currentStage(record);
    if (record.state === "STALLED" && current === stage) return undefined; // still stuck where it was
    if (record.state.startsWith("AWAITING_") && current && stageIndex(current) > stageIndex(stage))
      return undefined;
    return { state: AWAITING[stage], stage };
  }
  // rejected, suspended or expired before the number was ever live: a person must fix and resubmit.
  return { state: "ACTION_REQUIRED", stage };
}

function currentStage(record: ProvisioningRecord): ProvisioningStage | undefined {
  return stageOfState(record.state) ?? record.stage;
}

function causeOf({ stage, outcome, raw, reasons }: ProvisioningObservation): string {
  const word = raw ? ` (${raw.provider} ${raw.entity} ${raw.value})` : "";
  const why = reasons?.length ? `: ${reasons.join(", ")}` : "";
  return `${stage} ${outcome}${word}${why}`;
}

/** Cancels tracking: SMS was disabled or the number released. Final. */
export function cancelTracking(
  record: ProvisioningRecord,
  now: string,
  cause = "cancelled",
): ObservationResult {
  if (isFinal(record.state)) return { record, ignored: "final" };
  const transition: ProvisioningTransition = { from: record.state, to: "CANCELLED", at: now, cause };
  return {
    record: { ...record, state: "CANCELLED", since: now, transitions: [...record.transitions, transition] },
    transition,
  };
}
