import type { PhoneNumberCampaign, TelnyxCampaignStatus } from "../carrier/telnyx-vocabulary.js";
import type { CampaignError } from "../scenario-schema.js";
import type { CompanyRecord, SmsState } from "./world-types.js";

/**
 * What a carrier's answer about a number does to the console's SMS row: a Pending row waiting on the
 * carriers becomes Enabled / Enabling Failed (assignment) or Disabled / Disabling Failed (removal);
 * anything else leaves it as it is (null).
 */
export function smsAfterAssignment(
  sms: SmsState,
  assignment: PhoneNumberCampaign,
  removed: boolean,
): SmsState | null {
  const status = assignment.assignmentStatus;
  if (removed)
    return sms.waitingFor === "unassignment" ? { ...sms, status: "disabled", waitingFor: null } : null;
  if (sms.waitingFor === "assignment" && status === "ASSIGNED")
    return { ...sms, status: "enabled", waitingFor: null };
  if (sms.waitingFor === "assignment" && status === "FAILED_ASSIGNMENT")
    return { ...sms, status: "enabling-failed", waitingFor: null };
  if (sms.waitingFor === "unassignment" && status === "FAILED_UNASSIGNMENT")
    return { ...sms, status: "disabling-failed", waitingFor: null };
  return null;
}

/**
 * What the carriers' campaign status makes of the console's "Your Campaign" section: VERIFIED once
 * provisioned, the registration form with its errors when rejected (the errors the review raised, else
 * one asking for a full review), deactivated when expired or suspended, Pending otherwise.
 */
export function campaignAfterCarrierStatus(
  campaign: CompanyRecord["campaign"],
  status: TelnyxCampaignStatus,
  reviewErrors: CampaignError[],
  at: number,
): void {
  const before = campaign.status;
  if (status === "MNO_PROVISIONED") {
    campaign.status = "verified";
    campaign.errors = [];
  } else if (status === "MNO_REJECTED" || status === "TCR_FAILED" || status === "TELNYX_FAILED") {
    campaign.status = "rejected";
    campaign.errors = reviewErrors.length
      ? reviewErrors
      : [
          {
            field: "description",
            message: "The carriers rejected the campaign; review every field and re-submit.",
          },
        ];
  } else if (status === "TCR_EXPIRED" || status === "TCR_SUSPENDED") {
    campaign.status = "deactivated";
    campaign.errors = [];
  } else {
    campaign.status = "pending";
  }
  if (before !== campaign.status) campaign.updatedAt = at;
}
