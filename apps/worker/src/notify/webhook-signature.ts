import { createHmac, timingSafeEqual } from "node:crypto";

/*
 * Two webhook signing schemes share one MAC, hex HMAC-SHA256 of `<unix seconds>.<raw body>`:
 * - SMS Doctor's own, on the webhooks the worker sends (transitions, finding alerts): one header,
 *   `x-sms-doctor-signature: t=<seconds>,v1=<mac>`;
 * - a carrier's HMAC scheme, on the webhooks it sends us (the sandbox's carrier simulator signs so, in
 *   Telnyx's header names): `telnyx-timestamp` and `telnyx-signature-hmac-sha256` apart. The sandbox
 *   implements its side independently (it plays the outside world); here is only what the worker checks.
 * Telnyx's own Ed25519 signatures are verified in api/provider-webhooks.ts.
 */

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` on the webhooks SMS Doctor sends. */
export const SIGNATURE_HEADER = "x-sms-doctor-signature";

/** A webhook older or newer than this is refused: a captured one cannot be replayed later. */
const TOLERANCE_SECONDS = 300;

/** The MAC both schemes carry. */
function timestampedMac(secret: string, timestampSeconds: number | string, body: string): Buffer {
  return createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest();
}

/** True when `signatureHex` is the MAC of `timestamp` and `body` and the timestamp is within the tolerance. */
export function verifyTimestampedHmac(
  secret: string,
  body: string,
  timestampSeconds: number,
  signatureHex: string,
  nowSeconds: number,
  toleranceSeconds = TOLERANCE_SECONDS,
): boolean {
  if (!Number.isInteger(timestampSeconds) || Math.abs(nowSeconds - timestampSeconds) > toleranceSeconds)
    return false;
  const expected = timestampedMac(secret, timestampSeconds, body);
  const given = Buffer.from(signatureHex, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Signs a webhook SMS Doctor sends: HMAC-SHA256 over the timestamp and the body, so a receiver can
 * reject both forged bodies and replays of old ones. → the `SIGNATURE_HEADER` value.
 */
export function signSmsDoctorWebhook(secret: string, body: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${timestampedMac(secret, timestampSeconds, body).toString("hex")}`;
}

/** Verifies a `SIGNATURE_HEADER` made by `signSmsDoctorWebhook`, within `toleranceSeconds` of `nowSeconds`. */
export function verifySmsDoctorWebhook(
  secret: string,
  body: string,
  header: string | undefined,
  nowSeconds: number,
  toleranceSeconds = TOLERANCE_SECONDS,
): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(
    header.split(",").map((part) => {
      const eq = part.indexOf("=");
      return [part.slice(0, eq).trim(), part.slice(eq + 1).trim()];
    }),
  );
  return verifyTimestampedHmac(
    secret,
    body,
    Number(parts.t),
    String(parts.v1 ?? ""),
    nowSeconds,
    toleranceSeconds,
  );
}
