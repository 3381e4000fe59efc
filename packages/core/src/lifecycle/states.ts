import type { ProvisioningStage, ProvisioningState } from "../schemas/provisioning-record.js";

/** States nothing leaves. */
export const FINAL_STATES: ReadonlySet<ProvisioningState> = new Set(["FAILED", "CANCELLED"]);

/** True when no observation can change the state any more. */
export function isFinal(state: ProvisioningState): boolean {
  return FINAL_STATES.has(state);
}

/** The approvals in the order they must happen. */
export const STAGES: readonly ProvisioningStage[] = ["brand", "campaign", "number"];

export const AWAITING: Record<ProvisioningStage, ProvisioningState> = {
  brand: "AWAITING_BRAND",
  campaign: "AWAITING_CAMPAIGN",
  number: "AWAITING_NUMBER",
};

/** The stage an awaiting state waits on. */
export function stageOfState(state: ProvisioningState): ProvisioningStage | undefined {
  if (state === "AWAITING_BRAND") return "brand";
  if (state === "AWAITING_CAMPAIGN") return "campaign";
  if (state === "AWAITING_NUMBER") return "number";
  return undefined;
}

export function stageIndex(stage: ProvisioningStage): number {
  return STAGES.indexOf(stage);
}

/** Each state in an administrator's words: the panels, CLI and alerts show these. */
export const PROVISIONING_STATE_WORDS: Record<ProvisioningState, string> = {
  REQUESTED: "Requested, no carrier has answered yet",
  AWAITING_BRAND: "Waiting for the brand to be verified",
  AWAITING_CAMPAIGN: "Waiting for the carriers to approve the campaign",
  AWAITING_NUMBER: "Waiting for the number to be assigned to the campaign",
  ACTIVE: "Live with the carriers",
  ACTION_REQUIRED: "Rejected: a person must fix and resubmit",
  STALLED: "Stalled: no progress past the usual time",
  SUSPENDED: "Suspended by the carriers",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};
