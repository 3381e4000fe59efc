import {
  ADMIN_API_MEDIA_TYPES,
  AdminApiErrorBodySchema,
  AdminApiPageSchema,
  firstIssueText,
  nextScrollIdOf,
} from "@sms-doctor/core";
import { isHttpsOrLoopback } from "../config-schema.js";

export type AdminApiList = "users" | "phone-numbers";

/** One page of a list: its items, still unchecked, and where the next page is (null: the scroll is over). */
export interface AdminApiListPage {
  items: unknown[];
  nextScrollId: string | null;
}

export interface AdminApiClientOptions {
  /** e.g. https://api.8x8.com/admin-provisioning */
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  /** Attempts per request for 408, 429, 5xx and network errors before giving up. */
  attempts?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export class AdminApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "AdminApiError";
  }
}

/** Longest wait a rate-limit header can impose: past it the header is misread, and a timer over 2^31 ms fires at once. */
const MAX_RATE_LIMIT_WAIT_MS = 120_000;

/**
 * Reads 8x8's Administration API within its limits (100 requests a minute per key): when
 * `x-ratelimit-remaining` reaches 0 it waits for `x-ratelimit-reset` before asking again, so a sync
 * runs as fast as the limit allows and normally never sees a 429; a 429 anyway (another client on
 * the same key) waits `Retry-After`, growing on repeats. The key goes in a header and nowhere else.
 */
export class AdminApiClient {
  /** Requests sent, 429s included: what the bench compares with the limit. */
  requests = 0;
  rateLimited = 0;
  #resumeAt = 0;
  readonly #o: Required<Omit<AdminApiClientOptions, "sleep">> & {
    sleep: NonNullable<AdminApiClientOptions["sleep"]>;
  };

  constructor(options: AdminApiClientOptions) {
    this.#o = { timeoutMs: 15_000, attempts: 6, sleep: abortableSleep, ...options };
    if (!isHttpsOrLoopback(this.#o.baseUrl))
      throw new AdminApiError("the Administration API URL must be https:// (http:// only to loopback)");
  }

  /**
   * One page of `/users` or `/phone-numbers`. The first page asks for `pageSize`; a scroll page sends
   * only `scrollId`, since the API refuses first-page parameters beside it (400
   * `CONFLICTING_QUERY_PARAMETER`, user-api-v1.yaml `listUsers`): the scroll id carries them.
   */
  async page(
    list: AdminApiList,
    pageSize: number,
    scrollId?: string,
    signal?: AbortSignal,
  ): Promise<AdminApiListPage> {
    const url = new URL(`${this.#o.baseUrl.replace(/\/$/, "")}/${list}`);
    if (scrollId) url.searchParams.set("scrollId", scrollId);
    else url.searchParams.set("pageSize", String(pageSize));
    const accept = list === "users" ? ADMIN_API_MEDIA_TYPES.users : ADMIN_API_MEDIA_TYPES.phoneNumbers;
    const body = await this.#get(url, accept, signal);
    const parsed = AdminApiPageSchema.safeParse(body);
    if (!parsed.success) {
      throw new AdminApiError(
        `GET /${list}: not a page of { data, pagination, _links } (${firstIssueText(parsed.error)})`,
      );
    }
    return { items: parsed.data.data ?? [], nextScrollId: nextScrollIdOf(parsed.data) };
  }

  async #get(url: URL, accept: string, signal?: AbortSignal): Promise<unknown> {
    let lastError: unknown;
    for (let attempt = 0; attempt < this.#o.attempts; attempt++) {
      const wait = this.#resumeAt - Date.now();
      if (wait > 0) await this.#o.sleep(wait, signal);
      signal?.throwIfAborted();
      this.requests++;
      let response: Response;
      try {
        response = await fetch(url, {
          headers: { "x-api-key": this.#o.apiKey, accept },
          // Never follow: a redirect would re-send x-api-key to wherever it points. A 3xx is refused below.
          redirect: "manual",
          signal: signal
            ? AbortSignal.any([signal, AbortSignal.timeout(this.#o.timeoutMs)])
            : AbortSignal.timeout(this.#o.timeoutMs),
        });
      } catch (error) {
        signal?.throwIfAborted();
        lastError = error;
        await this.#o.sleep(backoff(attempt), signal);
        continue;
      }
      this.#noteLimit(response);
      if (response.ok) return await response.json();
      const problem = await errorText(response);
      if (response.status === 429) {
        this.rateLimited++;
        // Retry-After is the server's word; repeats grow the wait in case several clients share a key.
        const retryAfter = Number(response.headers.get("retry-after"));
        const ms =
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : this.#resetWait(response);
        this.#resumeAt = Math.max(
          this.#resumeAt,
          Date.now() + Math.min(MAX_RATE_LIMIT_WAIT_MS, Math.max(1000, ms ?? 1000)) + backoff(attempt),
        );
        lastError = new AdminApiError(`${url.pathname}: 429 rate limited${problem}`, 429);
        continue;
      }
      // 408 is a downstream timeout (user-api-v1.yaml): as passing as a 5xx.
      if (response.status === 408 || response.status >= 500) {
        lastError = new AdminApiError(`${url.pathname}: ${response.status}${problem}`, response.status);
        await this.#o.sleep(backoff(attempt), signal);
        continue;
      }
      // 401/403/400/404: retrying cannot help; say so without echoing anything of the key.
      throw new AdminApiError(
        `${url.pathname}: the Administration API answered ${response.status}${problem}`,
        response.status,
      );
    }
    throw lastError instanceof Error ? lastError : new AdminApiError(String(lastError));
  }

  /**
   * When the window's quota is used up, the next request waits for the window to start over. The
   * headers may be absent (nothing to do); `x-ratelimit-reset` is a Unix time on 8x8's pages
   * (suite-common.mdx, "Rate Limit Headers") and seconds-to-go elsewhere: both are read.
   */
  #noteLimit(response: Response): void {
    const remaining = response.headers.get("x-ratelimit-remaining");
    if (remaining === null || remaining.trim() === "" || !(Number(remaining) <= 0)) return;
    const wait = this.#resetWait(response);
    if (wait !== undefined)
      this.#resumeAt = Math.max(this.#resumeAt, Date.now() + Math.min(MAX_RATE_LIMIT_WAIT_MS, wait));
  }

  #resetWait(response: Response): number | undefined {
    const reset = Number(response.headers.get("x-ratelimit-reset") ?? Number.NaN);
    if (!Number.isFinite(reset) || reset < 0) return undefined;
    // A value past a billion seconds (2001) is an instant, not a duration.
    return reset > 1e9 ? Math.max(0, reset * 1000 - Date.now()) : reset * 1000;
  }
}

/** The `ErrorResponse` body's title, first error code and field, for the message; never the request's headers. */
async function errorText(response: Response): Promise<string> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return "";
  }
  const parsed = AdminApiErrorBodySchema.safeParse(body);
  if (!parsed.success) return "";
  const first = parsed.data.errors?.[0];
  const parts = [
    parsed.data.title,
    first?.code,
    first?.field ? `field ${first.field}` : undefined,
    first?.message ?? parsed.data.detail,
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(": ")})` : "";
}

/** 250 ms, 500 ms, 1 s … up to 30 s, with jitter so clients that failed together don't retry together. */
function backoff(attempt: number): number {
  const base = Math.min(30_000, 250 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
