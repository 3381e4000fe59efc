/** What an extractor returns: the value, or which fields it could not find and why (it never guesses). */
import type { ReadableField, UnreadableField } from "../messaging/message-schemas.js";

/** Fields a person can check on the page (core's ReadableFieldSchema); the panel's "read from this page" list uses the same names. */
export type { ReadableField };

/**
 * A field that could not be read: `reason` says where it should have been, in the console's words; `waitingFor`,
 * when the section it is in is on the page but closed or still loading, names that section (not read yet, never
 * "off").
 */
export type Unreadable = UnreadableField;

export type Reading<T> = { ok: true; value: T } | { ok: false; unreadable: Unreadable[] };

export const sectionMissing = (title: string): string => `the "${title}" section is not on the page`;
export const sectionClosed = (title: string): string => `the "${title}" section is closed or still loading`;
export const labelMissing = (label: string, title: string): string =>
  `no "${label}" field in the "${title}" section`;
