/**
 * The SMS page in words: what the brand and campaign status mean, and what to change for each registration-form
 * error. Facts from 8x8's articles ("How to register an SMS campaign", "Incorrect Tax info causes Brand
 * rejection"); the wording is ours.
 */
import type { CompanySmsRegistration, RegistrationError, Verdict } from "@sms-doctor/core";
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

/** What to change, by the form field the error sits under (matched loosely on the label's words). */
const fieldAdvice: [RegExp, string][] = [
  [
    /tax|ein|utr/i,
    "Enter the tax number exactly as the tax authority's letter shows it, with the legal company name spelled the same way.",
  ],
  [
    /legal company name/i,
    "Use the registered legal name exactly as on the tax authority's letter, including its suffix (Inc., LLC…).",
  ],
  [
    /description/i,
    "Describe who sends the messages, to whom, and why, in full sentences; carriers reject vague descriptions.",
  ],
  [
    /call to action/i,
    "Say exactly how a recipient opts in (where, how, with what wording) and that consent is collected before any message.",
  ],
  [/opt[- ]?in keyword/i, "List the keywords that subscribe someone, e.g. START, separated by commas."],
  [
    /opt[- ]?in response/i,
    "Include the brand name, what messages to expect, how often, that rates may apply, and how to get help or stop (HELP, STOP).",
  ],
  [
    /opt[- ]?out keyword/i,
    "Include at least STOP; carriers also expect keywords such as CANCEL, END, QUIT, UNSUBSCRIBE.",
  ],
  [
    /opt[- ]?out response/i,
    "Confirm in the reply that the person is unsubscribed and will receive no more messages, naming the brand.",
  ],
  [/help keyword/i, "Include at least HELP (and INFO if you like)."],
  [
    /help response/i,
    "Name the brand and give a way to reach support (phone, email or website) and how to stop (STOP).",
  ],
  [
    /sample/i,
    "Give realistic messages as users will receive them, with the brand name and an opt-out hint (Reply STOP to opt out).",
  ],
  [/dba|brand name/i, "Use the name customers know the company by; it must appear in the sample messages."],
  [/stock/i, "Public companies: give the ticker and the exchange exactly as listed."],
  [
    /duns|giin|lei|alternative business id/i,
    "Check the number against the issuing registry; leave it empty if the company has none.",
  ],
];

export function adviseError(error: RegistrationError): RegistrationErrorView {
  const advice = error.field
    ? fieldAdvice.find(([pattern]) => pattern.test(error.field ?? ""))?.[1]
    : undefined;
  const fix = advice ?? "Correct the value as the message asks, then re-submit the form.";
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

export function explainRegistration(registration: CompanySmsRegistration) {
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
    verdict: registrationVerdict(registration),
  };
}
