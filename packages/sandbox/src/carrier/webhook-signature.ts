import { createHmac, timingSafeEqual } from "node:crypto";

/** Unix seconds when the webhook was sent. */
export const WEBHOOK_TIMESTAMP_HEADER = "telnyx-timestamp";
/** Hex HMAC-SHA256 of `timestamp + "." + rawBody` with the shared secret. */
export const WEBHOOK_SIGNATURE_HEADER = "telnyx-signature-hmac-sha256";

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/**
 * Checks a webhook the carrier simulator sent: the signature must match and the timestamp be no older
 * than `toleranceSeconds` (replay protection). Receivers use this in their tests.
 */
export function verifyWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  { toleranceSeconds = 300, nowSeconds = Math.floor(Date.now() / 1000) } = {},
): { ok: true } | { ok: false; reason: "missing-headers" | "bad-signature" | "too-old" } {
  const timestamp = headerValue(headers[WEBHOOK_TIMESTAMP_HEADER]);
  const signature = headerValue(headers[WEBHOOK_SIGNATURE_HEADER]);
  if (!timestamp || !signature) return { ok: false, reason: "missing-headers" };
  const expected = Buffer.from(signWebhook(secret, timestamp, body), "hex");
  const given = Buffer.from(signature, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: "bad-signature" };
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return { ok: false, reason: "too-old" };
  return { ok: true };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
