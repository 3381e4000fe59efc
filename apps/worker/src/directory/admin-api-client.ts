import { type AdminApiPage, AdminApiPageSchema, isHttpsOrLoopback } from "@sms-doctor/core";

export const USERS_MEDIA_TYPE = "application/vnd.users.v1+json";
export const PHONE_NUMBERS_MEDIA_TYPE = "application/vnd.phonenumbers.v1+json";

export type AdminApiList = "users" | "phone-numbers";

export interface AdminApiClientOptions {
  /** e.g. https://api.8x8.com/admin-provisioning */
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  /** Attempts per request for 429, 5xx and network errors before giving up. */
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

  /** One page of `/users` or `/phone-numbers`; pass the previous page's `nextScrollId` to go on. */
  async page(
    list: AdminApiList,
    pageSize: number,
    scrollId?: string,
    signal?: AbortSignal,
  ): Promise<AdminApiPage> {
    const url = new URL(`${this.#o.baseUrl.replace(/\/$/, "")}/${list}`);
    url.searchParams.set("pageSize", String(pageSize));
    if (scrollId) url.searchParams.set("scrollId", scrollId);
    const accept = list === "users" ? USERS_MEDIA_TYPE : PHONE_NUMBERS_MEDIA_TYPE;
    const body = await this.#get(url, accept, signal);
    const parsed = AdminApiPageSchema.safeParse(body);
    if (!parsed.success) throw new AdminApiError(`GET /${list}: the page is not { data, pagination }`);
    return parsed.data;
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
      await response.body?.cancel();
      if (response.status === 429) {
        this.rateLimited++;
        // Retry-After is the server's word; repeats grow the wait in case several clients share a key.
        const retryAfter = Number(response.headers.get("retry-after"));
        const seconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1;
        this.#resumeAt = Math.max(this.#resumeAt, Date.now() + seconds * 1000 + backoff(attempt));
        lastError = new AdminApiError(`${url.pathname}: 429 rate limited`, 429);
        continue;
      }
      if (response.status >= 500) {
        lastError = new AdminApiError(`${url.pathname}: ${response.status}`, response.status);
        await this.#o.sleep(backoff(attempt), signal);
        continue;
      }
      // 401/403/400: retrying cannot help; say so without echoing anything of the key.
      throw new AdminApiError(
        `${url.pathname}: the Administration API answered ${response.status}`,
        response.status,
      );
    }
    throw lastError instanceof Error ? lastError : new AdminApiError(String(lastError));
  }

  /** When the window's quota is used up, the next request waits for the window to start over. */
  #noteLimit(response: Response): void {
    const remaining = Number(response.headers.get("x-ratelimit-remaining"));
    const reset = Number(response.headers.get("x-ratelimit-reset"));
    if (response.headers.has("x-ratelimit-remaining") && remaining <= 0 && Number.isFinite(reset))
      this.#resumeAt = Math.max(this.#resumeAt, Date.now() + reset * 1000);
  }
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
