import { brandNotVerified } from "./brand-not-verified.js";
import { campaignDeactivated } from "./campaign-deactivated.js";
import { campaignNotVerified } from "./campaign-not-verified.js";
import { campaignNumberLimit } from "./campaign-number-limit.js";
import { enablingFailed } from "./enabling-failed.js";
import { licenseChanged } from "./license-changed.js";
import { licenseWithoutSms } from "./license-without-sms.js";
import { numberNotPortedYet } from "./number-not-ported-yet.js";
import { phoneNumberChanged } from "./phone-number-changed.js";
import { reloginRequired } from "./relogin-required.js";
import type { Rule, RuleMeta } from "./rule.js";
import { serviceExtension } from "./service-extension.js";
import { smsDisabledByAdmin } from "./sms-disabled-by-admin.js";
import { smsNumberNotPrimary } from "./sms-number-not-primary.js";
import { smsSyncIssue } from "./sms-sync-issue.js";
import { tollFreeNumber } from "./toll-free-number.js";
import { unsupportedRegion } from "./unsupported-region.js";
import { userInactive } from "./user-inactive.js";
import { verificationPending } from "./verification-pending.js";
import { virtualNumber } from "./virtual-number.js";

export type { Rule, RuleMeta } from "./rule.js";

/**
 * Every rule, in the order its findings rank among equals: causes before the symptoms they produce.
 * An inactive account first (nothing else matters until it is active again); then the user's own changes (the article's first three causes) first; then company registration, root
 * before branch (no campaign without a Verified brand; a full campaign refuses numbers); then what
 * keeps a number from ever having SMS; then the statuses that are symptoms (Enabling Failed, Pending);
 * then advice.
 */
export const RULES: readonly Rule[] = [
  userInactive,
  phoneNumberChanged,
  licenseChanged,
  smsDisabledByAdmin,
  brandNotVerified,
  campaignDeactivated,
  campaignNotVerified,
  campaignNumberLimit,
  serviceExtension,
  licenseWithoutSms,
  unsupportedRegion,
  tollFreeNumber,
  virtualNumber,
  numberNotPortedYet,
  smsSyncIssue,
  enablingFailed,
  verificationPending,
  smsNumberNotPrimary,
  reloginRequired,
];

const BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.meta.id, rule]));

/** A rule's metadata (title, article, messages) by id, or undefined for an unknown id. */
export function ruleMeta(ruleId: string): RuleMeta | undefined {
  return BY_ID.get(ruleId)?.meta;
}

/** The ids of every registered rule, in registry order. */
export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.meta.id);
