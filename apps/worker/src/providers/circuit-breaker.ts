import { ProviderError } from "./provider-adapter.js";

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one request may try again. */
  openMs: number;
  now?: () => number;
}

/**
 * Stops calling a provider that keeps failing, so a provider outage costs one quick "later" per check
 * instead of timeouts and retries piling up. After `openMs` one request probes (half-open); its
 * success closes the circuit, its failure opens it again. Only `unavailable` failures count: a 429 is
 * the provider working as intended.
 */
export class CircuitBreaker {
  #failures = 0;
  #openUntil = 0;
  #probing = false;
  readonly #now: () => number;

  constructor(readonly options: CircuitBreakerOptions) {
    this.#now = options.now ?? Date.now;
  }

  get state(): "closed" | "open" | "half-open" {
    if (this.#failures < this.options.failureThreshold) return "closed";
    return this.#now() < this.#openUntil ? "open" : "half-open";
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state === "open" || (state === "half-open" && this.#probing)) {
      throw new ProviderError("circuit-open", "the provider failed too often; waiting before trying again", {
        retryAfterMs: Math.max(this.#openUntil - this.#now(), 1000),
      });
    }
    this.#probing = state === "half-open";
    try {
      const result = await call();
      this.#failures = 0;
      return result;
    } catch (error) {
      if (error instanceof ProviderError && error.kind === "unavailable") {
        this.#failures++;
        if (this.#failures >= this.options.failureThreshold)
          this.#openUntil = this.#now() + this.options.openMs;
      }
      throw error;
    } finally {
      this.#probing = false;
    }
  }
}
