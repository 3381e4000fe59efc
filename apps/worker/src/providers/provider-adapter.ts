import type { ProviderStatus } from "@sms-doctor/core";

/** What went wrong asking a provider, in the terms the checker acts on. */
export type ProviderFailureKind =
  /** 429: wait for Retry-After (at most MAX_RETRY_AFTER_MS), and pause every worker's calls to this provider. */
  | "rate-limited"
  /** 5xx, timeouts, connection errors, bodies we cannot parse: try again later with backoff. */
  | "unavailable"
  /** The circuit breaker is open: the provider failed too often; no request was made. */
  | "circuit-open"
  /** 4xx other than 404/429, e.g. a wrong API key: a person must fix the configuration. */
  | "refused";

/**
 * The longest a provider's Retry-After pauses its checks. A provider may say an hour; an hour of no checks
 * (stalls unnoticed, numbers unconfirmed) costs more than a few more 429s, and one odd answer must not
 * decide it: a longer Retry-After is capped to this and logged as a warning.
 */
export const MAX_RETRY_AFTER_MS = 60_000;

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderFailureKind,
    message: string,
    readonly details: { httpStatus?: number; code?: string; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

/** One way of asking where a number stands. Adapters report the provider's own words; core maps them. */
export interface ProviderAdapter {
  /** The provider's name as recorded on tracking records (`sandbox`, `telnyx`). */
  readonly name: string;
  /** How many requests per second every worker together may send, when the provider limits them. */
  readonly requestsPerSecond?: number;
  /**
   * The provider a tenant's checks go to, when one adapter serves tenants on different providers
   * (SMS_DOCTOR_PROVIDERS): a 429 pauses that provider's checks only. `name` otherwise.
   */
  providerOf?(tenant: string): string;
  /**
   * The statuses the provider reports for the number, in the order to apply them; empty when the
   * provider does not know the number yet. Throws ProviderError.
   */
  check(
    number: string,
    context: {
      now: string;
      signal?: AbortSignal;
      /** Whose number: tenants may use different providers. */
      tenant?: string;
    },
  ): Promise<ProviderStatus[]>;
}
