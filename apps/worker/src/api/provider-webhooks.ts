import { z } from "zod";
import { SIGNATURE_HEADER, verifyWebhook } from "../notify/webhook-signature.js";
import { toE164 } from "../tracking/phone-number.js";

/**
 * A provider's event about a number, in Telnyx's envelope (`data.id`, `data.event_type`,
 * `data.payload`). Redelivered events carry the same `data.id`.
 */
export const ProviderEventSchema = z.object({
  data: z.object({
    id: z.string().min(1).max(200),
    event_type: z.string().min(1).max(100),
    payload: z.looseObject({
      phoneNumber: z.string().optional(),
      phone_number: z.string().optional(),
      campaignId: z.string().optional(),
    }),
  }),
});
export type ProviderEvent = z.infer<typeof ProviderEventSchema>;

/** Unix seconds when the provider sent the webhook. */
export const PROVIDER_TIMESTAMP_HEADER = "telnyx-timestamp";
/** Hex HMAC-SHA256 of `timestamp + "." + rawBody` with the shared secret (the sandbox's carrier signs so). */
export const PROVIDER_SIGNATURE_HEADER = "telnyx-signature-hmac-sha256";

/**
 * Verifies a provider webhook: HMAC-SHA256 over timestamp and raw body, the timestamp within five
 * minutes (a captured webhook cannot be replayed later). Our own `t=…,v1=…` header is accepted too.
 */
export function verifyProviderWebhook(
  secret: string,
  rawBody: string,
  headers: Record<string, string | string[] | undefined>,
  nowSeconds: number,
): boolean {
  const timestamp = headers[PROVIDER_TIMESTAMP_HEADER];
  const signature = headers[PROVIDER_SIGNATURE_HEADER];
  if (typeof timestamp === "string" && typeof signature === "string" && /^\d+$/.test(timestamp)) {
    return verifyWebhook(secret, rawBody, `t=${timestamp},v1=${signature}`, nowSeconds);
  }
  const ours = headers[SIGNATURE_HEADER];
  return typeof ours === "string" && verifyWebhook(secret, rawBody, ours, nowSeconds);
}

/** The number an event is about, when it is about one. */
export function eventNumber(event: ProviderEvent): string | undefined {
  const raw = event.data.payload.phoneNumber ?? event.data.payload.phone_number;
  return raw ? toE164(raw) : undefined;
}
