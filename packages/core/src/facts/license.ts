import { TEXT_LIMITS } from "../schemas/text-limits.js";

/**
 * What a license allows for SMS: 8x8 requires X2 or higher; Lobby and Basic licenses have no SMS.
 * `unknown` for license names we cannot read, so no rule guesses.
 */
export type LicenseSms = "none" | "sms" | "no-sms" | "unknown";

const X_TIER = /\bX(\d{1,2})\b/i;
const WITHOUT_SMS = /\b(lobby|basic)\b/i;

// Companies use a handful of license names: remember the answer per name, bounded in count and, since
// names are the caller's text, in bytes: a name longer than a console shows is answered, not remembered.
const memo = new Map<string, LicenseSms>();
const last: { license: string | null; answer: LicenseSms } = { license: null, answer: "none" };

export function licenseSms(license: string | null): LicenseSms {
  if (license === null) return "none";
  // Users of one company mostly share a license: the last answer usually settles it without a lookup.
  if (license === last.license) return last.answer;
  let answer = memo.get(license);
  if (answer === undefined) {
    answer = classify(license);
    if (license.length <= TEXT_LIMITS.name) {
      if (memo.size >= 1_000) memo.clear();
      memo.set(license, answer);
    }
  }
  last.license = license;
  last.answer = answer;
  return answer;
}

function classify(license: string): LicenseSms {
  if (license.trim() === "") return "none";
  if (WITHOUT_SMS.test(license)) return "no-sms";
  const tier = X_TIER.exec(license);
  if (tier) return Number(tier[1]) >= 2 ? "sms" : "no-sms";
  return "unknown";
}

/** Licenses compare as shown, ignoring surrounding and repeated spaces. */
export function sameLicense(a: string | null, b: string | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  // Walks both names a word at a time instead of building collapsed copies: names differ in most calls.
  let i = skipSpace(a, 0);
  let j = skipSpace(b, 0);
  while (i < a.length && j < b.length) {
    const c = a.charCodeAt(i);
    if (isSpace(c)) {
      i = skipSpace(a, i);
      const before = j;
      j = skipSpace(b, j);
      // A run of spaces inside both names (not at their ends) matches any other such run.
      if (j === before || i === a.length || j === b.length) break;
      continue;
    }
    if (c !== b.charCodeAt(j)) return false;
    i++;
    j++;
  }
  return skipSpace(a, i) === a.length && skipSpace(b, j) === b.length;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** What `\s` matches (the ECMAScript WhiteSpace and LineTerminator characters). */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
