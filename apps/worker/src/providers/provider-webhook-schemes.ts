import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { toNanpE164 } from "@sms-doctor/contracts";
import { z } from "zod";
import type { Config } from "../config.js";
import { parseBandwidthXml } from "./bandwidth-wire.js";

/** What an inbound provider webhook says, once verified: only enough to bring checks forward. */
export interface ProviderHint {
  /** Deduplication key: a redelivery of the same event wakes nothing twice. */
  id: string;
  /** Numbers the event is about (E.164). */
  numbers: string[];
  /** The event is about a campaign or brand: numbers waiting on it are woken. */
  campaign: boolean;
}

export interface WebhookRequest {
  rawBody: string;
  headers: Record<string, string | string[] | undefined>;
  /** The URL the provider called, as it called it (SMS_DOCTOR_PUBLIC_URL + path and query). */
  url: string;
  contentType: string;
}

/** How one provider's webhooks are verified and read, the provider's documented way. */
export interface WebhookScheme {
  verify(request: WebhookRequest): boolean;
  /** The hint, or undefined for a body that is not one of the provider's events (400). */
  read(request: WebhookRequest): ProviderHint | undefined;
}

const header = (headers: WebhookRequest["headers"], name: string) => {
  const value = headers[name];
  return typeof value === "string" ? value : undefined;
};
const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};
const numbersIn = (values: readonly (string | undefined)[]) =>
  values.flatMap((v) => {
    const e164 = v ? toNanpE164(v) : undefined;
    return e164 ? [e164] : [];
  });

/**
 * Twilio: `X-Twilio-Signature` = base64 HMAC-SHA1, keyed with the Auth Token, of the full URL Twilio called
 * followed by every POST parameter sorted by name, each as name + value; a JSON body is signed over the URL
 * alone, which then carries `bodySHA256` = hex SHA-256 of the body
 * (https://www.twilio.com/docs/usage/webhooks/webhooks-security). No timestamp: redeliveries are deduplicated
 * on `I-Twilio-Idempotency-Token`.
 */
