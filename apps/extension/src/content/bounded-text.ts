/**
 * What a content script sends is read from a page we don't control: every text is cut to core's bounds
 * (`TEXT_LIMITS`, the very ones the background's schemas enforce) before it leaves, so a hostile page can make
 * it send hundreds of characters, never megabytes. From core's `limits` subpath, which carries no zod.
 */
import type { CompanySmsRegistration, UserSnapshot } from "@sms-doctor/core";
import { MAX_ENABLED_NUMBERS, MAX_REGISTRATION_ERRORS, TEXT_LIMITS } from "@sms-doctor/core/limits";

export { TEXT_LIMITS };

const clip = (text: string, max: number): string => (text.length > max ? text.slice(0, max) : text);
const clipOrNull = (text: string | null, max: number): string | null =>
  text === null ? null : clip(text, max);

/** The snapshot with every text within its bound (the user id, from the URL, is checked by the caller). */
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
    bounded.extensionNumber = clip(snapshot.extensionNumber, TEXT_LIMITS.name);
  if (snapshot.displayName !== undefined) bounded.displayName = clip(snapshot.displayName, TEXT_LIMITS.name);
  if (snapshot.email !== undefined) bounded.email = clip(snapshot.email, TEXT_LIMITS.email);
  if (snapshot.site !== undefined) bounded.site = clip(snapshot.site, TEXT_LIMITS.name);
  return bounded;
}

/** The registration with every text, every error list and the numbers list within their bounds. */
export function boundedRegistration(registration: CompanySmsRegistration): CompanySmsRegistration {
  const bounded: CompanySmsRegistration = {
    ...registration,
    campaign: {
      ...registration.campaign,
      errors: registration.campaign.errors.slice(0, MAX_REGISTRATION_ERRORS).map((error) => ({
        ...(error.field !== undefined ? { field: clip(error.field, TEXT_LIMITS.name) } : {}),
        message: clip(error.message, TEXT_LIMITS.message),
      })),
    },
  };
  if (registration.enabledNumbers)
    bounded.enabledNumbers = registration.enabledNumbers
      .slice(0, MAX_ENABLED_NUMBERS)
      .map((entry) => ({ ...entry, number: clip(entry.number, TEXT_LIMITS.phoneNumber) }));
  return bounded;
}
