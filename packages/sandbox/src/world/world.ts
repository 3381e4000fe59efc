import type { CompanySmsRegistration, UserSnapshot } from "@sms-doctor/core";
import type { CarrierEvent, CarrierRegistry } from "../carrier/carrier-registry.js";
import type { BrandStatus, CampaignError, CampaignField, CampaignStatus } from "../scenario-schema.js";
import { CampaignRegistration } from "./campaign.js";
import { CAMPAIGN_FIELDS } from "./campaign-fields.js";
import { smsAfterAssignment } from "./carrier-events.js";
import type { SimulatedClock } from "./clock.js";
import { Directory } from "./directory.js";
import type { License } from "./licenses.js";
import { smsRefusal } from "./sms-eligibility.js";
import { UserHistory } from "./user-history.js";
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

/**
 * The company as 8x8 holds it: its directory (users, numbers), SMS state and SMS registration, changed
 * only through operations that follow 8x8's documented behaviour. The console replica, the
 * Administration API imitation and scenario replay all go through here. The concerns live in their own
 * modules: `directory.ts`, `sms-eligibility.ts`, `campaign.ts`, `carrier-events.ts`, `user-history.ts`;
 * this class holds the SMS switches that tie them together ("Previously Enabled Users Can't Send SMS
 * Messages": a number or license change disables SMS; one SMS number per user).
 */
export class World {
  readonly clock: SimulatedClock;
  readonly carrier: CarrierRegistry;
  readonly company: CompanyRecord;
  readonly licenses: readonly License[];
  readonly #directory: Directory;
  readonly #campaign: CampaignRegistration;
  readonly #history = new UserHistory();
  /** Kept up to date by `#setSms`, so the 48-number check stays cheap in a 10 000-user company. */
  readonly #inCampaign = new Set<string>();