export function twilioScheme(authToken: string): WebhookScheme {
  const sign = (text: string) => createHmac("sha1", authToken).update(text, "utf8").digest("base64");
  return {
    verify({ rawBody, headers, url, contentType }) {
      const signature = header(headers, "x-twilio-signature");
      if (!signature) return false;
      if (contentType.includes("application/x-www-form-urlencoded")) {
        const params = [...new URLSearchParams(rawBody)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return same(sign(url + params.map(([k, v]) => k + v).join("")), signature);
      }
      const bodyHash = new URL(url).searchParams.get("bodySHA256");
      const actual = createHash("sha256").update(rawBody, "utf8").digest("hex");
      return bodyHash !== null && same(bodyHash, actual) && same(sign(url), signature);
    },
    read({ rawBody, headers, contentType }) {
      const fields: Record<string, string> = contentType.includes("json")
        ? flatStrings(safeJson(rawBody))
        : Object.fromEntries(new URLSearchParams(rawBody));
      const id =
        header(headers, "i-twilio-idempotency-token") ??
        fields.id ??
        fields.MessageSid ??
        fields.Sid ??
        undefined;
      if (!id) return undefined;
      const numbers = numbersIn([fields.PhoneNumber, fields.phone_number, fields.phonenumber]);
      return { id, numbers, campaign: numbers.length === 0 };
    },
  };
}

const BandwidthNotificationSchema = z.object({
  Notification: z.object({
    OrderId: z.string().optional(),
    Status: z.string().optional(),
    OrderType: z.string().optional(),
    LastModifiedDate: z.string().optional(),
    CompletedTelephoneNumbers: z.object({ TelephoneNumber: z.array(z.string()) }).optional(),
    FailedTelephoneNumbers: z.object({ TelephoneNumber: z.array(z.string()) }).optional(),
  }),
});

/**
 * Bandwidth: order notifications of a subscription are POSTed as XML with the HTTP Basic credentials set on
 * the subscription's callback (Bandwidth's Dashboard API subscriptions); no signature or timestamp, so the
 * credentials are compared in constant time and redeliveries deduplicated on order, status and modification.
 */
export function bandwidthScheme(credentials: string): WebhookScheme {
  const expected = `Basic ${Buffer.from(credentials).toString("base64")}`;
  return {
    verify: ({ headers }) => same(header(headers, "authorization") ?? "", expected),
    read({ rawBody }) {
      let parsed: unknown;
      try {
        parsed = parseBandwidthXml(rawBody);
      } catch {
        return undefined;
      }
      const result = BandwidthNotificationSchema.safeParse(parsed);
      if (!result.success || !result.data.Notification.OrderId) return undefined;
      const n = result.data.Notification;
      const tns = [
        ...(n.CompletedTelephoneNumbers?.TelephoneNumber ?? []),
        ...(n.FailedTelephoneNumbers?.TelephoneNumber ?? []),
      ];
      return {
        id: `${n.OrderId}.${n.Status ?? ""}.${n.LastModifiedDate ?? ""}`,
        numbers: numbersIn(tns),
        campaign: tns.length === 0,
      };
    },
  };
}

const SinchCallbackSchema = z.object({
  eventId: z.string().min(1),
  resourceId: z.string().optional(),
  resourceType: z.string().optional(),
  eventType: z.string().optional(),
});

/**
 * Sinch Numbers callbacks: JSON, `X-Sinch-Signature` = HMAC-SHA1 of the raw body with the callback
 * configuration's `hmacSecret`, computed "on the plain text value before parsing the JSON payload"
 * (https://developers.sinch.com/docs/numbers/api-reference/imported-hosting/imported-numbers-and-hosting-orders-callbacks/hmac-verification);
 * hex or base64 digests are both accepted. Deduplicated on `eventId`; `resourceId` is the number.
 */
export function sinchScheme(secret: string): WebhookScheme {
  return {
    verify({ rawBody, headers }) {
      const signature = header(headers, "x-sinch-signature");
      if (!signature) return false;
      const digest = createHmac("sha1", secret).update(rawBody, "utf8").digest();
      return (
        same(signature.toLowerCase(), digest.toString("hex")) || same(signature, digest.toString("base64"))
      );
    },
    read({ rawBody }) {
      const result = SinchCallbackSchema.safeParse(safeJson(rawBody));
      if (!result.success) return undefined;
      const numbers = numbersIn([result.data.resourceId]);
      return { id: result.data.eventId, numbers, campaign: numbers.length === 0 };
    },
  };
}

/** The webhook schemes the configuration enables (a provider without its secret has none: 404). */
export function webhookSchemesFromConfig(config: Config): Record<string, WebhookScheme> {
  const schemes: Record<string, WebhookScheme> = {};
  if (config.SMS_DOCTOR_TWILIO_AUTH_TOKEN && config.SMS_DOCTOR_PUBLIC_URL)
    schemes.twilio = twilioScheme(config.SMS_DOCTOR_TWILIO_AUTH_TOKEN);
  if (config.SMS_DOCTOR_BANDWIDTH_CALLBACK_CREDENTIALS)
    schemes.bandwidth = bandwidthScheme(config.SMS_DOCTOR_BANDWIDTH_CALLBACK_CREDENTIALS);
  if (config.SMS_DOCTOR_SINCH_CALLBACK_SECRET)
    schemes.sinch = sinchScheme(config.SMS_DOCTOR_SINCH_CALLBACK_SECRET);
  return schemes;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The string fields of a JSON object and of its `data` (CloudEvents carry the event in `data`). */
function flatStrings(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const take = (o: unknown) => {
    if (!o || typeof o !== "object") return;
    for (const [k, v] of Object.entries(o)) if (typeof v === "string" && !Object.hasOwn(out, k)) out[k] = v;
  };
  take(value);
  take((value as { data?: unknown } | undefined)?.data);
  return out;
}
