/*
 * How long each kind of text we observe may be: what a console or the Administration API shows (a license
 * name, a display name, an error message), hundreds of characters, never megabytes. Every schema of an
 * observation, the fast guard of `diagnose`, the worker's API and the extension's content script take
 * their bounds from here. No zod here: the content script imports these and must not carry zod.
 */

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
