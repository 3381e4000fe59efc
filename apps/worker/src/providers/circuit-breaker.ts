import { Circuit } from "../http/resilience.js";
import { ProviderError } from "./provider-adapter.js";

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one request may try again. */
  openMs: number;
  now?: () => number;
}

/**
 * A provider's circuit (the shared `Circuit`, on cockatiel): only `unavailable` failures count, since a
 * 429 is the provider working as intended; while open, a check fails at once as `circuit-open`, asking
 * to be tried again when the circuit may close.
 */
export class CircuitBreaker {
  readonly #circuit: Circuit;

  constructor(readonly options: CircuitBreakerOptions) {
    this.#circuit = new Circuit({
      failureThreshold: options.failureThreshold,
      openMs: options.openMs,
      counts: (error) => error instanceof ProviderError && error.kind === "unavailable",
      ...(options.now ? { now: options.now } : {}),
    });
  }

  get state(): "closed" | "open" | "half-open" {
    return this.#circuit.state;
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    return await this.#circuit.run(
      call,
      () =>
        new ProviderError("circuit-open", "the provider failed too often; waiting before trying again", {
          retryAfterMs: Math.max(this.#circuit.retryAfterMs, 1000),
        }),
    );
  }
}
