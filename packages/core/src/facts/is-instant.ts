const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True for an ISO 8601 instant with an offset: `YYYY-MM-DDTHH:MM:SS[.f+](Z|±HH:MM)`, a real calendar date.
 * Checked by character codes rather than a regex because every snapshot carries several instants and
 * this is the hot path of `diagnose`; the zod schema uses this very function, so both always agree.
 */
export function isInstant(text: string): boolean {
  const n = text.length;
  if (n < 20) return false;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84) return false;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return false;
  const year = num(text, 0, 4);
  const month = num(text, 5, 2);
  const day = num(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!) return false;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return false;
  const hour = num(text, 11, 2);
  const minute = num(text, 14, 2);
  const second = num(text, 17, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  let i = 19;
  if (text.charCodeAt(i) === 46) {
    i++;
    const start = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    if (i === start) return false;
  }
  const zone = text.charCodeAt(i);
  if (zone === 90) return i === n - 1;
  if ((zone !== 43 && zone !== 45) || i + 6 !== n || text.charCodeAt(i + 3) !== 58) return false;
  const offsetHours = num(text, i + 1, 2);
  const offsetMinutes = num(text, i + 4, 2);
  return offsetHours >= 0 && offsetHours <= 23 && offsetMinutes >= 0 && offsetMinutes <= 59;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The decimal number in text[start, start+count), or -1 when a character is not a digit. */
function num(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return -1;
    value = value * 10 + (c - 48);
  }
  return value;
}