  constructor(clock: SimulatedClock, carrier: CarrierRegistry, company: CompanyRecord, licenses: License[]) {
    this.clock = clock;
    this.carrier = carrier;
    this.company = company;
    this.licenses = licenses;
    this.#directory = new Directory(licenses);
    this.#campaign = new CampaignRegistration(company, carrier, clock);
    carrier.onEvent((event) => this.#onCarrierEvent(event));
  }

  /** Brings the world up to the simulated now: carrier transitions that fell due are applied. */
  sync(): void {
    this.carrier.advanceTo(this.clock.now());
  }

  // ---- reading ----

  users(): UserRecord[] {
    return this.#directory.users();
  }

  user(id: string): UserRecord | undefined {
    return this.#directory.user(id);
  }

  numbers(): PhoneNumberRecord[] {
    return this.#directory.numbers();
  }

  number(phoneNumber: string): PhoneNumberRecord | undefined {
    return this.#directory.number(phoneNumber);
  }

  userNumbers(user: UserRecord): PhoneNumberRecord[] {
    return this.#directory.userNumbers(user);
  }

  license(name: string | null, country: string): License | undefined {
    return this.#directory.license(name, country);
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
    const user = this.user(userId);
    return user ? projectUserSnapshot(this, user, this.clock.now()) : undefined;
  }

  /** What the console showed of the user after each change, oldest first. */
  history(userId: string): UserSnapshot[] {
    return this.#history.of(userId);
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
    this.#directory.addNumber(record);
  }

  addUser(record: UserRecord): void {
    this.#directory.addUser(record);
    this.#record(record.id);
  }

  // ---- user operations ----

  /** Changing a user's phone number disables SMS for the user ("Previously Enabled Users Can't Send SMS"). */
  changePhoneNumber(userId: string, to: string | null): Outcome {
    const user = this.user(userId);
    if (!user) return notFound(userId);
    const invalid = this.#directory.phoneNumberProblem(user, to);
    if (invalid) return { ok: false, error: invalid };
    if ((user.phoneNumbers[0] ?? null) === to) return ok();
    this.#disableUserSms(user, "phone-number-changed");
    this.#directory.replacePrimaryNumber(user, to);
    this.#touch(user);
    return ok();
  }

  /** Any change of license (even remove and re-add of the same one) disables SMS. */
  changeLicense(userId: string, to: string | null): Outcome {
    const user = this.user(userId);
    if (!user) return notFound(userId);
    if (to !== null && !this.#directory.isLicense(to))
      return fail("unknown_license", "licenseName", `There is no license called "${to}".`);
    if (user.licenseName === to) return ok();
    this.#disableUserSms(user, "license-changed");
    user.licenseName = to;
    this.#touch(user);
    return ok();
  }

  /** The SMS switch plus Save on the user's profile. Only one number per user can have SMS. */
  setSms(userId: string, phoneNumber: string | undefined, enabled: boolean): Outcome<SmsState> {
    const user = this.user(userId);
    if (!user) return notFound(userId);
    const target = phoneNumber ?? user.phoneNumbers[0];
    const number = target === undefined ? undefined : this.number(target);
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
    const user = this.user(userId);
    if (!user) return notFound(userId);
    if (patch.phoneNumber !== undefined) {
      const invalid = this.#directory.phoneNumberProblem(user, patch.phoneNumber);
      if (invalid) return { ok: false, error: invalid };
    }
    if (patch.licenseName != null && !this.#directory.isLicense(patch.licenseName))
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
    const user = this.user(userId);
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
    const user = this.user(userId);
    if (!user) return notFound(userId);
    this.#disableUserSms(user, "user-deleted");
    this.#directory.removeUser(user);
    return ok();
  }

  /** The user signed in to 8x8 Work (SMS changes reach the app only after a new sign-in). */
  recordLogin(userId: string): Outcome {
    const user = this.user(userId);
    if (!user) return notFound(userId);
    user.lastLoginAt = this.clock.now();
    return ok();
  }

  /** Why SMS cannot be enabled on this number now, or null when it can (see `sms-eligibility.ts`). */
  smsEligibility(number: PhoneNumberRecord, user: UserRecord | undefined): WorldError | null {
    return smsRefusal(this.company, number, user, user && this.license(user.licenseName, number.country));
  }

  // ---- SMS page operations ----

  /** "+ Enable phone numbers": each number is enabled on its own; one refusal does not stop the rest. */
  enableNumbers(phoneNumbers: string[]): Array<{ number: string; error: WorldError | null }> {
    return phoneNumbers.map((phoneNumber, i) => {
      const number = this.number(phoneNumber);
      if (!number)
        return {
          number: phoneNumber,
          error: {
            code: "unknown_number",
            field: `numbers.${i}`,
            message: `${phoneNumber} is not a company number.`,
          },
        };
      const owner = number.assignedTo === null ? undefined : this.user(number.assignedTo);
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
    const number = this.number(phoneNumber);
    if (!number || (!number.sms.enabled && number.sms.waitingFor === null))
      return fail("not_sms_enabled", "number", `${phoneNumber} is not on the SMS enabled list.`);
    this.#disable(number, "removed-on-sms-page");
    if (number.assignedTo) this.#touchId(number.assignedTo);
    return ok();
  }

  /** Submits (or re-submits) the campaign form (see `campaign.ts`). */
  submitCampaign(fields: Record<CampaignField, string>): Outcome {
    return this.#campaign.submit(fields);
  }

  /** "Deactivate and disable SMS": irreversible, disables SMS on every number. */
  deactivateCampaign(): Outcome {
    return this.#campaign.deactivate(() => {
      for (const number of this.smsNumbers()) {
        this.#disable(number, "campaign-deactivated");
        if (number.assignedTo) this.#touchId(number.assignedTo);
      }
    });
  }

  /** A carrier decision about the campaign (scenario history), as of now. */
  setCampaignStatus(to: Exclude<CampaignStatus, "deactivated">, errors: CampaignError[]): void {
    this.#campaign.setCampaignStatus(to, errors);
  }

  setBrandStatus(to: BrandStatus): void {
    this.#campaign.setBrandStatus(to);
  }

  // ---- internals ----

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
      this.#campaign.onCarrierStatus(event.campaign.campaignStatus, event.at);
      return;
    }
    if (event.kind === "brand") return;
    const number = this.number(event.assignment.phoneNumber);
    if (!number) return;
    const next = smsAfterAssignment(number.sms, event.assignment, event.removed);
    if (!next) return;
    this.#setSms(number, { ...next, changedAt: event.at });
    if (number.assignedTo) this.#record(number.assignedTo, event.at);
  }

  #touchId(userId: string): void {
    const user = this.user(userId);
    if (user) this.#touch(user);
  }

  #touch(user: UserRecord): void {
    user.updatedAt = this.clock.now();
    this.#record(user.id);
  }

  /** Keeps what the console would show after a change. */
  #record(userId: string, at = this.clock.now()): void {
    const user = this.user(userId);
    if (user) this.#history.record(projectUserSnapshot(this, user, at));
  }
}

function notFound(userId: string): { ok: false; error: WorldError } {
  return fail("user_not_found", "userId", `There is no user with id "${userId}".`);
}
