import type { ProviderStatus } from "@sms-doctor/core";
import { BandwidthOrderListSchema, BandwidthOrderSchema, parseBandwidthXml } from "./bandwidth-wire.js";
import { CircuitBreaker } from "./circuit-breaker.js";
import type { ProviderAdapter } from "./provider-adapter.js";
import { getProviderJson } from "./provider-http.js";
import { instantOr, parseBody } from "./telnyx-adapter.js";

export interface BandwidthAdapterOptions {
  /** `https://dashboard.bandwidth.com` (or the sandbox's Bandwidth dialect). */
  baseUrl: string;
  accountId: string;
  /** API credentials for "Number & Account Management" (HTTP Basic). */
  username: string;
  password: string;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  requestsPerSecond?: number;
  breaker?: CircuitBreaker;
}

/** "Bandwidth rate limits all Campaign Management endpoints at 30 requests a minute" (campaign-api). */
export const BANDWIDTH_REQUESTS_PER_SECOND = 30 / 60;
/** Orders read per check, newest first, looking for the one that set the number's campaign. */
const MAX_ORDERS_READ = 3;

/**
 * Asks Bandwidth where a number's 10DLC campaign assignment stands (see bandwidth-wire.ts for the sources): the
 * newest TN Option Order for the number that carries `A2pSettings`, its `ProcessingStatus` in core's
 * `bandwidth:order` words. A PARTIAL order failed for some of its numbers: FAILED for this one when its
 * ErrorList names it, COMPLETE otherwise. No order: Bandwidth was never asked to assign the number.
 */
export function createBandwidthAdapter(options: BandwidthAdapterOptions): ProviderAdapter {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const breaker = options.breaker ?? new CircuitBreaker({ failureThreshold: 5, openMs: 30_000 });
  const authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString("base64")}`;
  const orders = `${baseUrl}/api/accounts/${encodeURIComponent(options.accountId)}/tnoptions`;
  const get = (url: string, signal?: AbortSignal) =>
    getProviderJson(url, {
      timeoutMs: options.timeoutMs ?? 5000,
      retries: options.retries ?? 2,
      backoffMs: options.backoffMs ?? 250,
      headers: { authorization, accept: "application/xml" },
      parse: parseBandwidthXml,
      ...(signal ? { signal } : {}),
    });

  async function check(number: string, { now, signal }: { now: string; signal?: AbortSignal }) {
    const tn = number.replace(/^\+1/, "");
    const list = await get(`${orders}?tn=${encodeURIComponent(tn)}`, signal);
    if (list.status === 404) return [];
    const summaries = [
      ...(parseBody(BandwidthOrderListSchema, list.body, "order list").TnOptionOrders.TnOptionOrderSummary ??
        []),
    ];
    summaries.sort((a, b) => Date.parse(b.OrderDate ?? "") - Date.parse(a.OrderDate ?? ""));
    for (const summary of summaries.slice(0, MAX_ORDERS_READ)) {
      const answer = await get(`${orders}/${encodeURIComponent(summary.OrderId)}`, signal);
      if (answer.status === 404) continue;
      const order = parseBody(BandwidthOrderSchema, answer.body, "TN option order").TnOptionOrder;
      const groups = order.TnOptionGroups?.TnOptionGroup ?? [];
      const sets = groups.some(
        (g) =>
          g.A2pSettings?.CampaignId &&
          (g.TelephoneNumbers?.TelephoneNumber ?? []).some((t) => t.endsWith(tn)),
      );
      if (!sets) continue;
      const errors = (typeof order.ErrorList === "object" ? order.ErrorList.Error : undefined) ?? [];
      const mine = errors.filter((e) => !e.TelephoneNumber || e.TelephoneNumber.endsWith(tn));
      let value = order.ProcessingStatus;
      if (value === "PARTIAL") value = mine.length ? "FAILED" : "COMPLETE";
      const status: ProviderStatus = {
        provider: "bandwidth",
        entity: "order",
        value,
        observedAt: instantOr(order.LastModifiedDate ?? summary.lastModifiedDate, now),
      };
      if (mine.length)
        status.reasons = mine.map((e) => `${e.Code}${e.Description ? `: ${e.Description}` : ""}`);
      return [status];
    }
    return [];
  }

  return {
    name: "bandwidth",
    requestsPerSecond: options.requestsPerSecond ?? BANDWIDTH_REQUESTS_PER_SECOND,
    check: (number, context) => breaker.run(() => check(number, context)),
  };
}
