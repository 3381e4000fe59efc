/**
 * What a license allows for SMS: 8x8 requires X2 or higher; Lobby and Basic licenses have no SMS.
 * `unknown` for license names we cannot read, so no rule guesses.
 */
export type LicenseSms = "none" | "sms" | "no-sms" | "unknown";

const X_TIER = /\bX(\d{1,2})\b/i;
const WITHOUT_SMS = /\b(lobby|basic)\b/i;

// Companies use a handful of license names: remember the answer per name (bounded all the same).
const memo = new Map<string, LicenseSms>();

export function licenseSms(license: string | null): LicenseSms {
  if (license === null) return "none";
  let answer = memo.get(license);
  if (answer === undefined) {
    answer = classify(license);
    if (memo.size >= 1_000) memo.clear();
    memo.set(license, answer);
  }
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
  return a.trim().replace(/\s+/g, " ") === b.trim().replace(/\s+/g, " ");
}
