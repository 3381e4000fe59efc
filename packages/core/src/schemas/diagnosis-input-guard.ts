import { isInstant } from "../facts/is-instant.js";
import { BrandStatusSchema, CampaignStatusSchema } from "./company-registration.js";
import type { DiagnosisInput } from "./diagnosis.js";
import { SmsStatusSchema } from "./primitives.js";
import { NumberKindSchema, ProvisioningStageSchema, ProvisioningStateSchema } from "./provisioning-record.js";
import { MAX_ENABLED_NUMBERS, MAX_REGISTRATION_ERRORS, TEXT_LIMITS } from "./text-limits.js";
import {
  AccountStatusSchema,
  ExtensionTypeSchema,
  NumberCategorySchema,
  NumberStatusSchema,
  SnapshotSourceSchema,
} from "./user-snapshot.js";

// A hand-written check that accepts exactly what DiagnosisInputSchema accepts, for the hot path of
// `diagnose`: zod costs microseconds per input, this a small fraction of that. When it says no, zod
// parses again to name the bad fields; a property test holds the two in agreement. A required nullable
// field (`sms`, `status`) needs no presence check: missing reads as undefined, which no check accepts.

type Obj = Record<string, unknown>;

const setOf = (values: readonly string[]) => new Set<unknown>(values);
const SMS_STATUS = setOf(SmsStatusSchema.unwrap().options);
const EXTENSION_TYPE = setOf(ExtensionTypeSchema.options);
const NUMBER_CATEGORY = setOf(NumberCategorySchema.options);
const NUMBER_STATUS = setOf(NumberStatusSchema.options);
const ACCOUNT_STATUS = setOf(AccountStatusSchema.options);
const SOURCE = setOf(SnapshotSourceSchema.options);
const BRAND_STATUS = setOf(BrandStatusSchema.unwrap().options);
const CAMPAIGN_STATUS = setOf(CampaignStatusSchema.unwrap().options);
const STATE = setOf(ProvisioningStateSchema.options);
const STAGE = setOf(ProvisioningStageSchema.options);
const KIND = setOf(NumberKindSchema.options);

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === "string";
const isNonEmpty = (v: unknown) => typeof v === "string" && v.length > 0;
/** A string of at most `max` code units (min 1 when `nonEmpty`), as zod's `.min(1).max(max)`. */
const textUpTo =
  (max: number, nonEmpty = false) =>
  (v: unknown) =>
    typeof v === "string" && v.length <= max && (!nonEmpty || v.length > 0);
const isUserId = textUpTo(TEXT_LIMITS.userId, true);
const isName = textUpTo(TEXT_LIMITS.name);
const isPhoneText = textUpTo(TEXT_LIMITS.phoneNumber);
const isPhoneNumber = textUpTo(TEXT_LIMITS.phoneNumber, true);
const isEmail = textUpTo(TEXT_LIMITS.email);
const isMessage = textUpTo(TEXT_LIMITS.message);
const nameOrNull = (v: unknown) => v === null || isName(v);
const phoneTextOrNull = (v: unknown) => v === null || isPhoneText(v);
const isInst = (v: unknown) => typeof v === "string" && isInstant(v);
/**
 * An instant check that remembers the last text it accepted. Diagnosing a company's users in one go
 * repeats the same `now` and the same registration's `observedAt` in every input: comparing the text
 * settles those without reading the instant again.
 */
function rememberingInstantCheck(): (v: unknown) => boolean {
  let accepted = "1970-01-01T00:00:00Z"; // a valid instant to begin with: nothing else can match it
  return (v) => {
    if (v === accepted) return true;
    if (typeof v !== "string" || !isInstant(v)) return false;
    accepted = v;
    return true;
  };
}
const isNow = rememberingInstantCheck();
const isRegistrationObservedAt = rememberingInstantCheck();
const opt = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);
const arrayOf = (v: unknown, check: (item: unknown) => boolean, max = Number.POSITIVE_INFINITY) => {
  if (!Array.isArray(v) || v.length > max) return false;
  for (const item of v) if (!check(item)) return false;
  return true;
};
// Checkers built once: this runs per diagnosis, so no closure is made per call.
const inSet = (set: Set<unknown>) => (v: unknown) => set.has(v);
const isExtensionType = inSet(EXTENSION_TYPE);
const isNumberCategory = inSet(NUMBER_CATEGORY);
const isNumberStatus = inSet(NUMBER_STATUS);
const isAccountStatus = inSet(ACCOUNT_STATUS);
const isSource = inSet(SOURCE);
const isKind = inSet(KIND);
const isStage = inSet(STAGE);
const isStringArray = (v: unknown) => arrayOf(v, isStr);
const isRaw = (r: unknown) => isObj(r) && isStr(r.provider) && isStr(r.entity) && isStr(r.value);
const isHistory = (h: unknown) => arrayOf(h, isUserSnapshot);
const isEnabledNumbers = (n: unknown) => arrayOf(n, isEnabledNumber, MAX_ENABLED_NUMBERS);

