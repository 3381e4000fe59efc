import type { CompanySmsRegistration, UserSnapshot } from "@sms-doctor/core";
import type { CarrierEvent, CarrierRegistry } from "../carrier/carrier-registry.js";
import type { TelnyxCampaignStatus } from "../carrier/telnyx-vocabulary.js";
import type { BrandStatus, CampaignError, CampaignStatus } from "../scenario-schema.js";
import { CAMPAIGN_FIELD_NAMES, type CampaignField } from "../scenario-schema.js";
import { CAMPAIGN_FIELDS } from "./campaign-fields.js";
import type { SimulatedClock } from "./clock.js";
import type { License } from "./licenses.js";
import { projectUserSnapshot } from "./user-snapshot-projection.js";
import {
  type CompanyRecord,
  fail,
  type Outcome,
  ok,
  type PhoneNumberRecord,
  type SmsState,
  type UserRecord,
  type WorldError,
} from "./world-types.js";

/** Profile fields an administrator can edit on the user page. */
export interface ProfilePatch {
  firstName?: string;
  lastName?: string;
  email?: string;
  username?: string;
  site?: string;
  language?: string;
  timeZone?: string;
  jobTitle?: string;
  department?: string;
  personalContactNumber?: string;
  extensionNumber?: string;
  phoneNumber?: string | null;
  licenseName?: string | null;
}

const SMS_REGIONS = new Set(["US", "CA"]);
const TO_CARRIER_STATUS: Record<Exclude<CampaignStatus, "not-registered">, TelnyxCampaignStatus> = {
  verified: "MNO_PROVISIONED",
  pending: "MNO_PENDING",
  rejected: "MNO_REJECTED",
  deactivated: "TCR_EXPIRED",
};

/**
 * The company as 8x8 holds it: users, numbers, SMS state and the SMS registration, changed only
 * through operations that follow 8x8's documented behaviour. The console replica, the Administration
 * API imitation and scenario replay all go through here.
 */
export class World {
  readonly clock: SimulatedClock;
  readonly carrier: CarrierRegistry;
  readonly company: CompanyRecord;
  readonly licenses: readonly License[];
  readonly #users = new Map<string, UserRecord>();
  readonly #numbers = new Map<string, PhoneNumberRecord>();
  readonly #history = new Map<string, UserSnapshot[]>();
  /** Campaign errors the carriers will raise when the current review ends in a rejection. */
  #reviewErrors: CampaignError[] = [];
  /** Kept up to date by `#setSms`, so the 48-number check stays cheap in a 10 000-user company. */
  readonly #inCampaign = new Set<string>();

