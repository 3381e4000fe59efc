/** What an extractor returns: the value, or which fields it could not find and why (it never guesses). */

/** Fields a person can check on the page; the panel's "read from this page" list uses the same names. */
export type ReadableField =
  | "license"
  | "phoneNumber"
  | "extensionNumber"
  | "smsNumber"
  | "smsEnabled"
  | "smsStatus"
  | "brandStatus"
  | "campaignStatus"
  | "enabledNumbers";

export interface Unreadable {
  field: ReadableField;
  /** Where it should have been, in the console's words, e.g. `the "SMS enabled numbers" section`. */
  reason: string;
}

export type Reading<T> = { ok: true; value: T } | { ok: false; unreadable: Unreadable[] };

export const sectionMissing = (title: string): string => `the "${title}" section is not on the page`;
export const labelMissing = (label: string, title: string): string =>
  `no "${label}" field in the "${title}" section`;
