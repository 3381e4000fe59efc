import { parsePhoneNumberFromString } from "libphonenumber-js";

/** NANP toll-free area codes (8YY). */
const TOLL_FREE_NPAS = new Set([800, 833, 844, 855, 866, 877, 888]);

/**
 * Normalizes a phone number as the console shows it ("+1 (415) 555-0134", "415.555.0134", ...) to E.164.
 * Numbers without a country code are read as North American, as the console does for US/CA accounts.
 * Returns null when the text is not a phone number.
 */
export function toE164(text: string | null | undefined): string | null {
  if (!text) return null;
  const compact = compactDigits(text);
  if (compact !== null) {
    // Fast paths for the shapes the console and APIs use; libphonenumber for everything else.
    const plus = compact.charCodeAt(0) === 43;
    const count = plus ? compact.length - 1 : compact.length;
    if (plus && count >= 7 && count <= 15 && compact.charCodeAt(1) !== 48) return compact;
    if (!plus && count === 10 && compact.charCodeAt(0) >= 50) return `+1${compact}`;
    if (!plus && count === 11 && compact.charCodeAt(0) === 49 && compact.charCodeAt(1) >= 50)
      return `+${compact}`;
  }
  const parsed = parsePhoneNumberFromString(text, "US");
  return parsed?.isPossible() ? parsed.number : null;
}

/** The digits (and a leading +) of a number written with spaces, dashes, dots or brackets; null otherwise. */
function compactDigits(text: string): string | null {
  let clean = true; // already compact: return the text itself, no copy
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 43 && i === 0) continue;
    else if (c === 32 || c === 40 || c === 41 || c === 45 || c === 46 || c === 160) clean = false;
    else return null;
  }
  if (digits === 0) return null;
  if (clean) return text;
  // Join the runs of digits ("+1 (415) 555-0134" → "+1" "415" "555" "0134"): cheaper than char by char.
  let out = text.trimStart().startsWith("+") ? "+" : "";
  let run = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    const digit = c >= 48 && c <= 57;
    if (digit && run < 0) run = i;
    else if (!digit && run >= 0) {
      out += text.slice(run, i);
      run = -1;
    }
  }
  return out;
}

// Region lookups are memoized by area code (+1) or whole number; both stay small and the answer never changes.
const regionByNpa = new Map<number, string | null>();
const regionByNumber = new Map<string, string | null>();
const MAX_MEMO = 10_000;

/** The ISO country of an E.164 number ("US", "CA", "GB", "JM"...), or null when unknown. */
export function regionOf(e164: string): string | null {
  const npa = nanpAreaCode(e164);
  if (npa >= 0) return regionOfNpa(npa);
  let region = regionByNumber.get(e164);
  if (region === undefined) {
    const parsed = parsePhoneNumberFromString(e164);
    region = parsed?.country ?? (parsed ? countryOfCallingCode(parsed.countryCallingCode) : null);
    if (regionByNumber.size >= MAX_MEMO) regionByNumber.clear();
    regionByNumber.set(e164, region);
  }
  return region;
}

/** The country of a number as shown in any common format; null when unknown or not a number. */
export function regionOfText(text: string | null): string | null {
  if (text === null) return null;
  const npa = nanpAreaCode(text);
  if (npa >= 0) return regionOfNpa(npa);
  const e164 = toE164(text);
  return e164 ? regionOf(e164) : null;
}

function regionOfNpa(npa: number): string | null {
  let region = regionByNpa.get(npa);
  if (region === undefined) {
    region = TOLL_FREE_NPAS.has(npa)
      ? "US"
      : (parsePhoneNumberFromString(`+1${npa}5550100`)?.country ?? null);
    regionByNpa.set(npa, region);
  }
  return region;
}

/**
 * The area code of a North American number in any common format ("+1 (415) 555-0134", "415.555.0134"),
 * as a number, or -1 for anything else. Reads characters in place: no string is built.
 */
export function nanpAreaCode(text: string): number {
  let digits = 0;
  let first = -1;
  let npa = 0;
  let plus = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 0) first = c - 48;
      digits++;
      // Area code: digits 1-3 of a 10-digit number, or 2-4 after a leading 1.
      const position = first === 1 ? digits - 1 : digits;
      if (position >= 1 && position <= 3) npa = npa * 10 + (c - 48);
    } else if (c === 43 && digits === 0 && !plus) plus = true;
    else if (c !== 32 && c !== 40 && c !== 41 && c !== 45 && c !== 46 && c !== 160) return -1;
  }
  if (first === 1 ? digits !== 11 : digits !== 10 || plus) return -1;
  return npa >= 200 ? npa : -1;
}

/** Numbers libphonenumber cannot place (test ranges) still belong to their calling code's main country. */
function countryOfCallingCode(code: string): string | null {
  const main: Record<string, string> = {
    "44": "GB",
    "33": "FR",
    "49": "DE",
    "61": "AU",
    "353": "IE",
    "31": "NL",
  };
  return main[code] ?? null;
}

/** True for North American toll-free numbers (800, 833, 844, 855, 866, 877, 888) in any common format. */
export function isTollFree(text: string): boolean {
  return TOLL_FREE_NPAS.has(nanpAreaCode(text));
}

/** SMS Campaign Registration exists in the United States and Canada only. */
export function isUsOrCanada(region: string | null): boolean {
  return region === "US" || region === "CA";
}
