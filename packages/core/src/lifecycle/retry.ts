/**
 * What to do about a failed provider call or a provider error code (provisioning.md):
 * - `retry`: try again on its own, with backoff (5xx, timeouts, "still in review", service unavailable)
 * - `rate-limited`: try again after the provider's Retry-After (429, 20429, 10011)
 * - `needs-person`: a person must act (rejections, unverified brand, 2FA pending, number limit, conflicts)
 * - `ask-first`: fixing it costs money; ask before acting (30901: a new registration)
 * - `never`: cannot be fixed by resubmitting (30952, closed edit windows, an expired campaign)
 */
export type RetryClass = "retry" | "rate-limited" | "needs-person" | "ask-first" | "never";

const BY_CODE: Readonly<Record<string, RetryClass>> = {
  "20429": "rate-limited",
  "10011": "rate-limited",
  PARTNER_SERVICE_UNAVAILABLE: "retry",
  CAMPAIGN_PENDING_ACCEPTANCE: "retry",
  CAMPAIGN_MNO_REVIEW: "retry",
  "30024": "retry",
  "30901": "ask-first",
  "30952": "never",
  CAMPAIGN_EXPIRED: "never",
  EDIT_WINDOW_CLOSED: "never",
};

/** Classifies a failure by provider error code first, then by HTTP status; anything else needs a person. */
export function classifyFailure(failure: {
  httpStatus?: number;
  code?: string;
  timedOut?: boolean;
}): RetryClass {
  if (failure.code !== undefined && Object.hasOwn(BY_CODE, failure.code)) return BY_CODE[failure.code]!;
  if (failure.timedOut) return "retry";
  const status = failure.httpStatus;
  if (status === 429) return "rate-limited";
  if (status !== undefined && (status >= 500 || status === 408)) return "retry";
  return "needs-person";
}
