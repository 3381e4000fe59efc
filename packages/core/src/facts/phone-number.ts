import { parsePhoneNumberFromString } from "libphonenumber-js";

/** E.164 as written by machines: "+" and 7-15 digits, the first not 0. */
const COMPACT_E164 = /^\+[1-9]\d{6,14}$/;

/** NANP toll-free area codes (8YY). */
const TOLL_FREE_NPAS = new Set(["800", "833", "844", "855", "866", "877", "888"]);

/**
 * Normalizes a phone number as the console shows it ("+1 (415) 555-0134", "415.555.0134", ...) to E.164.
 * Numbers without a country code are read as North American, as the console does for US/CA accounts.
 * Returns null when the text is not a phone number.
 */
export function toE164(text: string | null | undefined): string | null {
  if (!text) return null;
  if (COMPACT_E164.test(text)) return text; // as stored and sent: nothing to read
  // "+" and 7-15 digits, or a North American 10-digit number with or without its leading 1, written with
  // spaces, dashes, dots or brackets: the shapes the console and the APIs use, taken as they are.
  if (/^\+?[\d ()\-.\u00a0]*$/.test(text) && text.indexOf("+", 1) < 0) {
    const digits = text.replace(/\D/g, "");
    const plus = text.startsWith("+");
    if (plus && digits.length >= 7 && digits.length <= 15 && digits[0] !== "0") return `+${digits}`;
    if (!plus && digits.length === 10 && digits[0]! >= "2") return `+1${digits}`;
    if (!plus && digits.length === 11 && digits[0] === "1" && digits[1]! >= "2") return `+${digits}`;
  }
  const parsed = parsePhoneNumberFromString(text, "US");
  return parsed?.isPossible() ? parsed.number : null;
}

/**
 * A phone number as people read it, the way the Admin Console shows it for its country: "+1 415-200-1234"
 * for North American numbers, the international format otherwise ("+44 20 7946 0018"). Text that is not
 * a phone number comes back unchanged. Only for text people read: data, `data-*` attributes and JSON keep
 * E.164.
 */
export function formatPhoneNumberForPeople(e164OrRaw: string): string {
  const e164 = toE164(e164OrRaw);
  if (e164 === null) return e164OrRaw;
  // +1 and ten digits is North American (NANP) whatever its country: the console writes them all alike.
  if (isNanp(e164)) return `+1 ${e164.slice(2, 5)}-${e164.slice(5, 8)}-${e164.slice(8)}`;
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** The ISO country of an E.164 number ("US", "CA", "GB", "JM"...), or null when unknown. */
export function regionOf(e164: string): string | null {
  if (isNanp(e164)) return regionOfAreaCode(e164.slice(2, 5));
  const parsed = parsePhoneNumberFromString(e164);
  return parsed?.country ?? (parsed ? countryOfCallingCode(parsed.countryCallingCode) : null);
}

// Kept because the core bench needs it: asking libphonenumber for every diagnosis's country took
// validated `diagnose` from ~41x to ~6x json-rules-engine (target >= 20x). A North American number's
// country is its area code's (at most 800 of them), so each area code is asked once and remembered.
const regionByAreaCode = new Map<string, string | null>();

function regionOfAreaCode(npa: string): string | null {
  let region = regionByAreaCode.get(npa);
  if (region === undefined) {
    // Toll-free numbers belong to no one country of the plan; a line number in the area code places it.
    region = TOLL_FREE_NPAS.has(npa)
      ? "US"
      : (parsePhoneNumberFromString(`+1${npa}5550100`)?.country ?? null);
    regionByAreaCode.set(npa, region);
  }
  return region;
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
  const e164 = toE164(text);
  return e164 !== null && isNanp(e164) && TOLL_FREE_NPAS.has(e164.slice(2, 5));
}

/** SMS Campaign Registration exists in the United States and Canada only. */
export function isUsOrCanada(region: string | null): boolean {
  return region === "US" || region === "CA";
}

/** "+1" and ten digits: a North American (NANP) number. */
function isNanp(e164: string): boolean {
  return e164.length === 12 && e164.startsWith("+1");
}
