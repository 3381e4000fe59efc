import { SnapshotFacts, sameNumber } from "./facts/diagnosis-facts.js";
import { compareInstants, instantMillis } from "./facts/instant.js";
import { lastEnabledSpan } from "./facts/last-enabled.js";
import { licenseSms, sameLicense } from "./facts/license.js";
import { isUsOrCanada, regionOf, toE164 } from "./facts/phone-number.js";
import { fillMessage } from "./format-finding.js";
import {
  type EnabledRecency,
  enabledRecency,
  NUMBER_VERIFICATION_DELAY,
  RECENTLY_ENABLED_WITHIN,
} from "./lifecycle/number-verification.js";
import { toDuration } from "./lifecycle/time.js";
import type { CompanySmsRegistration } from "./schemas/company-registration.js";
import type { ProvisioningRecord } from "./schemas/provisioning-record.js";
import type { UserFormState } from "./schemas/user-form-state.js";
import type { UserSnapshot } from "./schemas/user-snapshot.js";

export type { UserFormState };

/** What `predictSave` reads beyond the form, to tell whether the number was enabled recently. */
export interface SaveContext {
  /** The time, ISO 8601 (core never reads the clock). */
  now: string;
  /** The user's earlier snapshots, in any order. */
  history?: readonly UserSnapshot[];
  /** The carrier provisioning record of the user's SMS number, if tracked. */
  provisioning?: ProvisioningRecord;
}

/** The placeholder values of each prediction; numbers in E.164 (people read them formatted), waits in ISO 8601. */
export interface SavePredictionData {
  smsTurnsOffNumberChanged: { before: string; after: string };
  smsTurnsOffLicenseChanged: { before: string; after: string; number: string };
  smsTurnsOffLicenseRemoved: { before: string; number: string };
  smsTurnsOff: { number: string };
  licenseWithoutSms: { license: string };
  noLicense: Record<string, never>;
  pendingUpTo: { number: string; max: string };
  mayComeBackAtOnce: { number: string; within: string };
  mayComeBackAtOnceIfRecent: { number: string; within: string };
  campaignNotVerified: { status: string; number: string };
}

/** One thing saving the form will do to SMS, as a message id and its data (`formatSavePrediction` words it). */
export type SavePrediction = {
  [K in keyof SavePredictionData]: { id: K; data: SavePredictionData[K] };
}[keyof SavePredictionData];

/** What saving will do, in core's words: the panel shows these before the administrator saves. */
export const SAVE_MESSAGES: Readonly<Record<keyof SavePredictionData, string>> = {
  smsTurnsOffNumberChanged:
    "Saving turns SMS off for the user: changing the phone number from {{before}} to {{after}} turns it off. SMS must then be enabled again for {{after}}.",
  smsTurnsOffLicenseChanged:
    'Saving turns SMS off for the user: changing the license from "{{before}}" to "{{after}}" turns it off. SMS must then be enabled again for {{number}}, even though the number stays the same.',
  smsTurnsOffLicenseRemoved:
    'Saving turns SMS off for the user: removing the license "{{before}}" turns it off, and it stays off after a license is added again. SMS must then be enabled again for {{number}}.',
  smsTurnsOff: "Saving turns SMS off for {{number}}.",
  licenseWithoutSms:
    'The license "{{license}}" does not include SMS: SMS needs an X Series X2 or higher license before it can be enabled.',
  noLicense: "With no license, SMS needs an X Series X2 or higher license assigned before it can be enabled.",
  pendingUpTo:
    "When SMS is enabled for {{number}}, it shows Pending while parties outside 8x8 verify it, for up to {{max}}.",
  mayComeBackAtOnce:
    "SMS was enabled for {{number}} within the last {{within}}, so it may come back Enabled at once rather than Pending.",
  mayComeBackAtOnceIfRecent:
    "If SMS was enabled for {{number}} within the last {{within}}, it may come back Enabled at once rather than Pending.",
  campaignNotVerified:
    "The company's SMS campaign is {{status}}, not VERIFIED: SMS for {{number}} cannot work until it is.",
};

/** A campaign status in the words of the campaign-not-verified sentence. */
const CAMPAIGN_STATUS_WORDS: Readonly<Record<string, string>> = {
  pending: "under review",
  rejected: "rejected",
  deactivated: "deactivated",
  "not-registered": "not registered",
};