function isSms(v: unknown): boolean {
  if (v === null) return true;
  if (!isObj(v)) return false;
  return (
    (v.number === null || isPhoneNumber(v.number)) &&
    typeof v.enabled === "boolean" &&
    (v.status === null || SMS_STATUS.has(v.status))
  );
}

/** Accepts exactly what UserSnapshotSchema accepts. */
export function isUserSnapshot(v: unknown): boolean {
  return (
    isObj(v) &&
    isUserId(v.userId) &&
    isInst(v.observedAt) &&
    nameOrNull(v.license) &&
    phoneTextOrNull(v.phoneNumber) &&
    isSms(v.sms) &&
    opt(v.extensionNumber, nameOrNull) &&
    opt(v.extensionType, isExtensionType) &&
    opt(v.numberCategory, isNumberCategory) &&
    opt(v.numberStatus, isNumberStatus) &&
    opt(v.userStatus, isAccountStatus) &&
    opt(v.source, isSource) &&
    opt(v.displayName, isName) &&
    opt(v.email, isEmail) &&
    opt(v.site, isName)
  );
}

function isRegistrationError(v: unknown): boolean {
  return isObj(v) && isMessage(v.message) && opt(v.field, isName);
}

function isEnabledNumber(v: unknown): boolean {
  return isObj(v) && isPhoneNumber(v.number) && (v.status === null || SMS_STATUS.has(v.status));
}

/** Accepts exactly what CompanySmsRegistrationSchema accepts. */
export function isCompanySmsRegistration(v: unknown): boolean {
  if (!isObj(v) || !isRegistrationObservedAt(v.observedAt)) return false;
  const { brand, campaign, numberLimit } = v;
  return (
    isObj(brand) &&
    (brand.status === null || BRAND_STATUS.has(brand.status)) &&
    isObj(campaign) &&
    (campaign.status === null || CAMPAIGN_STATUS.has(campaign.status)) &&
    arrayOf(campaign.errors, isRegistrationError, MAX_REGISTRATION_ERRORS) &&
    opt(v.enabledNumbers, isEnabledNumbers) &&
    (numberLimit === undefined || (Number.isSafeInteger(numberLimit) && (numberLimit as number) > 0))
  );
}

function isTransition(v: unknown): boolean {
  return isObj(v) && STATE.has(v.from) && STATE.has(v.to) && isInst(v.at) && isStr(v.cause);
}

/** Accepts exactly what ProvisioningRecordSchema accepts. */
export function isProvisioningRecord(v: unknown): boolean {
  return (
    isObj(v) &&
    isNonEmpty(v.number) &&
    STATE.has(v.state) &&
    isInst(v.since) &&
    opt(v.requestedAt, isInst) &&
    opt(v.lastCheckedAt, isInst) &&
    opt(v.nextCheckAt, isInst) &&
    arrayOf(v.transitions, isTransition) &&
    opt(v.provider, isStr) &&
    opt(v.raw, isRaw) &&
    opt(v.kind, isKind) &&
    opt(v.stage, isStage) &&
    opt(v.lastObservedAt, isInst) &&
    opt(v.reasons, isStringArray) &&
    opt(v.deadline, isInst) &&
    opt(v.flags, isStringArray)
  );
}

/** True exactly when DiagnosisInputSchema would accept the value. */
export function isDiagnosisInput(v: unknown): v is DiagnosisInput {
  return (
    isObj(v) &&
    isNow(v.now) &&
    isUserSnapshot(v.current) &&
    opt(v.history, isHistory) &&
    opt(v.company, isCompanySmsRegistration) &&
    opt(v.provisioning, isProvisioningRecord)
  );
}
