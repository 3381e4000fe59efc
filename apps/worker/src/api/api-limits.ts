import { TEXT_LIMITS } from "@sms-doctor/core";

/*
 * What one tenant, one address or one connection may take from the status API: every limit in one place,
 * each named the way a refused request's body names it (`error.limit`) and the README's limits table does.
 * A tenant over a limit gets 413 (too big) or 429 (too many); the other tenants never notice.
 */

/** Per-tenant quotas on what the API stores. */
export interface TenantQuotas {
  /** `snapshot-bytes`: one user snapshot, as stored JSON. */
  snapshotBytes: number;
  /** `registration-bytes`: the company's SMS registration, as stored JSON. */
  registrationBytes: number;
  /** `users-with-history`: users whose shared history the tenant keeps (a user counts as long as its history is kept, `HISTORY_TTL_SECONDS` after its last snapshot). */
  usersWithHistory: number;
  /** `tracked-numbers`: tracking records the tenant keeps, final ones included. */
  trackedNumbers: number;
}

export const DEFAULT_TENANT_QUOTAS: TenantQuotas = {
  // Every text of a snapshot is bounded by core's TEXT_LIMITS: all of them at once fit in a few KiB.
  snapshotBytes: 16 * 1024,
  // ~20 000 enabled numbers (core's MAX_ENABLED_NUMBERS) at ~55 bytes each, and then some.
  registrationBytes: 1536 * 1024,
  usersWithHistory: 100_000,
  trackedNumbers: 100_000,
};

/** The name of a limit as a refused request's body gives it (`error.limit`). */
export type LimitName =
  | "snapshot-bytes"
  | "registration-bytes"
  | "users-with-history"
  | "tracked-numbers"
  | "observations-in-flight"
  | "body-bytes"
  | "tenant-requests"
  | "address-requests"
  | "failed-auth";

/** A tenant reached one of its quotas: the API answers 413 for sizes, 429 for counts, naming the limit. */
export class QuotaExceededError extends Error {
  readonly code = "quota-exceeded";
  constructor(
    readonly limit: LimitName,
    readonly max: number,
    what = LIMIT_WORDS[limit],
  ) {
    super(`${what}: the limit is ${max} (${limit})`);
    this.name = "QuotaExceededError";
  }
}

const LIMIT_WORDS: Record<LimitName, string> = {
  "snapshot-bytes": "the snapshot is too large",
  "registration-bytes": "the company registration is too large",
  "users-with-history": "this tenant keeps history for as many users as it may",
  "tracked-numbers": "this tenant tracks as many numbers as it may",
  "observations-in-flight": "this tenant has as many observations waiting as it may",
  "body-bytes": "the request body is too large",
  "tenant-requests": "too many requests from this tenant",
  "address-requests": "too many requests from this address",
  "failed-auth": "too many requests with a wrong token from this address",
};

/**
 * An observation's body can be 1.5 MB, and reading, parsing and storing it takes ~10 MB for a moment: each
 * tenant has this many read at once and the next ones wait (their bodies unread, so they take no memory);
 * more than `MAX_OBSERVATIONS_WAITING_PER_TENANT` waiting are refused (`observations-in-flight`, 429).
 */
export const MAX_OBSERVATIONS_IN_FLIGHT_PER_TENANT = 2;
export const MAX_OBSERVATIONS_WAITING_PER_TENANT = 64;

/** `body-bytes`: any request body but an observation's. */
export const DEFAULT_BODY_BYTES = 256 * 1024;

/** `body-bytes` of `POST /v1/observations`: one snapshot and one registration, each at its quota, and their envelope. */
export function observationBodyBytes(quotas: TenantQuotas): number {
  return quotas.snapshotBytes + quotas.registrationBytes + 1024;
}

/** Rate limits, counted per API process in fixed one-minute windows. */
export interface RateLimits {
  /** `tenant-requests`: requests with a valid token, per tenant (all of a tenant's tokens together). */
  perTenantPerMinute: number;
  /** `address-requests`: requests without a token (`/v1/webhooks`, `/readyz`, `/healthz`, `/docs`…), per client address. */
  perAddressPerMinute: number;
  /** `failed-auth`: requests whose token is wrong, per client address: guessing tokens stays slow. */
  failedAuthPerAddressPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  perTenantPerMinute: 600,
  perAddressPerMinute: 600,
  failedAuthPerAddressPerMinute: 30,
};

/** Slow clients: the whole request (headers and body) must arrive within this, and a silent connection closes after the other. */
export const REQUEST_TIMEOUT_MS = 30_000;
export const CONNECTION_TIMEOUT_MS = 60_000;

/**
 * Longest path parameter Fastify passes to a route (longer ones are a 414 before our schemas see them): a user
 * id at its bound, every character percent-encoded, so the schema is what refuses and names the field.
 */
export const MAX_PARAM_LENGTH = TEXT_LIMITS.userId * 3;
