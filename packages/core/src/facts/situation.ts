import type { DiagnosisFacts } from "./diagnosis-facts.js";

/**
 * Coarse situations a diagnosis can be in, one bit each. A rule names the situations in which it can
 * find anything (`Rule.triggers`), and `evaluateRules` calls it only when one of them holds, the way
 * ESLint calls a rule only for the node types it listens to: a healthy user's diagnosis then calls one
 * rule rather than seventeen. A property test holds every rule to its triggers.
 */
export const Situation = {
  /** SMS is visibly off for the user (switch off or Disabled). */
  SmsOff: 1 << 0,
  /** The source cannot see SMS (e.g. the Administration API). */
  SmsUnseen: 1 << 1,
  /** The SMS status shows Enabled. */
  Enabled: 1 << 2,
  /** The SMS status shows Pending. */
  Pending: 1 << 3,
  /** The SMS status shows Enabling Failed. */
  EnablingFailed: 1 << 4,
  /** SMS is not on for the user's own phone number (off, unseen, or on for another number). */
  NotOnForPhoneNumber: 1 << 5,
  /** The number is placed in a country other than the US and Canada. */
  OutsideUsCa: 1 << 6,
  /** The company's registration was never seen, is not all VERIFIED, or lists its enabled numbers. */
  Registration: 1 << 7,
  /** The license shown has no SMS, or there is none. */
  LicenseWithoutSms: 1 << 8,
  /** The extension's kind, the number's category or its porting status is known. */
  NumberDetails: 1 << 9,
  /** The number is a North American toll-free number. */
  TollFree: 1 << 10,
  /** The source shows the user's account as inactive. */
  AccountInactive: 1 << 11,
} as const;

/** The situations the facts show, as bits of `Situation`. */
export function situationsOf(facts: DiagnosisFacts): number {
  const { current, company } = facts;
  const status = current.smsStatus;
  let situations =
    (current.smsOff ? Situation.SmsOff : 0) |
    (current.smsVisible ? 0 : Situation.SmsUnseen) |
    (current.smsOnForPhoneNumber ? 0 : Situation.NotOnForPhoneNumber) |
    (facts.region !== null && !facts.usCa ? Situation.OutsideUsCa : 0) |
    (facts.tollFree ? Situation.TollFree : 0) |
    (current.snapshot.userStatus === "inactive" ? Situation.AccountInactive : 0);
  if (status === "enabled") situations |= Situation.Enabled;
  else if (status === "pending") situations |= Situation.Pending;
  else if (status === "enabling-failed") situations |= Situation.EnablingFailed;
  if (
    company === undefined ||
    company.brand.status !== "verified" ||
    company.campaign.status !== "verified" ||
    company.enabledNumbers !== undefined
  ) {
    situations |= Situation.Registration;
  }
  if (facts.licenseSms === "none" || facts.licenseSms === "no-sms") situations |= Situation.LicenseWithoutSms;
  if (
    facts.extensionType !== undefined ||
    facts.numberCategory !== undefined ||
    facts.numberStatus !== undefined
  ) {
    situations |= Situation.NumberDetails;
  }
  return situations;
}
