/** Status words of Telnyx's 10DLC API, verbatim (see shared/docs/provisioning.md). */
export const ASSIGNMENT_STATUSES = [
  "PENDING_ASSIGNMENT",
  "ASSIGNED",
  "FAILED_ASSIGNMENT",
  "PENDING_UNASSIGNMENT",
  "FAILED_UNASSIGNMENT",
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const CAMPAIGN_STATUSES = [
  "TCR_PENDING",
  "TCR_SUSPENDED",
  "TCR_EXPIRED",
  "TCR_ACCEPTED",
  "TCR_FAILED",
  "TELNYX_ACCEPTED",
  "TELNYX_FAILED",
  "MNO_PENDING",
  "MNO_ACCEPTED",
  "MNO_REJECTED",
  "MNO_PROVISIONED",
  "MNO_PROVISIONING_FAILED",
] as const;
export type TelnyxCampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export type BrandIdentityStatus = "SELF_DECLARED" | "UNVERIFIED" | "VERIFIED" | "VETTED_VERIFIED";
export type BrandRegistrationStatus = "OK" | "REGISTRATION_PENDING" | "REGISTRATION_FAILED";

/** Carrier-side number mapping (the sandbox's words: Telnyx documents the fields, not their values). */
export type NumberMappingStatus = "PENDING" | "COMPLETE" | "FAILED";

/** `GET /10dlc/phone_number_campaigns/{phoneNumber}`. */
export interface PhoneNumberCampaign {
  phoneNumber: string;
  campaignId: string;
  brandId: string;
  tcrBrandId: string;
  tcrCampaignId: string;
  assignmentStatus: AssignmentStatus;
  failureReasons: string | null;
  tmobileNumberMappingStatus: NumberMappingStatus;
  nonTmobileNumberMappingStatus: NumberMappingStatus;
  createdAt: string;
  updatedAt: string;
}

/** `GET /10dlc/brand/{brandId}`. */
export interface TelnyxBrand {
  brandId: string;
  tcrBrandId: string;
  displayName: string;
  country: string;
  identityStatus: BrandIdentityStatus;
  status: BrandRegistrationStatus;
  failureReasons: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `GET /10dlc/campaign/{campaignId}`. */
export interface TelnyxCampaign {
  campaignId: string;
  tcrCampaignId: string;
  brandId: string;
  campaignStatus: TelnyxCampaignStatus;
  /** TCR's own activity flag. */
  status: "ACTIVE" | "EXPIRED";
  failureReasons: string[];
  createdAt: string;
  updatedAt: string;
}
