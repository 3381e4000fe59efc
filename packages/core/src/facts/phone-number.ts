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
  if (text === e164Memo.text) return e164Memo.value;
  const value = compactE164(text) ?? libphonenumberE164(text);
  e164Memo.text = text;
  e164Memo.value = value;
  return value;
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
  if (e164.length === 12 && e164.charCodeAt(1) === 49) {
    return `+1 ${e164.slice(2, 5)}-${e164.slice(5, 8)}-${e164.slice(8)}`;
  }
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

function libphonenumberE164(text: string): string | null {
  const parsed = parsePhoneNumberFromString(text, "US");
  return parsed?.isPossible() ? parsed.number : null;
}

/**
 * The last answers of `toE164` and `numberKey`. One diagnosis reads the same few numbers again and again
 * (the current one against each earlier one, in several rules, often as separate but equal strings);
 * comparing the text with `===` (which compares content) is far cheaper than reading it again.
 */
const e164Memo: { text: string; value: string | null } = { text: "", value: null };
const keyMemo = { text0: "", key0: -1, text1: "", key1: -1 };

/**
 * The digits of a number's E.164 form read as one integer (E.164 has at most 15 digits, well inside a
 * double's exact range, and never starts with 0), for the shapes the console and the APIs use: "+" and
 * 7-15 digits, or a North American 10-digit number with or without its leading 1, written with spaces,
 * dashes, dots or brackets. -1 for anything else, which only libphonenumber can read. Equal keys mean the
 * same number, and no string is built: comparing numbers is the common case and must not allocate.
 */
export function numberKey(text: string): number {
  const memo = keyMemo;
  if (text === memo.text0) return memo.key0;
  if (text === memo.text1) return memo.key1;
  const key = readNumberKey(text);
  memo.text1 = memo.text0;
  memo.key1 = memo.key0;
  memo.text0 = text;
  memo.key0 = key;
  return key;
}

function readNumberKey(text: string): number {
  let key = 0;
  let count = 0;
  let first = -1;
  let second = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (count === 0) first = c - 48;
      else if (count === 1) second = c - 48;
      key = key * 10 + (c - 48);
      count++;
    } else if (!isSeparator(c) && !(c === 43 && i === 0)) {
      return -1;
    }
  }
  if (text.charCodeAt(0) === 43) return count >= 7 && count <= 15 && first !== 0 ? key : -1;
  if (count === 10 && first >= 2) return 1e10 + key;
  if (count === 11 && first === 1 && second >= 2) return key;
  return -1;
}

/** What people write between a number's digits: space, brackets, dash, dot, no-break space. */
function isSeparator(c: number): boolean {
  return c === 32 || c === 40 || c === 41 || c === 45 || c === 46 || c === 160;
}

/**
 * The E.164 text of the shapes `numberKey` reads, in one pass; null for anything else. The text itself
 * when already compact; a North American number's digits written out in one go (no intermediate strings:
 * this runs for every number a finding shows); other numbers' digits joined.
 */
function compactE164(text: string): string | null {
  let count = 0;
  let compact = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (count < DIGITS.length) DIGITS[count] = c;
      count++;
    } else if (isSeparator(c)) compact = false;
    else if (c !== 43 || i !== 0) return null;
  }
  const d = DIGITS;
  if (text.charCodeAt(0) === 43) {
    if (count < 7 || count > 15 || d[0] === 48) return null;
    if (compact) return text;
    if (count === 11 && d[0] === 49) return nanpText(1);
    let out = "+";
    for (let i = 0; i < count; i++) out += String.fromCharCode(d[i]!);
    return out;
  }
  // Without "+", only North American shapes: ten digits, or eleven starting with 1.
  if (count === 10 && d[0]! >= 50) return nanpText(0);
  if (count === 11 && d[0] === 49 && d[1]! >= 50) return nanpText(1);
  return null;
}

/** "+1" and the ten digits of a North American number, read from DIGITS at `from`. */
function nanpText(from: number): string {
  const d = DIGITS;
  const f = from;
  return String.fromCharCode(
    43,
    49,
    d[f]!,
    d[f + 1]!,
    d[f + 2]!,
    d[f + 3]!,
    d[f + 4]!,
    d[f + 5]!,
    d[f + 6]!,
    d[f + 7]!,
    d[f + 8]!,
    d[f + 9]!,
  );
}

/** Scratch space for compactE164's digits (E.164 has at most 15). */
const DIGITS = new Uint16Array(15);

// Region lookups are memoized by area code (+1) or whole number; both stay small and the answer never
// changes. Area codes index an array: cheaper than a map lookup, and this runs for every diagnosis.
const regionByNpa: (string | null | undefined)[] = new Array(1000).fill(undefined);
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

/** The country of a number that is not North American in shape (`nanpAreaCode` gave -1). */
export function regionOfOther(text: string): string | null {
  const e164 = toE164(text);
  return e164 ? regionOf(e164) : null;
}

/** The country of a North American area code. */
export function regionOfNpa(npa: number): string | null {
  let region = regionByNpa[npa];
  if (region === undefined) {
    region = TOLL_FREE_NPAS.has(npa)
      ? "US"
      : (parsePhoneNumberFromString(`+1${npa}5550100`)?.country ?? null);
    regionByNpa[npa] = region;
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
    else if (!isSeparator(c)) return -1;
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
  return isTollFreeNpa(nanpAreaCode(text));
}

export function isTollFreeNpa(npa: number): boolean {
  // 8YY: a range check settles every other area code before the set is asked.
  return npa >= 800 && npa <= 899 && TOLL_FREE_NPAS.has(npa);
}

/** SMS Campaign Registration exists in the United States and Canada only. */
export function isUsOrCanada(region: string | null): boolean {
  return region === "US" || region === "CA";
}
