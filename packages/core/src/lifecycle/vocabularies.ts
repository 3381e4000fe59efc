import type { NumberKind, ObservationOutcome, ProvisioningStage } from "../schemas/provisioning-record.js";

/** A provider status word in the lifecycle's terms. */
export interface MappedStatus {
  stage: ProvisioningStage;
  outcome: ObservationOutcome;
  kind?: NumberKind;
}

type Vocabulary = Readonly<Record<string, MappedStatus>>;

const brand = (outcome: ObservationOutcome): MappedStatus => ({ stage: "brand", outcome });
const campaign = (outcome: ObservationOutcome): MappedStatus => ({ stage: "campaign", outcome });
const number = (outcome: ObservationOutcome): MappedStatus => ({ stage: "number", outcome });
const tollFree = (outcome: ObservationOutcome): MappedStatus => ({
  stage: "number",
  outcome,
  kind: "toll-free",
});

/**
 * Verbatim status words per `provider:entity` (provisioning.md). Rejections a person can fix map to
 * `rejected`; only what can never be resubmitted maps to `failed`.
 */
export const VOCABULARIES: Readonly<Record<string, Vocabulary>> = {
  "tcr:brand": {
    SELF_DECLARED: brand("rejected"),
    UNVERIFIED: brand("rejected"),
    VERIFIED: brand("approved"),
    VETTED_VERIFIED: brand("approved"),
  },
  // TCR's campaign status says the campaign exists; the carriers' reviews decide approval.
  "tcr:campaign": { ACTIVE: campaign("pending"), EXPIRED: campaign("expired") },
  "tcr:sharing": {
    PENDING: campaign("pending"),
    DECLINED: campaign("rejected"),
    ACCEPTED: campaign("pending"),
  },
  "tcr:mno-review": {
    REVIEW: campaign("pending"),
    APPROVED: campaign("approved"),
    REJECTED: campaign("rejected"),
    SUSPENDED: campaign("suspended"),
  },
  "tcr:event": {
    MNO_CAMPAIGN_OPERATION_REVIEW: campaign("pending"),
    MNO_CAMPAIGN_OPERATION_APPROVED: campaign("approved"),
    MNO_CAMPAIGN_OPERATION_REJECTED: campaign("rejected"),
    MNO_CAMPAIGN_OPERATION_SUSPENDED: campaign("suspended"),
    MNO_CAMPAIGN_OPERATION_UNSUSPENDED: campaign("approved"),
  },
  "twilio:brand": {
    PENDING: brand("pending"),
    IN_REVIEW: brand("pending"),
    APPROVED: brand("approved"),
    FAILED: brand("rejected"),
    SUSPENDED: brand("suspended"),
    DELETION_PENDING: brand("cancelled"),
    DELETION_FAILED: brand("rejected"),
  },
  "twilio:campaign": {
    IN_PROGRESS: campaign("pending"),
    VERIFIED: campaign("approved"),
    FAILED: campaign("rejected"),
  },
  // A number listed in a Messaging Service whose US A2P campaign has this `campaign_status`: Twilio shows no
  // status of its own per number, so the campaign's word, seen for a listed number, is the number's.
  "twilio:number": {
    IN_PROGRESS: number("pending"),
    VERIFIED: number("approved"),
    FAILED: number("rejected"),
  },
  "twilio:toll-free": {
    PENDING_REVIEW: tollFree("pending"),
    IN_REVIEW: tollFree("pending"),
    TWILIO_APPROVED: tollFree("approved"),
    TWILIO_REJECTED: tollFree("rejected"),
  },
  "twilio:error": {
    "30034": number("rejected"),
    "30032": tollFree("pending"),
    "30024": number("pending"),
    "30901": campaign("rejected"),
    "30902": campaign("rejected"),
    "30899": campaign("rejected"),
    "30952": campaign("failed"),
    "30991": brand("rejected"),
    "30994": brand("rejected"),
    "21729": campaign("suspended"),
  },
  "telnyx:campaign": {
    TCR_PENDING: campaign("pending"),
    TCR_SUSPENDED: campaign("suspended"),
    TCR_EXPIRED: campaign("expired"),
    TCR_ACCEPTED: campaign("pending"),
    TCR_FAILED: campaign("rejected"),
    TELNYX_ACCEPTED: campaign("pending"),
    TELNYX_FAILED: campaign("rejected"),
    MNO_PENDING: campaign("pending"),
    MNO_ACCEPTED: campaign("approved"),
    MNO_REJECTED: campaign("rejected"),
    MNO_PROVISIONED: campaign("approved"),
    MNO_PROVISIONING_FAILED: campaign("rejected"),
  },
  "telnyx:number": {
    PENDING_ASSIGNMENT: number("pending"),
    ASSIGNED: number("approved"),
    FAILED_ASSIGNMENT: number("rejected"),
    PENDING_UNASSIGNMENT: number("cancelled"),
    FAILED_UNASSIGNMENT: number("rejected"),
  },
  "bandwidth:order": {
    // A TN Option Order's first status, before Bandwidth processes it (its campaign import API guide).
    RECEIVED: number("pending"),
    PROCESSING: number("pending"),
    COMPLETE: number("approved"),
    PARTIAL: number("rejected"),
    FAILED: number("rejected"),
  },
  "bandwidth:number": {
    PROCESSING: number("pending"),
    SUCCESS: number("approved"),
    FAILURE: number("rejected"),
  },
  // Sinch's scheduledProvisioning disappears on success, leaving the campaign linked in smsConfiguration: the
  // adapter reports that as PROVISIONED (its word for "no scheduled provisioning, campaign linked").
  "sinch:number": {
    WAITING: number("pending"),
    IN_PROGRESS: number("pending"),
    FAILED: number("rejected"),
    PROVISIONED: number("approved"),
  },
  // What administrators' consoles show (core's `SmsStatus` words, as the extension posts them): the source of
  // 8x8 customers without a carrier account. Enabling Failed is a failure a person can retry (re-enable);
  // Disabled means SMS was turned off. "disabling-failed" is about a disable, not provisioning: not mapped,
  // and the console source never sends it (see the worker's console provider).
  "console:number": {
    pending: number("pending"),
    enabled: number("approved"),
    "enabling-failed": number("rejected"),
    disabled: number("cancelled"),
  },
  "sinch:error": {
    CAMPAIGN_PENDING_ACCEPTANCE: campaign("pending"),
    CAMPAIGN_MNO_REVIEW: campaign("pending"),
    CAMPAIGN_MNO_REJECTED: campaign("rejected"),
    CAMPAIGN_MNO_SUSPENDED: campaign("suspended"),
    CAMPAIGN_EXPIRED: campaign("expired"),
    EXCEEDED_10DLC_LIMIT: number("rejected"),
  },
};

/**
 * Maps a provider's status word onto the lifecycle. Unknown words return undefined: never guess;
 * the caller records "no change" and flags the record (see `flagUnknownStatus`).
 */
export function mapProviderStatus(provider: string, entity: string, value: string): MappedStatus | undefined {
  const vocabulary = VOCABULARIES[`${provider}:${entity}`];
  return vocabulary && Object.hasOwn(vocabulary, value) ? vocabulary[value] : undefined;
}

/**
 * Folds a per-carrier review map such as `{"10017":"APPROVED","10035":"REVIEW"}` into one campaign status:
 * any rejection or suspension wins, then any review still open; approved only when every carrier approved.
 */
export function foldCarrierReviews(reviews: Readonly<Record<string, string>>): MappedStatus | undefined {
  const outcomes = Object.values(reviews).map((value) => mapProviderStatus("tcr", "mno-review", value));
  if (outcomes.length === 0 || outcomes.some((o) => o === undefined)) return undefined;
  for (const worst of ["rejected", "suspended", "pending"] as const) {
    if (outcomes.some((o) => o?.outcome === worst)) return campaign(worst);
  }
  return campaign("approved");
}
