/*
 * How long each kind of text we observe may be: what a console or the Administration API shows (a license
 * name, a display name, an error message), hundreds of characters, never megabytes. Every schema of an
 * observation, the fast guard of `diagnose`, the worker's API and the extension's content script take
 * their bounds from here. No zod here: the content script imports these (`@sms-doctor/core/limits`) and must
 * not carry zod.
 */
import type { CompanySmsRegistration } from "./company-registration.js";
import type { UserFormState } from "./user-form-state.js";
import type { UserSnapshot } from "./user-snapshot.js";

/** Longest text of each kind, in UTF-16 code units (what `String.length` and zod's `.max` count). */
export const TEXT_LIMITS = {
  /** A user id: part of a Redis key and of the path `/v1/users/:userId/…`. */
  userId: 128,
  /** A license, display name, site, extension number or registration form field label. */
  name: 200,
  /** A phone number as a console shows it ("+1 (415) 555-0134"). */
  phoneNumber: 64,
  /** An email address (RFC 5321 allows 64 + 1 + 255). */
  email: 320,
  /** An error message the SMS registration form shows. */
  message: 1000,
} as const;

/** Most errors one registration form shows. */
export const MAX_REGISTRATION_ERRORS = 100;

/** Most SMS enabled numbers one company registration lists (a campaign holds 48 by default; some hold thousands). */
export const MAX_ENABLED_NUMBERS = 20_000;

/** Text cut to `max` code units: what a reader of outside text (a page, an API) passes on. */
export const clipText = (text: string, max: number): string =>
  text.length > max ? text.slice(0, max) : text;
const clipOrNull = (text: string | null, max: number): string | null =>
  text === null ? null : clipText(text, max);

/** The snapshot with every text within its bound, but the user id: an identity is refused, never cut. */
export function boundedSnapshot(snapshot: UserSnapshot): UserSnapshot {
  const bounded: UserSnapshot = {
    ...snapshot,
    license: clipOrNull(snapshot.license, TEXT_LIMITS.name),
    phoneNumber: clipOrNull(snapshot.phoneNumber, TEXT_LIMITS.phoneNumber),
    sms: snapshot.sms && {
      ...snapshot.sms,
      number: clipOrNull(snapshot.sms.number, TEXT_LIMITS.phoneNumber),
    },
  };
  if (snapshot.extensionNumber != null)
    bounded.extensionNumber = clipText(snapshot.extensionNumber, TEXT_LIMITS.name);
  if (snapshot.displayName !== undefined)
    bounded.displayName = clipText(snapshot.displayName, TEXT_LIMITS.name);
  if (snapshot.email !== undefined) bounded.email = clipText(snapshot.email, TEXT_LIMITS.email);
  if (snapshot.username !== undefined) bounded.username = clipText(snapshot.username, TEXT_LIMITS.email);
  if (snapshot.site !== undefined) bounded.site = clipText(snapshot.site, TEXT_LIMITS.name);
  return bounded;
}

/** A user's form (predictSave's `UserFormState`) with its texts within their bounds. */
export function boundedForm(form: UserFormState): UserFormState {
  return {
    license: clipOrNull(form.license, TEXT_LIMITS.name),
    phoneNumber: clipOrNull(form.phoneNumber, TEXT_LIMITS.phoneNumber),
    sms: form.sms && { ...form.sms, number: clipOrNull(form.sms.number, TEXT_LIMITS.phoneNumber) },
  };
}

/** The registration with every text, every error list and the numbers list within their bounds. */
export function boundedRegistration(registration: CompanySmsRegistration): CompanySmsRegistration {
  const bounded: CompanySmsRegistration = {
    ...registration,
    campaign: {
      ...registration.campaign,
      errors: registration.campaign.errors.slice(0, MAX_REGISTRATION_ERRORS).map((error) => ({
        ...(error.field !== undefined ? { field: clipText(error.field, TEXT_LIMITS.name) } : {}),
        message: clipText(error.message, TEXT_LIMITS.message),
      })),
    },
  };
  if (registration.enabledNumbers)
    bounded.enabledNumbers = registration.enabledNumbers
      .slice(0, MAX_ENABLED_NUMBERS)
      .map((entry) => ({ ...entry, number: clipText(entry.number, TEXT_LIMITS.phoneNumber) }));
  return bounded;
}
