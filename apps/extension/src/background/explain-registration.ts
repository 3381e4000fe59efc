/**
 * The SMS page in words: what the brand and campaign status mean, and what to change for each registration-form
 * error (core's `registrationAdvice`, which the campaign-not-verified finding gives too). Facts from 8x8's
 * articles ("How to register an SMS campaign", "Incorrect Tax info causes Brand rejection"); the wording is ours.
 */
import {
  type CompanySmsRegistration,
  type RegistrationError,
  registrationAdvice,
  type Verdict,
} from "@sms-doctor/core";
import type { RegistrationErrorView } from "../messaging/messages";

const brandWords: Record<string, string> = {
  verified: "The brand is Verified (a campaign can be registered only after that).",
  pending:
    "The brand is being verified by The Campaign Registry (minutes, sometimes up to a day). Public for-profit brands must also answer the registry's verification email.",
  unverified:
    "The brand is not verified. The campaign can't be reviewed until it is: check that the legal name and tax details match the tax authority's letter exactly, then save again.",
  failed:
    "The brand was rejected. Rejections usually come from tax details that don't match the tax authority's letter exactly; correct them and save again.",
  unknown: "SMS Doctor couldn't find the brand's status on this page.",
};

const campaignWords: Record<string, string> = {
  verified:
    "The campaign is VERIFIED: US and Canadian numbers can be enabled for SMS. If a user still can't send, check that user's SMS status is Enabled.",
  pending:
    "The campaign is with the carriers for review (usually days, sometimes weeks). Nothing to do unless the form shows errors.",
  rejected:
    "The campaign registration was rejected. Correct every field listed below and re-submit the form; US and Canadian numbers can't send SMS until the campaign is VERIFIED.",
  deactivated:
    "The campaign was deactivated, which disabled SMS on every number. A new campaign must be registered and verified before SMS can be enabled again.",
  "not-registered":
    "No campaign is registered. Since June 17, 2024 SMS from unregistered US and Canadian numbers is blocked: complete and submit the registration form.",
  unknown: "SMS Doctor couldn't find the campaign's status on this page.",
};

export function adviseError(error: RegistrationError): RegistrationErrorView {
  const fix = registrationAdvice(error.field); // core's advice: the same words as the finding's steps
  return error.field ? { field: error.field, message: error.message, fix } : { message: error.message, fix };
}

/** Whether numbers can be SMS-enabled for this company, as far as the SMS page shows. */
export function registrationVerdict(registration: CompanySmsRegistration): Verdict {
  const { brand, campaign } = registration;
  if (campaign.status === "verified") return "can-send";
  if (campaign.status === null && brand.status === null) return "unknown";
  if (campaign.status === "pending" || (campaign.status === null && brand.status === "pending"))
    return "pending";
  return "cannot-send";
}

/** The SMS page panel's one-line summary, by verdict. */
const summaries: Record<Verdict, string> = {
  "can-send": "Campaign VERIFIED: numbers can be enabled for SMS",
  "cannot-send": "The SMS registration needs attention",
  pending: "The SMS registration is under review",
  unknown: "SMS Doctor can't tell the registration's status",
};
export function explainRegistration(registration: CompanySmsRegistration) {
  const verdict = registrationVerdict(registration);
  return {
    brand: {
      status: registration.brand.status,
      explanation: brandWords[registration.brand.status ?? "unknown"] ?? "",
    },
    campaign: {
      status: registration.campaign.status,
      explanation: campaignWords[registration.campaign.status ?? "unknown"] ?? "",
    },
    errors: registration.campaign.errors.map(adviseError),
    verdict,
    summary: summaries[verdict],
  };
}
