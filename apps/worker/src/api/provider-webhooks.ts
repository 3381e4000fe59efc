import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { type ProviderEvent, toNanpE164 } from "@sms-doctor/contracts";
import { SIGNATURE_HEADER, verifyWebhook } from "../notify/webhook-signature.js";

/** Unix seconds when the provider sent the webhook. */
export const PROVIDER_TIMESTAMP_HEADER = "telnyx-timestamp";
/** Hex HMAC-SHA256 of `timestamp + "." + rawBody` with the shared secret (the sandbox's carrier signs so). */
export const PROVIDER_SIGNATURE_HEADER = "telnyx-signature-hmac-sha256";

/** Base64 Ed25519 signature of `timestamp + "|" + rawBody`: how Telnyx itself signs webhooks. */
export const PROVIDER_ED25519_HEADER = "telnyx-signature-ed25519";

/** How a provider's webhooks are authenticated: a shared HMAC secret, Telnyx's Ed25519 public key, or both. */
export interface ProviderWebhookKeys {
  secret?: string;
  /** The raw 32-byte Ed25519 public key, base64, as Telnyx's portal shows it. */
  publicKey?: string;
}

const TOLERANCE_SECONDS = 300;
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
const publicKeys = new Map<string, KeyObject>();

function ed25519Key(base64: string): KeyObject {
  let key = publicKeys.get(base64);
  if (!key) {
    const raw = Buffer.from(base64, "base64");
    key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: "der", type: "spki" });
    publicKeys.set(base64, key);
  }
  return key;
}

/**
 * Verifies a provider webhook, the timestamp within five minutes (a captured webhook cannot be
 * replayed later): Telnyx's Ed25519 signature when a public key is configured, else HMAC-SHA256 over
 * timestamp and raw body (the sandbox's carrier; our own `t=…,v1=…` header is accepted too).
 */
export function verifyProviderWebhook(
  keys: ProviderWebhookKeys,
  rawBody: string,
  headers: Record<string, string | string[] | undefined>,
  nowSeconds: number,
): boolean {
  const timestamp = headers[PROVIDER_TIMESTAMP_HEADER];
  const fresh =
    typeof timestamp === "string" &&
    /^\d+$/.test(timestamp) &&
    Math.abs(nowSeconds - Number(timestamp)) <= TOLERANCE_SECONDS;
  const ed25519 = headers[PROVIDER_ED25519_HEADER];
  if (keys.publicKey && typeof ed25519 === "string") {
    if (!fresh) return false;
    try {
      const message = Buffer.from(`${timestamp}|${rawBody}`);
      return verify(null, message, ed25519Key(keys.publicKey), Buffer.from(ed25519, "base64"));
    } catch {
      return false;
    }
  }
  if (!keys.secret) return false;
  const signature = headers[PROVIDER_SIGNATURE_HEADER];
  if (typeof signature === "string" && typeof timestamp === "string" && /^\d+$/.test(timestamp)) {
    return verifyWebhook(keys.secret, rawBody, `t=${timestamp},v1=${signature}`, nowSeconds);
  }
  const ours = headers[SIGNATURE_HEADER];
  return typeof ours === "string" && verifyWebhook(keys.secret, rawBody, ours, nowSeconds);
}

/** The number an event is about, when it is about one. */
export function eventNumber(event: ProviderEvent): string | undefined {
  const raw = event.data.payload.phoneNumber ?? event.data.payload.phone_number;
  return raw ? toNanpE164(raw) : undefined;
}
