import type { CarrierRegistry } from "../carrier-registry.js";
import type { PhoneNumberCampaign } from "../telnyx-vocabulary.js";

/** One request as a dialect sees it (after the simulated clock has been brought up to date). */
export interface DialectRequest {
  method: string;
  /** The path without the query string, e.g. `/v1/projects/p1/activeNumbers/+14155550100`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  registry: CarrierRegistry;
  /** The simulated clock, epoch ms. */
  now: number;
}

/** An answer in the provider's own words; `stale` gives the answer from the number's previous state. */
export interface DialectAnswer {
  status: number;
  body: unknown;
  stale?: () => unknown;
}

/**
 * A carrier API the simulator speaks: the paths, bodies, auth, errors and rate-limit headers of one provider,
 * over the same simulated registry (the world's brand, campaign and number assignments). Written from each
 * provider's published reference, not from the worker's adapters: the contract tests parse these answers with
 * the adapters' schemas, so either side drifting from the provider's documents shows there.
 */
export interface Dialect {
  name: "twilio" | "bandwidth" | "sinch";
  /** `application/json`, or `application/xml` for Bandwidth's Dashboard API. */
  contentType: string;
  /** Whether the request carries the credentials this simulator was started with. */
  authorized(headers: DialectRequest["headers"], credentials: DialectCredentials): boolean;
  /** The answer to a request, or undefined for a path the provider does not have (404 in its error shape). */
  answer(request: DialectRequest, credentials: DialectCredentials): DialectAnswer | undefined;
  /** The provider's error body for a status (401, 404, 429, 500, 503). */
  error(status: number, detail: string): unknown;
  /** The headers the provider sends with a 429, given the Retry-After the faults ask for. */
  rateLimitHeaders(retryAfterSeconds: number): Record<string, string>;
  /** Serializes a body (JSON, or XML for Bandwidth). */
  serialize(body: unknown): string;
  /** Replaces the status word of a body with one the client never heard of (the unknown-status fault). */
  withUnknownStatus(body: unknown, word: string): unknown;
  /**
   * A carrier event as this provider's webhook, signed its documented way (`data` is the Telnyx-shaped event
   * the dispatcher queues: its id is the provider's event id, its payload the assignment, campaign or brand).
   */
  webhook(
    data: { id: string; event_type: string; occurred_at: string; payload: unknown },
    url: string,
    credentials: DialectCredentials,
  ): { body: string; headers: Record<string, string> };
}

/** What the simulator checks requests against; each dialect reads the fields its provider uses. */
export interface DialectCredentials {
  /** Twilio Account SID, Bandwidth account id or Sinch project id: part of the paths. */
  account: string;
  /** Basic auth user (Twilio Account SID, Bandwidth API user, Sinch key id). */
  user: string;
  /** Basic auth password (Twilio Auth Token, Bandwidth password, Sinch key secret). */
  secret: string;
  /** Twilio's Messaging Service SID. */
  service?: string;
  /** What webhooks are signed with: Bandwidth's callback `user:password`, Sinch's hmacSecret (Twilio: `secret`). */
  webhookSecret?: string;
}

/** `Authorization: Basic base64(user:secret)` as sent. */
export function basicAuthorized(headers: DialectRequest["headers"], user: string, secret: string): boolean {
  return headers.authorization === `Basic ${Buffer.from(`${user}:${secret}`).toString("base64")}`;
}

/** The number's assignment in the registry, as the registry holds it (Telnyx's words), or undefined. */
export function assignmentOf(
  registry: CarrierRegistry,
  phoneNumber: string,
): PhoneNumberCampaign | undefined {
  return registry.get(phoneNumber);
}

/** The world's campaign approved by every carrier (Telnyx's MNO_ACCEPTED / MNO_PROVISIONED). */
export function campaignApproved(registry: CarrierRegistry): boolean {
  const status = registry.campaign?.campaignStatus;
  return status === "MNO_PROVISIONED" || status === "MNO_ACCEPTED";
}

/** The world's campaign rejected somewhere along the way. */
export function campaignRejected(registry: CarrierRegistry): boolean {
  const status = registry.campaign?.campaignStatus ?? "";
  return /FAILED|REJECTED|SUSPENDED|EXPIRED/.test(status);
}
