import type { ProviderStatus } from "@sms-doctor/core";
import { CircuitBreaker } from "./circuit-breaker.js";
import { type ProviderAdapter, ProviderError } from "./provider-adapter.js";
import { getProviderJson } from "./provider-http.js";
import { instantOr, parseBody } from "./telnyx-adapter.js";
import {
  TwilioBrandRegistrationSchema,
  TwilioServicePhoneNumbersPageSchema,
  TwilioUsa2pPageSchema,
} from "./twilio-wire.js";

export interface TwilioAdapterOptions {
  /** `https://messaging.twilio.com` (or the sandbox's Twilio dialect). */
  baseUrl: string;
  accountSid: string;
  /** HTTP Basic `AccountSid:AuthToken`; also the key of X-Twilio-Signature. */
  authToken: string;
  /** The Messaging Service (MG…) whose numbers and US A2P campaign are followed. */
  messagingServiceSid: string;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  requestsPerSecond?: number;
  /** Most PhoneNumbers pages read for one check (a service holds at most a few hundred numbers). */
  maxPages?: number;
  breaker?: CircuitBreaker;
}

/** Twilio's largest page (PageSize); one page covers any service's numbers. */
const PAGE_SIZE = 1000;

/**
 * Asks Twilio where a number of a Messaging Service stands in A2P 10DLC (see twilio-wire.ts for the sources).
 * Twilio keeps no status per number: the service's US A2P campaign (UsAppToPerson `campaign_status`) and its
 * brand (BrandRegistration `status`) decide, and a number counts once it is listed in the service. So:
 * campaign not VERIFIED → the brand's status when the brand is not APPROVED, else the campaign's (with its error
 * codes as reasons); VERIFIED → the number's, VERIFIED when listed (pages followed through `next_page_url`),
 * else the campaign's approval (the number still waits to be added and registered). No campaign: nothing known.
 * Twilio's 429 (code 20429) is always safe to retry: it pauses checks like any 429.
 */
export function createTwilioAdapter(options: TwilioAdapterOptions): ProviderAdapter {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const breaker = options.breaker ?? new CircuitBreaker({ failureThreshold: 5, openMs: 30_000 });
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString("base64")}`;
  const service = encodeURIComponent(options.messagingServiceSid);
  const get = (url: string, signal?: AbortSignal) =>
    getProviderJson(url, {
      timeoutMs: options.timeoutMs ?? 5000,
      retries: options.retries ?? 2,
      backoffMs: options.backoffMs ?? 250,
      headers: { authorization },
      ...(signal ? { signal } : {}),
    });

  async function check(number: string, { now, signal }: { now: string; signal?: AbortSignal }) {
    const usa2p = await get(`${baseUrl}/v1/Services/${service}/Compliance/Usa2p`, signal);
    if (usa2p.status === 404) return [];
    const campaign = parseBody(TwilioUsa2pPageSchema, usa2p.body, "US A2P campaign").compliance[0];
    if (!campaign?.campaign_status) return [];
    const campaignAt = instantOr(campaign.date_updated, now);
    const reasons = (campaign.errors ?? []).map((e) => String(e.error_code ?? e.description ?? "error"));
    if (campaign.campaign_status !== "VERIFIED") {
      const brand = await get(
        `${baseUrl}/v1/a2p/BrandRegistrations/${encodeURIComponent(campaign.brand_registration_sid)}`,
        signal,
      );
      if (brand.status !== 404) {
        const b = parseBody(TwilioBrandRegistrationSchema, brand.body, "brand registration");
        if (b.status !== "APPROVED") {
          const status: ProviderStatus = {
            provider: "twilio",
            entity: "brand",
            value: b.status,
            observedAt: instantOr(b.date_updated, now),
          };
          if (b.failure_reason) status.reasons = [b.failure_reason];
          return [status];
        }
      }
      const status: ProviderStatus = {
        provider: "twilio",
        entity: "campaign",
        value: campaign.campaign_status,
        observedAt: campaignAt,
      };
      if (reasons.length) status.reasons = reasons;
      return [status];
    }
    let url: string | null = `${baseUrl}/v1/Services/${service}/PhoneNumbers?PageSize=${PAGE_SIZE}`;
    for (let page = 0; url && page < (options.maxPages ?? 10); page++) {
      const answer = await get(url, signal);
      if (answer.status === 404) break;
      const body = parseBody(TwilioServicePhoneNumbersPageSchema, answer.body, "service phone numbers");
      const listed = body.phone_numbers.find((p) => p.phone_number === number);
      if (listed) {
        return [
          {
            provider: "twilio",
            entity: "number",
            value: "VERIFIED",
            observedAt: instantOr(listed.date_updated, now),
          },
        ];
      }
      url = body.meta.next_page_url ? sameOrigin(body.meta.next_page_url, baseUrl) : null;
    }
    return [{ provider: "twilio", entity: "campaign", value: "VERIFIED", observedAt: campaignAt }];
  }

  return {
    name: "twilio",
    ...(options.requestsPerSecond ? { requestsPerSecond: options.requestsPerSecond } : {}),
    check: (number, context) => breaker.run(() => check(number, context)),
  };
}

/**
 * Twilio's `next_page_url` is absolute (https://messaging.twilio.com/…): followed on the configured base, so
 * the credentials never go to a host a response names.
 */
function sameOrigin(next: string, baseUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(next, baseUrl);
  } catch {
    throw new ProviderError("unavailable", "Twilio: next_page_url is not a URL");
  }
  return `${baseUrl}${parsed.pathname}${parsed.search}`;
}