const WITHIN = toDuration(RECENTLY_ENABLED_WITHIN);

/**
 * What saving the user's form will do to SMS, before the administrator saves: SMS turning off (a new
 * phone number, a changed or removed license, the switch turned off) and having to be enabled again;
 * for US/Canadian numbers, the Pending wait (the lifecycle's), whether a recently enabled number may
 * come back at once (`RECENTLY_ENABLED_WITHIN`; with no `context` that is unknown, and said so), and a
 * campaign that is not VERIFIED (`company`, when the SMS page was seen). Empty when the change does not
 * touch SMS. Pure.
 */
export function predictSave(
  before: UserFormState,
  after: UserFormState,
  company: CompanySmsRegistration | undefined,
  context?: SaveContext,
): SavePrediction[] {
  const wasOn = before.sms?.enabled === true;
  const willBeOn = after.sms?.enabled === true;
  const numberChanged = !sameNumber(before.phoneNumber, after.phoneNumber);
  const licenseChanged = !sameLicense(before.license, after.license);
  const predictions: SavePrediction[] = [];
  // The number SMS is (or will be) enabled for: the new phone number when it changes, else the SMS number.
  const number = e164(numberChanged ? after.phoneNumber : (after.sms?.number ?? after.phoneNumber));
  if (wasOn) {
    const oldNumber = e164(before.sms?.number ?? before.phoneNumber);
    if (numberChanged) {
      const data = { before: e164(before.phoneNumber), after: number };
      predictions.push({ id: "smsTurnsOffNumberChanged", data });
    } else if (licenseChanged && after.license === null) {
      predictions.push({ id: "smsTurnsOffLicenseRemoved", data: { before: before.license ?? "", number } });
    } else if (licenseChanged) {
      const data = { before: before.license ?? "no license", after: after.license ?? "", number };
      predictions.push({ id: "smsTurnsOffLicenseChanged", data });
    } else if (!willBeOn) {
      predictions.push({ id: "smsTurnsOff", data: { number: oldNumber } });
    } else {
      return predictions; // SMS stays on: the change does not touch it
    }
  } else if (!willBeOn) {
    return predictions; // SMS was off and stays off
  }
  const sms = licenseSms(after.license);
  if (sms === "none") predictions.push({ id: "noLicense", data: {} });
  else if (sms === "no-sms")
    predictions.push({ id: "licenseWithoutSms", data: { license: after.license ?? "" } });
  const region = number.startsWith("+") ? regionOf(number) : null;
  if (!isUsOrCanada(region)) return predictions;
  predictions.push({ id: "pendingUpTo", data: { number, max: NUMBER_VERIFICATION_DELAY.max } });
  // A new number has no recent enabling to reuse; the same number may (8x8), when it was enabled recently.
  if (!numberChanged) {
    const recency = recencyOf(number, context);
    if (recency === "recent") predictions.push({ id: "mayComeBackAtOnce", data: { number, within: WITHIN } });
    else if (recency === "unknown") {
      predictions.push({ id: "mayComeBackAtOnceIfRecent", data: { number, within: WITHIN } });
    }
  }
  const status = company?.campaign.status;
  if (company && status !== "verified") {
    const words = (status && CAMPAIGN_STATUS_WORDS[status]) ?? "unreadable";
    predictions.push({ id: "campaignNotVerified", data: { status: words, number } });
  }
  return predictions;
}

/** A prediction in English, with its placeholders filled (numbers as people read them). */
export function formatSavePrediction(prediction: SavePrediction): string {
  return fillMessage(SAVE_MESSAGES[prediction.id], prediction.data);
}

function e164(text: string | null): string {
  if (text === null) return "the user's number";
  return toE164(text) ?? text;
}

/** When SMS was last enabled for the number, from the history up to `now` (the lifecycle's definition of recent). */
function recencyOf(number: string, context: SaveContext | undefined): EnabledRecency {
  if (!context || !number.startsWith("+")) return "unknown";
  const earlier = (context.history ?? [])
    .filter((s) => compareInstants(s.observedAt, context.now) <= 0)
    .sort((a, b) => compareInstants(a.observedAt, b.observedAt))
    .map((s) => new SnapshotFacts(s));
  return enabledRecency(lastEnabledSpan(earlier, context.provisioning, number), instantMillis(context.now));
}
