/** US and Canadian numbers share the North American Numbering Plan: +1, then NPA and NXX not starting with 0 or 1. */
export const NANP_E164 = /^\+1[2-9]\d{2}[2-9]\d{6}$/;

/**
 * Normalizes a US/Canadian number written in any common way ("(415) 555-0100", "14155550100",
 * "+1 415 555 0100") to E.164, or returns undefined when it is not one.
 */
export function toE164(input: string): string | undefined {
  if (input.length > 32) return undefined;
  if (!/^[+\d\s().-]+$/.test(input)) return undefined;
  const digits = input.replace(/\D/g, "");
  const e164 = digits.length === 10 ? `+1${digits}` : digits.length === 11 ? `+${digits}` : undefined;
  return e164 && NANP_E164.test(e164) ? e164 : undefined;
}
