import { z } from "zod";
import { verifyWebhook } from "../notify/webhook-signature.js";
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

/** Header names accepted for the HMAC signature of a provider webhook. */
export const PROVIDER_SIGNATURE_HEADERS = ["x-sms-doctor-signature", "x-carrier-signature", "x-signature"];

/** Verifies a provider webhook's HMAC-SHA256 signature over timestamp and raw body. */
export function verifyProviderWebhook(
  secret: string,
  rawBody: string,
  headers: Record<string, string | string[] | undefined>,
  nowSeconds: number,
): boolean {
  for (const name of PROVIDER_SIGNATURE_HEADERS) {
    const value = headers[name];
    if (typeof value === "string") return verifyWebhook(secret, rawBody, value, nowSeconds);
  }
  return false;
}

/** The number an event is about, when it is about one. */
export function eventNumber(event: ProviderEvent): string | undefined {
  const raw = event.data.payload.phoneNumber ?? event.data.payload.phone_number;
  return raw ? toE164(raw) : undefined;
}
