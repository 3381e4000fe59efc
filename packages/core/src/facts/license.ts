/**
 * What a license allows for SMS: 8x8 requires X2 or higher; Lobby and Basic licenses have no SMS.
 * `unknown` for license names we cannot read, so no rule guesses.
 */
export type LicenseSms = "none" | "sms" | "no-sms" | "unknown";

const X_TIER = /\bX(\d{1,2})\b/i;
const WITHOUT_SMS = /\b(lobby|basic)\b/i;

export function licenseSms(license: string | null): LicenseSms {
  return license === null ? "none" : classify(license);
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
  return collapsed(a) === collapsed(b);
}

const collapsed = (name: string): string => name.trim().replace(/\s+/g, " ");
