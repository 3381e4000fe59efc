import { PhoneNumberCampaignSchema, TelnyxCampaignSchema } from "@sms-doctor/contracts";
import { mapProviderStatus, type ProviderStatus } from "@sms-doctor/core";
import type { z } from "zod";
import { CircuitBreaker } from "./circuit-breaker.js";
import { type ProviderAdapter, ProviderError } from "./provider-adapter.js";
import { getProviderJson } from "./provider-http.js";

export interface TelnyxAdapterOptions {
  /** Recorded on tracking records: `telnyx`, or `sandbox` for the carrier simulator that speaks Telnyx. */
  name?: string;
  /** e.g. `https://api.telnyx.com/v2`. */
  baseUrl: string;
  apiKey?: string;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  requestsPerSecond?: number;
  breaker?: CircuitBreaker;
}

/**
 * Asks Telnyx (or the sandbox's carrier simulator, which speaks the same API) where a number stands.
 * While the number still waits for assignment, its campaign is asked too: a pending assignment means
 * little while the carriers have not approved the campaign, and the lifecycle must say which it is.
 * Unknown status words are passed on as they are: core flags them and changes nothing.
 */
export function createTelnyxAdapter(options: TelnyxAdapterOptions): ProviderAdapter {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const breaker = options.breaker ?? new CircuitBreaker({ failureThreshold: 5, openMs: 30_000 });
  const http = (signal?: AbortSignal) => ({
    timeoutMs: options.timeoutMs ?? 5000,
    retries: options.retries ?? 2,
    backoffMs: options.backoffMs ?? 250,
    headers: (options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) as Record<string, string>,
    ...(signal ? { signal } : {}),
  });

  async function check(number: string, { now, signal }: { now: string; signal?: AbortSignal }) {
    const assignment = await getProviderJson(
      `${baseUrl}/10dlc/phone_number_campaigns/${encodeURIComponent(number)}`,
      http(signal),
    );
    if (assignment.status === 404) return [];
    const parsed = parseBody(PhoneNumberCampaignSchema, assignment.body, "phone number campaign");
    if (!parsed.assignmentStatus) return [];
    const statuses: ProviderStatus[] = [];
    if (parsed.assignmentStatus === "PENDING_ASSIGNMENT" && parsed.campaignId) {
      const campaign = await getProviderJson(
        `${baseUrl}/10dlc/campaign/${encodeURIComponent(parsed.campaignId)}`,
        http(signal),
      );
      if (campaign.status !== 404) {
        const c = parseBody(TelnyxCampaignSchema, campaign.body, "campaign");
        // Only a campaign still under review (or rejected) says something the assignment does not: an
        // approved campaign's old approval date would make a fresh number look months old.
        if (
          c.campaignStatus &&
          mapProviderStatus("telnyx", "campaign", c.campaignStatus)?.outcome !== "approved"
        ) {
          statuses.push({
            provider: "telnyx",
            entity: "campaign",
            value: c.campaignStatus,
            observedAt: instantOr(c.updatedAt ?? c.updateDate, now),
          });
          return statuses;
        }
      }
    }
    const status: ProviderStatus = {
      provider: "telnyx",
      entity: "number",
      value: parsed.assignmentStatus,
      observedAt: instantOr(parsed.updatedAt, now),
    };
    if (parsed.failureReasons) status.reasons = [parsed.failureReasons];
    // T-Mobile maps numbers apart from the other carriers: both kept, for per-carrier readiness.
    const carriers = [
      ["tmobile", parsed.tmobileNumberMappingStatus],
      ["nonTmobile", parsed.nonTmobileNumberMappingStatus],
    ].flatMap(([group, value]) => (value ? [{ group: group!, value }] : []));
    if (carriers.length) status.carriers = carriers;
    statuses.push(status);
    return statuses;
  }

  return {
    name: options.name ?? "telnyx",
    ...(options.requestsPerSecond ? { requestsPerSecond: options.requestsPerSecond } : {}),
    check: (number, context) => breaker.run(() => check(number, context)),
  };
}

/** Parses a provider body with its wire schema; a mismatch is `unavailable` (retried), naming the field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ProviderError(
    "unavailable",
    `the provider's ${what} is malformed: ${issue?.path.join(".") || "(body)"}: ${issue?.message}`,
  );
}

/** A provider timestamp as an ISO instant, or `fallback` when it is missing or unreadable. */
export function instantOr(value: string | null | undefined, fallback: string): string {
  const ms = value ? Date.parse(value) : Number.NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : fallback;
}
