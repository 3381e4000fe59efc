/** What an extractor returns: the value, or which fields it could not find and why (it never guesses). */
import type { UnreadableField } from "../messaging/message-schemas";

/**
 * A value read from the page, or the fields that could not be read (message-schemas.ts' UnreadableField: `reason` says where
 * it should have been, in the console's words; `waitingFor`, when its section is on the page but closed or still
 * loading, names that section: not read yet, never "off").
 */
export type Reading<T> = { ok: true; value: T } | { ok: false; unreadable: UnreadableField[] };

/** What a reading says, without when it was read: equal for two readings of the same DOM. */
export function contentOf(reading: Reading<{ observedAt: string }>): string {
  if (!reading.ok) return JSON.stringify(reading.unreadable);
  const { observedAt: _observedAt, ...content } = reading.value;
  return JSON.stringify(content);
}

export const sectionMissing = (title: string): string => `the "${title}" section is not on the page`;
export const sectionClosed = (title: string): string => `the "${title}" section is closed or still loading`;
export const labelMissing = (label: string, title: string): string =>
  `no "${label}" field in the "${title}" section`;