  constructor(clock: SimulatedClock, carrier: CarrierRegistry, company: CompanyRecord, licenses: License[]) {
    this.clock = clock;
    this.carrier = carrier;
    this.company = company;
    this.licenses = licenses;
    carrier.onEvent((event) => this.#onCarrierEvent(event));
  }

  /** Brings the world up to the simulated now: carrier transitions that fell due are applied. */
  sync(): void {
    this.carrier.advanceTo(this.clock.now());
  }

  // ---- reading ----

  users(): UserRecord[] {
    return [...this.#users.values()];
  }

  user(id: string): UserRecord | undefined {
    return this.#users.get(id);
  }

  numbers(): PhoneNumberRecord[] {
    return [...this.#numbers.values()];
  }

  number(phoneNumber: string): PhoneNumberRecord | undefined {
    return this.#numbers.get(phoneNumber);
  }

  userNumbers(user: UserRecord): PhoneNumberRecord[] {
    return user.phoneNumbers.map((n) => this.#numbers.get(n)).filter((n): n is PhoneNumberRecord => !!n);
  }

  license(name: string | null, country: string): License | undefined {
    if (name === null) return undefined;
    return (
      this.licenses.find((l) => l.name === name && l.country === country) ??
      this.licenses.find((l) => l.name === name)
    );
  }

  /** The numbers on the SMS page: enabled, waiting on the carrier, or failed. */
  smsNumbers(): PhoneNumberRecord[] {
    return this.numbers().filter((n) => n.sms.enabled || n.sms.waitingFor !== null);
  }

  /** Numbers held by the campaign: they count towards its limit. */
  campaignNumberCount(): number {
    return this.#inCampaign.size;
  }

  /** What the console shows of the user now, in core's words. */
  snapshot(userId: string): UserSnapshot | undefined {
    const user = this.#users.get(userId);
    return user ? projectUserSnapshot(this, user, this.clock.now()) : undefined;
  }

  /** What the console showed of the user after each change, oldest first. */
  history(userId: string): UserSnapshot[] {
    return [...(this.#history.get(userId) ?? [])];
  }

  /** What Admin Console > SMS shows, in core's words. */
  registration(): CompanySmsRegistration {
    return {
      observedAt: this.clock.nowIso(),
      brand: { status: this.company.brand.status },
      campaign: {
        status: this.company.campaign.status,
        errors: this.company.campaign.errors.map((e) => ({
          field: CAMPAIGN_FIELDS[e.field],
          message: e.message,
        })),
      },
      enabledNumbers: this.smsNumbers().map((n) => ({ number: n.number, status: n.sms.status })),
      numberLimit: this.company.numberLimit,
    };
  }

  // ---- building (scenario loading) ----

  addNumber(record: PhoneNumberRecord): void {
    this.#numbers.set(record.number, record);
  }

  addUser(record: UserRecord): void {
    this.#users.set(record.id, record);
    for (const n of record.phoneNumbers) {
      const number = this.#numbers.get(n);
      if (number) {
        number.assignedTo = record.id;
        if (number.status === "AVAILABLE") number.status = "ASSIGNED";
      }
    }
    this.#record(record.id);
  }

  // ---- user operations ----

  /** Changing a user's phone number disables SMS for the user ("Previously Enabled Users Can't Send SMS"). */
  changePhoneNumber(userId: string, to: string | null): Outcome {
    const user = this.#users.get(userId);
    if (!user) return notFound(userId);
    const invalid = this.#checkPhoneNumber(user, to);
    if (invalid) return { ok: false, error: invalid };
    const from = user.phoneNumbers[0] ?? null;
    if (from === to) return ok();
    this.#disableUserSms(user, "phone-number-changed");
    if (from !== null) {
      const old = this.#numbers.get(from);
      if (old) {
        old.assignedTo = null;
        if (old.status === "ASSIGNED") old.status = "AVAILABLE";
      }
    }
    const rest = user.phoneNumbers.slice(1).filter((n) => n !== to);
    user.phoneNumbers = to === null ? rest : [to, ...rest];
    if (to !== null) {
      const next = this.#numbers.get(to)!;
      next.assignedTo = user.id;
      if (next.status === "AVAILABLE") next.status = "ASSIGNED";
    }
    this.#touch(user);
    return ok();
  }

  /** Any change of license (even remove and re-add of the same one) disables SMS. */
  changeLicense(userId: string, to: string | null): Outcome {
    const user = this.#users.get(userId);
    if (!user) return notFound(userId);
    if (to !== null && !this.licenses.some((l) => l.name === to))
      return fail("unknown_license", "licenseName", `There is no license called "${to}".`);
    if (user.licenseName === to) return ok();
    this.#disableUserSms(user, "license-changed");
    user.licenseName = to;
    this.#touch(user);
    return ok();
  }

  /** The SMS switch plus Save on the user's profile. Only one number per user can have SMS. */
  setSms(userId: string, phoneNumber: string | undefined, enabled: boolean): Outcome<SmsState> {
    const user = this.#users.get(userId);
    if (!user) return notFound(userId);
    const target = phoneNumber ?? user.phoneNumbers[0];
    const number = target === undefined ? undefined : this.#numbers.get(target);
    if (!number || number.assignedTo !== user.id)
      return fail(
        "not_users_number",
        "number",
        `${target ?? "No number"} is not one of ${user.firstName}'s numbers.`,
      );
    if (!enabled) {
      this.#disable(number, "disabled-by-admin");
      this.#touch(user);
      return ok(number.sms);
    }
    if (number.sms.enabled) return ok(number.sms);
    const refused = this.smsEligibility(number, user);
    if (refused) return { ok: false, error: refused };
    for (const other of this.userNumbers(user)) {
      if (other !== number && other.sms.enabled) this.#disable(other, "another-number-enabled");
    }
    this.#enable(number, "enabled-by-admin");
    this.#touch(user);
    return ok(number.sms);
  }

  /** The profile form's Save: validated as a whole first, so a refused save changes nothing. */
  updateProfile(userId: string, patch: ProfilePatch): Outcome<UserRecord> {
    const user = this.#users.get(userId);
    if (!user) return notFound(userId);
    if (patch.phoneNumber !== undefined) {
      const invalid = this.#checkPhoneNumber(user, patch.phoneNumber);
      if (invalid) return { ok: false, error: invalid };
    }
    if (patch.licenseName != null && !this.licenses.some((l) => l.name === patch.licenseName))
      return fail("unknown_license", "licenseName", `There is no license called "${patch.licenseName}".`);
    if (patch.site !== undefined && !this.company.sites.includes(patch.site))
      return fail("unknown_site", "site", `There is no site called "${patch.site}".`);
    if (patch.extensionNumber !== undefined) {
      const taken = this.users().find((u) => u.id !== userId && u.extensionNumber === patch.extensionNumber);
      if (taken)
        return fail(
          "extension_in_use",
          "extensionNumber",
          `Extension ${patch.extensionNumber} already belongs to ${taken.firstName} ${taken.lastName}.`,
        );
    }
    const { phoneNumber, licenseName, ...basics } = patch;
    for (const [key, value] of Object.entries(basics) as [keyof typeof basics, string | undefined][]) {
      if (value !== undefined) user[key] = value;
    }
    if (phoneNumber !== undefined) this.changePhoneNumber(userId, phoneNumber);
    if (licenseName !== undefined) this.changeLicense(userId, licenseName);
    this.#touch(user);
    return ok(user);
  }

  setUserStatus(userId: string, status: "ACTIVE" | "INACTIVE"): Outcome {
    const user = this.#users.get(userId);
    if (!user) return notFound(userId);
    user.status = status;
    this.#touch(user);
    return ok();
  }

  /**
   * The user is deleted (the Administration API's `DELETE /users/{id}`): SMS off on their numbers,
   * which go back to the company's available numbers. Their history stays, as 8x8's audit trail does.
   */
  removeUser(userId: string): Outcome {
    const user = this.#users.get(userId);
    if (!user) return notFound(userId);
    this.#disableUserSms(user, "user-deleted");
    for (const number of this.userNumbers(user)) {
      number.assignedTo = null;
      if (number.status === "ASSIGNED") number.status = "AVAILABLE";
    }
    this.#users.delete(userId);
    return ok();
  }

  /** The user signed in to 8x8 Work (SMS changes reach the app only after a new sign-in). */
  recordLogin(userId: string): Outcome {
    const user = this.#users.get(userId);
    if (!user) return notFound(userId);
    user.lastLoginAt = this.clock.now();
    return ok();
  }

  /** Why SMS cannot be enabled on this number now, or null when it can. */
  smsEligibility(number: PhoneNumberRecord, user: UserRecord | undefined): WorldError | null {
    if (!SMS_REGIONS.has(this.company.country) || !SMS_REGIONS.has(number.country))
      return {
        code: "unsupported_region",
        field: "number",
        message: "SMS is available only for US and Canadian numbers.",
      };
    if (user) {
      if (user.extensionType !== "user")
        return {
          code: "service_extension",
          field: "number",
          message: "Numbers on auto attendants, call queues and ring groups cannot send SMS.",
        };
      const license = this.license(user.licenseName, number.country);
      if (!license?.includesSms)
        return {
          code: "license_without_sms",
          field: "licenseName",
          message: "SMS needs an X2 or higher license.",
        };
    }
    if (number.category === "TOLL_FREE")
      return {
        code: "toll_free_number",
        field: "number",
        message: "Toll-free numbers cannot send SMS in 8x8 Work.",
      };
    if (number.virtual)
      return { code: "virtual_number", field: "number", message: "Virtual numbers cannot send SMS." };
    if (number.temporaryNumber || number.status === "PORTING" || number.status === "PRE_PORTING")
      return {
        code: "number_not_ported",
        field: "number",
        message: "SMS is available once the number has finished porting in.",
      };
    if (this.company.brand.status !== "verified")
      return { code: "brand_not_verified", field: "brand", message: "Your brand must be Verified first." };
    if (this.company.campaign.status !== "verified")
      return {
        code: "campaign_not_verified",
        field: "campaign",
        message: "Your SMS campaign must be VERIFIED before numbers can be enabled.",
      };
    return null;
  }

  // ---- SMS page operations ----

  /** "+ Enable phone numbers": each number is enabled on its own; one refusal does not stop the rest. */
  enableNumbers(phoneNumbers: string[]): Array<{ number: string; error: WorldError | null }> {
    return phoneNumbers.map((phoneNumber, i) => {
      const number = this.#numbers.get(phoneNumber);
      if (!number)
        return {
          number: phoneNumber,
          error: {
            code: "unknown_number",
            field: `numbers.${i}`,
            message: `${phoneNumber} is not a company number.`,
          },
        };
      const owner = number.assignedTo === null ? undefined : this.#users.get(number.assignedTo);
      if (owner) {
        const result = this.setSms(owner.id, phoneNumber, true);
        return { number: phoneNumber, error: result.ok ? null : { ...result.error, field: `numbers.${i}` } };
      }
      if (number.sms.enabled) return { number: phoneNumber, error: null };
      const refused = this.smsEligibility(number, undefined);
      if (refused) return { number: phoneNumber, error: { ...refused, field: `numbers.${i}` } };
      this.#enable(number, "enabled-on-sms-page");
      return { number: phoneNumber, error: null };
    });
  }

  /** "Remove number" on the SMS page. */
  removeNumber(phoneNumber: string): Outcome {
    const number = this.#numbers.get(phoneNumber);
    if (!number || (!number.sms.enabled && number.sms.waitingFor === null))
      return fail("not_sms_enabled", "number", `${phoneNumber} is not on the SMS enabled list.`);
    this.#disable(number, "removed-on-sms-page");
    if (number.assignedTo) this.#touchId(number.assignedTo);
    return ok();
  }

  /** Submits (or re-submits) the campaign form; carriers approve it unless flagged fields are left unchanged. */
  submitCampaign(fields: Record<CampaignField, string>): Outcome {
    const campaign = this.company.campaign;
    if (this.company.brand.status !== "verified")
      return fail(
        "brand_not_verified",
        "brand",
        "Your brand must be Verified before you can register a campaign.",
      );
    if (campaign.status === "verified" || campaign.status === "pending")
      return fail("campaign_locked", "campaign", `The campaign is ${campaign.status} and cannot be edited.`);
    for (const name of CAMPAIGN_FIELD_NAMES) {
      if (fields[name].trim() === "")
        return fail("required", `fields.${name}`, `${CAMPAIGN_FIELDS[name]} is required.`);
    }
    const previousErrors = campaign.status === "rejected" ? campaign.errors : [];
    this.#reviewErrors = previousErrors.filter(
      (e) => fields[e.field].trim() === campaign.fields[e.field].trim(),
    );
    campaign.fields = { ...fields };
    campaign.errors = [];
    campaign.status = "pending";
    campaign.updatedAt = this.clock.now();
    this.carrier.submitCampaign(
      this.#reviewErrors.length > 0
        ? { outcome: "rejected", failureReasons: this.#reviewErrors.map((e) => e.message) }
        : { outcome: "approved" },
    );
    if (!campaign.id) campaign.id = this.carrier.campaign?.campaignId ?? null;
    return ok();
  }

  /** "Deactivate and disable SMS": irreversible, disables SMS on every number. */
  deactivateCampaign(): Outcome {
    const campaign = this.company.campaign;
    if (campaign.status === "not-registered" || campaign.status === "deactivated")
      return fail("no_active_campaign", "campaign", "There is no campaign to deactivate.");
    for (const number of this.smsNumbers()) {
      this.#disable(number, "campaign-deactivated");
      if (number.assignedTo) this.#touchId(number.assignedTo);
    }
    this.carrier.setCampaignStatus("TCR_EXPIRED");
    return ok();
  }

  /** A carrier decision about the campaign (scenario history), as of now. */
  setCampaignStatus(to: Exclude<CampaignStatus, "deactivated">, errors: CampaignError[]): void {
    if (to === "not-registered") {
      this.company.campaign.status = to;
      this.company.campaign.errors = [];
      return;
    }
    this.#reviewErrors = errors;
    this.carrier.setCampaignStatus(
      TO_CARRIER_STATUS[to],
      errors.map((e) => e.message),
    );
  }

  setBrandStatus(to: BrandStatus): void {
    this.company.brand.status = to;
    this.carrier.setBrand({
      identityStatus: to === "verified" ? "VERIFIED" : "UNVERIFIED",
      status: to === "failed" ? "REGISTRATION_FAILED" : to === "pending" ? "REGISTRATION_PENDING" : "OK",
    });
  }

  // ---- internals ----

  #checkPhoneNumber(user: UserRecord, to: string | null): WorldError | null {
    if (to === null) return null;
    const number = this.#numbers.get(to);
    if (!number)
      return { code: "unknown_number", field: "phoneNumber", message: `${to} is not a company number.` };
    if (number.assignedTo !== null && number.assignedTo !== user.id) {
      const owner = this.#users.get(number.assignedTo);
      return {
        code: "number_in_use",
        field: "phoneNumber",
        message: `${to} is already assigned to ${owner ? `${owner.firstName} ${owner.lastName}` : number.assignedTo}.`,
      };
    }
    return null;
  }

  #disableUserSms(user: UserRecord, reason: string): void {
    for (const number of this.userNumbers(user)) {
      if (number.sms.enabled || number.sms.waitingFor === "assignment") this.#disable(number, reason);
    }
  }

  #enable(number: PhoneNumberRecord, reason: string): void {
    const full = this.campaignNumberCount() >= this.company.numberLimit;
    this.#setSms(number, {
      enabled: true,
      status: "pending",
      waitingFor: "assignment",
      reason,
      changedAt: this.clock.now(),
    });
    // The carrier refuses numbers beyond the campaign's limit: the cap holds even if the console accepted it.
    const status = this.carrier.assign(
      number.number,
      full
        ? {
            outcome: "FAILED_ASSIGNMENT",
            failureReasons: `Campaign number limit reached (${this.company.numberLimit} numbers)`,
          }
        : undefined,
    );
    if (status === "ASSIGNED") this.#setSms(number, { ...number.sms, status: "enabled", waitingFor: null });
  }

  #disable(number: PhoneNumberRecord, reason: string): void {
    const assignment = this.carrier.get(number.number);
    const reachedCarriers =
      assignment?.assignmentStatus === "ASSIGNED" || assignment?.assignmentStatus === "FAILED_UNASSIGNMENT";
    this.#setSms(number, {
      enabled: false,
      status: reachedCarriers ? "pending" : number.sms.status === null ? null : "disabled",
      waitingFor: reachedCarriers ? "unassignment" : null,
      reason,
      changedAt: this.clock.now(),
    });
    if (assignment && assignment.assignmentStatus !== "PENDING_UNASSIGNMENT")
      this.carrier.unassign(number.number);
  }

  #setSms(number: PhoneNumberRecord, sms: SmsState): void {
    number.sms = sms;
    if (sms.enabled && sms.status !== "enabling-failed") this.#inCampaign.add(number.number);
    else this.#inCampaign.delete(number.number);
  }

  #onCarrierEvent(event: CarrierEvent): void {
    if (event.kind === "campaign") {
      this.#onCampaignEvent(event.campaign.campaignStatus, event.at);
      return;
    }
    if (event.kind === "brand") return;
    const number = this.#numbers.get(event.assignment.phoneNumber);
    if (!number) return;
    const sms = number.sms;
    const status = event.assignment.assignmentStatus;
    let next: SmsState | null = null;
    if (event.removed) {
      if (sms.waitingFor === "unassignment") next = { ...sms, status: "disabled", waitingFor: null };
    } else if (sms.waitingFor === "assignment" && status === "ASSIGNED") {
      next = { ...sms, status: "enabled", waitingFor: null };
    } else if (sms.waitingFor === "assignment" && status === "FAILED_ASSIGNMENT") {
      next = { ...sms, status: "enabling-failed", waitingFor: null };
    } else if (sms.waitingFor === "unassignment" && status === "FAILED_UNASSIGNMENT") {
      next = { ...sms, status: "disabling-failed", waitingFor: null };
    }
    if (!next) return;
    this.#setSms(number, { ...next, changedAt: event.at });
    if (number.assignedTo) this.#record(number.assignedTo, event.at);
  }

  #onCampaignEvent(status: TelnyxCampaignStatus, at: number): void {
    const campaign = this.company.campaign;
    const before = campaign.status;
    if (status === "MNO_PROVISIONED") {
      campaign.status = "verified";
      campaign.errors = [];
    } else if (status === "MNO_REJECTED" || status === "TCR_FAILED" || status === "TELNYX_FAILED") {
      campaign.status = "rejected";
      campaign.errors = this.#reviewErrors.length
        ? this.#reviewErrors
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
    campaign.id = this.carrier.campaign?.campaignId ?? campaign.id;
    if (before !== campaign.status) campaign.updatedAt = at;
  }

  #touchId(userId: string): void {
    const user = this.#users.get(userId);
    if (user) this.#touch(user);
  }

  #touch(user: UserRecord): void {
    user.updatedAt = this.clock.now();
    this.#record(user.id);
  }

  /** Keeps what the console would show after a change; identical consecutive views are kept once. */
  #record(userId: string, at = this.clock.now()): void {
    const user = this.#users.get(userId);
    if (!user) return;
    const snapshot = projectUserSnapshot(this, user, at);
    const list = this.#history.get(userId) ?? [];
    const last = list.at(-1);
    if (last && sameView(last, snapshot)) return;
    list.push(snapshot);
    this.#history.set(userId, list);
  }
}

function notFound(userId: string): { ok: false; error: WorldError } {
  return fail("user_not_found", "userId", `There is no user with id "${userId}".`);
}

function sameView(a: UserSnapshot, b: UserSnapshot): boolean {
  return JSON.stringify({ ...a, observedAt: "" }) === JSON.stringify({ ...b, observedAt: "" });
}
