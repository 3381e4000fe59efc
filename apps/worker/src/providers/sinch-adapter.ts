import { mapProviderStatus, type ProviderStatus } from "@sms-doctor/core";
import { CircuitBreaker } from "./circuit-breaker.js";
import { type ProviderAdapter, ProviderError } from "./provider-adapter.js";
import { getProviderJson } from "./provider-http.js";
import { SinchActiveNumberSchema } from "./sinch-wire.js";
import { instantOr, parseBody } from "./telnyx-adapter.js";

export interface SinchAdapterOptions {
  /** `https://numbers.api.sinch.com` (or the sandbox's Sinch dialect). */
  baseUrl: string;
  projectId: string;
  /** An access key's id and secret: HTTP Basic, which the Numbers API accepts beside OAuth bearer tokens. */
  keyId: string;
  keySecret: string;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  requestsPerSecond?: number;
  breaker?: CircuitBreaker;
}

/** Retried on its own (provisioning.md): Sinch's partner, not the number, is unavailable. */
const RETRYABLE_CODES = new Set(["PARTNER_SERVICE_UNAVAILABLE"]);

/**
 * Asks Sinch's Numbers API where a number's 10DLC provisioning stands
 * (`GET /v1/projects/{projectId}/activeNumbers/{phoneNumber}`, see sinch-wire.ts for the sources):
 * - `smsConfiguration.scheduledProvisioning` present: its `status` (WAITING, IN_PROGRESS, FAILED) is the
 *   number's; its `errorCodes` that name the campaign (CAMPAIGN_MNO_REVIEW, CAMPAIGN_PENDING_ACCEPTANCE, …)
 *   say the campaign is what is waited on, and are reported instead;
 * - absent with a `campaignId`: provisioned and linked (reported as PROVISIONED);
 * - 404 or no campaign: Sinch does not know the number's 10DLC provisioning yet.
 * PARTNER_SERVICE_UNAVAILABLE is retried like a 5xx. 429s pause as everywhere (Retry-After).
 */
export function createSinchAdapter(options: SinchAdapterOptions): ProviderAdapter {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const breaker = options.breaker ?? new CircuitBreaker({ failureThreshold: 5, openMs: 30_000 });
  const authorization = `Basic ${Buffer.from(`${options.keyId}:${options.keySecret}`).toString("base64")}`;

  async function check(number: string, { now, signal }: { now: string; signal?: AbortSignal }) {
    const response = await getProviderJson(
      `${baseUrl}/v1/projects/${encodeURIComponent(options.projectId)}/activeNumbers/${encodeURIComponent(number)}`,
      {
        timeoutMs: options.timeoutMs ?? 5000,
        retries: options.retries ?? 2,
        backoffMs: options.backoffMs ?? 250,
        headers: { authorization },
        ...(signal ? { signal } : {}),
      },
    );
    if (response.status === 404) return [];
    const active = parseBody(SinchActiveNumberSchema, response.body, "active number");
    const sms = active.smsConfiguration;
    const scheduled = sms?.scheduledProvisioning;
    if (!scheduled) {
      if (!sms?.campaignId) return [];
      return [{ provider: "sinch", entity: "number", value: "PROVISIONED", observedAt: now }];
    }
    const codes = scheduled.errorCodes ?? [];
    if (codes.some((code) => RETRYABLE_CODES.has(code)))
      throw new ProviderError("unavailable", `Sinch: ${codes.join(", ")}`, { code: codes.join(",") });
    const observedAt = instantOr(scheduled.lastUpdatedTime, now);
    const campaign: ProviderStatus[] = codes
      .filter((code) => mapProviderStatus("sinch", "error", code)?.stage === "campaign")
      .map((code) => ({ provider: "sinch", entity: "error", value: code, observedAt }));
    if (campaign.length > 0) return campaign;
    const status: ProviderStatus = {
      provider: "sinch",
      entity: "number",
      value: scheduled.status,
      observedAt,
    };
    if (codes.length) status.reasons = codes;
    // A number-level code core knows (EXCEEDED_10DLC_LIMIT) says more than FAILED alone: reported after it.
    const numberCodes = codes
      .filter((code) => mapProviderStatus("sinch", "error", code)?.stage === "number")
      .map((code) => ({ provider: "sinch", entity: "error", value: code, observedAt, reasons: codes }));
    return [status, ...numberCodes];
  }

  return {
    name: "sinch",
    ...(options.requestsPerSecond ? { requestsPerSecond: options.requestsPerSecond } : {}),
    check: (number, context) => breaker.run(() => check(number, context)),
  };
}
