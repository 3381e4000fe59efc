import { classifyFailure, type RetryClass } from "@sms-doctor/core";
import { requestPolicy } from "../http/resilience.js";
import { ProviderError, type ProviderFailureKind } from "./provider-adapter.js";

export interface ProviderHttpOptions {
  /** Per attempt. */
  timeoutMs: number;
  /** Further attempts after a 5xx or a timeout, within one check. */
  retries: number;
  /** Base of the exponential backoff between attempts; each wait is drawn at random below it. */
  backoffMs: number;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** How a success body is read (JSON by default; Bandwidth answers XML). A throw is `unavailable`. */
  parse?: (text: string) => unknown;
}

export interface ProviderResponse {
  status: number;
  body: unknown;
}

/**
 * GETs JSON from a provider with a timeout on every attempt and jittered retries of 5xx and timeouts.
 * 404 is an answer (the provider does not know the thing); other failures are classified by core
 * (`classifyFailure`): rate limits are thrown at once as `rate-limited` so the worker can slow down for
 * everyone, what needs a person is `refused`.
 */
export async function getProviderJson(url: string, options: ProviderHttpOptions): Promise<ProviderResponse> {
  // A policy per call: it costs a few objects, and each adapter passes its own timeout and retries.
  const policy = requestPolicy({
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    backoffMs: options.backoffMs,
    isTransient: (error) => error instanceof ProviderError && error.kind === "unavailable",
  });
  return await policy.execute(({ signal }) => getOnce(url, options, signal), options.signal);
}

async function getOnce(
  url: string,
  options: ProviderHttpOptions,
  signal: AbortSignal,
): Promise<ProviderResponse> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { headers: { accept: "application/json", ...options.headers }, signal });
    text = await response.text();
  } catch (error) {
    if (options.signal?.aborted) throw error;
    // The caller did not abort: the attempt's timeout did, or the network failed.
    throw new ProviderError(
      "unavailable",
      signal.aborted
        ? `GET ${url} timed out after ${options.timeoutMs} ms`
        : `GET ${url}: ${(error as Error).message}`,
    );
  }
  const status = response.status;
  // 404 is an answer: the provider does not know the number (yet).
  if (status === 404) return { status, body: undefined };
  if (status >= 400) throw failureOf(url, status, text, response.headers);
  try {
    return { status, body: options.parse ? options.parse(text) : JSON.parse(text) };
  } catch {
    throw new ProviderError(
      "unavailable",
      `GET ${url}: the body is not ${options.parse ? "readable" : "JSON"}`,
      {
        httpStatus: status,
      },
    );
  }
}

/** What the worker does about each of core's failure classes (provisioning.md): wait, retry, or tell a person. */
const KIND_OF: Record<RetryClass, ProviderFailureKind> = {
  "rate-limited": "rate-limited",
  retry: "unavailable",
  "needs-person": "refused",
  "ask-first": "refused",
  never: "refused",
};

/** A failed answer, classified by core's `classifyFailure` (the provider's error code first, then the status). */
function failureOf(url: string, status: number, text: string, headers: Headers): ProviderError {
  const code = errorCode(text);
  const kind = KIND_OF[classifyFailure({ httpStatus: status, ...code })];
  const details = { httpStatus: status, ...code };
  if (kind === "rate-limited") {
    return new ProviderError(
      "rate-limited",
      `GET ${url}: ${status === 429 ? "429 Too Many Requests" : status}`,
      {
        ...details,
        retryAfterMs: retryAfterMs(headers),
      },
    );
  }
  if (kind === "unavailable") return new ProviderError("unavailable", `GET ${url}: ${status}`, details);
  return new ProviderError("refused", `GET ${url}: ${status} ${text.slice(0, 200)}`, details);
}

/** Retry-After in seconds or as an HTTP date; Telnyx's x-ratelimit-reset (seconds) otherwise; 1 s by default. */
export function retryAfterMs(headers: Headers, now = Date.now()): number {
  const retryAfter = headers.get("retry-after");
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = Number(headers.get("x-ratelimit-reset"));
  if (Number.isFinite(reset) && reset > 0) return reset * 1000;
  return 1000;
}

/** The provider's error code (Telnyx: `{"errors":[{"code":"10011"}]}`), when there is one. */
function errorCode(text: string): { code?: string } {
  try {
    const code = (JSON.parse(text) as { errors?: { code?: unknown }[] })?.errors?.[0]?.code;
    return code === undefined ? {} : { code: String(code) };
  } catch {
    return {};
  }
}
