/**
 * An ISO 8601 instant with an offset: `YYYY-MM-DDTHH:MM:SS[.f+](Z|±HH:MM)`, months 01-12, days 01-31,
 * hours 00-23, minutes and seconds 00-59. One compiled pattern reads the text in a single native pass,
 * cheaper than reading it character by character from JavaScript; this runs for every instant of every
 * diagnosis.
 */
const INSTANT =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The range an instant must fall in: from the Unix epoch to the end of year 9999 (UTC). Earlier instants
 * are not stream ids or epoch milliseconds; later ones would be written with a six-digit year
 * (`+010000-…`) that this very check refuses. Either way, nothing real happens there.
 */
export const INSTANT_RANGE = { earliestMs: 0, latestMs: Date.UTC(9999, 11, 31, 23, 59, 59, 999) } as const;

/**
 * True for an ISO 8601 instant with an offset on a real calendar date (no 31 April, 29 February only in
 * leap years) within `INSTANT_RANGE`. The zod schema uses this very function, so both always agree.
 */
export function isInstant(text: string): boolean {
  if (!INSTANT.test(text)) return false;
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  // Only the years at either end of the range can cross it through their offset: read those in full.
  if (year < 1969) return false;
  if (year <= 1970 || year === 9999) {
    const millis = Date.parse(text);
    if (!(millis >= INSTANT_RANGE.earliestMs && millis <= INSTANT_RANGE.latestMs)) return false;
  }
  // The pattern allows days up to 31 in every month: only days 29-31 need the calendar.
  const day = digit(text, 8) * 10 + digit(text, 9);
  if (day < 29) return true;
  const month = digit(text, 5) * 10 + digit(text, 6);
  if (day > DAYS_IN_MONTH[month - 1]!) return false;
  if (month !== 2) return true;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function digit(text: string, i: number): number {
  return text.charCodeAt(i) - 48;
}
