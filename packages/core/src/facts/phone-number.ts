import { parsePhoneNumberFromString } from "libphonenumber-js";

const SEPARATORS = /[\s().\-\u00a0]/g;
const E164 = /^\+[1-9]\d{6,14}$/;
const NANP_DIGITS = /^1?([2-9]\d{9})$/;
/** NANP toll-free area codes (8YY). */
const TOLL_FREE_NPAS = new Set(["800", "833", "844", "855", "866", "877", "888"]);

/**
 * Normalizes a phone number as the console shows it ("+1 (415) 555-0134", "415.555.0134", ...) to E.164.
 * Numbers without a country code are read as North American, as the console does for US/CA accounts.
 * Returns null when the text is not a phone number.
 */
export function toE164(text: string | null | undefined): string | null {
  if (!text) return null;
  const compact = text.replace(SEPARATORS, "");
  // Fast paths for the shapes the console and APIs use; libphonenumber for everything else.
  if (E164.test(compact)) return compact;
  const nanp = NANP_DIGITS.exec(compact);
  if (nanp) return `+1${nanp[1]}`;
  if (compact.startsWith("00") && E164.test(`+${compact.slice(2)}`)) return `+${compact.slice(2)}`;
  const parsed = parsePhoneNumberFromString(text, "US");
  return parsed?.isPossible() ? parsed.number : null;
}

// Region lookups are memoized by area code (+1) or whole number; both stay small and the answer never changes.
const regionByNpa = new Map<string, string | null>();
const regionByNumber = new Map<string, string | null>();
const MAX_MEMO = 10_000;

/** The ISO country of an E.164 number ("US", "CA", "GB", "JM"...), or null when unknown. */
export function regionOf(e164: string): string | null {
  if (e164.startsWith("+1") && e164.length === 12) {
    const npa = e164.slice(2, 5);
    let region = regionByNpa.get(npa);
    if (region === undefined) {
      region = TOLL_FREE_NPAS.has(npa) ? "US" : (parsePhoneNumberFromString(e164)?.country ?? null);
      regionByNpa.set(npa, region);
    }
    return region;
  }
  let region = regionByNumber.get(e164);
  if (region === undefined) {
    const parsed = parsePhoneNumberFromString(e164);
    region = parsed?.country ?? (parsed ? countryOfCallingCode(parsed.countryCallingCode) : null);
    if (regionByNumber.size >= MAX_MEMO) regionByNumber.clear();
    regionByNumber.set(e164, region);
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

/** True for North American toll-free numbers (800, 833, 844, 855, 866, 877, 888). */
export function isTollFree(e164: string): boolean {
  return e164.startsWith("+1") && e164.length === 12 && TOLL_FREE_NPAS.has(e164.slice(2, 5));
}

/** SMS Campaign Registration exists in the United States and Canada only. */
export function isUsOrCanada(region: string | null): boolean {
  return region === "US" || region === "CA";
}
