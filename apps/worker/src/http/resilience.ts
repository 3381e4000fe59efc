import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  fullJitterGenerator,
  handleWhen,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
  retry,
  TimeoutStrategy,
  timeout,
} from "cockatiel";

/*
 * The one resilience policy of the worker's outgoing HTTP calls (carrier providers and 8x8's
 * Administration API), on cockatiel: every attempt under a timeout, transient failures retried with
 * full-jitter exponential backoff, and (for providers) a circuit breaker around each check. What is
 * transient, and what a rate limit means, stays with each caller: they know their API's words.
 * Rescheduling a whole check later is BullMQ's business (the tracker), not this.
 */

export interface RequestPolicyOptions {
  /** Limit of each attempt; the attempt's signal aborts then. */
  timeoutMs: number;
  /** Further attempts after a transient failure. */
  retries: number;
  /** Base of the exponential backoff; each wait is drawn at random below it (full jitter). */
  backoffMs: number;
  /** Longest wait between two attempts. */
  maxBackoffMs?: number;
  /** Whether a failure is worth another attempt. */
  isTransient: (error: unknown) => boolean;
  /**
   * Takes the waits between attempts instead of cockatiel's timer: for a caller whose waits go through
   * its own clock (the Administration API client, whose rate-limit waits are injectable in tests).
   */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Runs before each attempt, outside its timeout: a rate-limit pause the caller keeps. */
  beforeAttempt?: (signal: AbortSignal) => Promise<void>;
}

export interface RequestPolicy {
  /** Runs `attempt` until it succeeds, fails for good or runs out of retries. */
  execute<T>(attempt: (context: { signal: AbortSignal }) => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/** Retries of transient failures, each attempt under `timeoutMs` (the waits before it are not). */
export function requestPolicy(options: RequestPolicyOptions): RequestPolicy {
  // Full jitter spreads the retries of many workers instead of synchronising them.
  const exponential = new ExponentialBackoff({
    initialDelay: options.backoffMs,
    maxDelay: options.maxBackoffMs ?? 30_000,
    generator: fullJitterGenerator,
  });
  // The wait before the next attempt, when the caller takes it (one policy serves one request at a time).
  let pendingWait = 0;
  const backoff: IBackoffFactory<IRetryBackoffContext<unknown>> = options.sleep
    ? new WaitTakenByCaller(exponential, (ms) => {
        pendingWait = ms;
      })
    : exponential;
  const retries = retry(handleWhen(options.isTransient), { maxAttempts: options.retries, backoff });
  // Cooperative: the attempt sees its signal abort and fails itself, saying it timed out. Not aborted on
  // return: the attempt has read its whole answer by then, and there is nothing left to cancel.
  const perAttempt = timeout(options.timeoutMs, {
    strategy: TimeoutStrategy.Cooperative,
    abortOnReturn: false,
  });
  return {
    execute: (attempt, signal) =>
      retries.execute(async ({ signal: retrySignal }) => {
        if (options.sleep && pendingWait > 0) {
          const wait = pendingWait;
          pendingWait = 0;
          await options.sleep(wait, retrySignal);
        }
        await options.beforeAttempt?.(retrySignal);
        return await perAttempt.execute(
          ({ signal: attemptSignal }) => attempt({ signal: attemptSignal }),
          retrySignal,
        );
      }, signal),
  };
}

/** A backoff whose waits the caller takes (see `sleep`): cockatiel waits 0 ms, the durations stay cockatiel's. */
class WaitTakenByCaller
  implements IBackoffFactory<IRetryBackoffContext<unknown>>, IBackoff<IRetryBackoffContext<unknown>>
{
  readonly duration = 0;
  constructor(
    readonly inner: IBackoffFactory<IRetryBackoffContext<unknown>>,
    readonly take: (ms: number) => void,
  ) {}
  next(context: IRetryBackoffContext<unknown>): WaitTakenByCaller {
    const next = this.inner.next(context);
    this.take(next.duration);
    return new WaitTakenByCaller(next, this.take);
  }
}

export interface CircuitOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one call may try again. */
  openMs: number;
  /** Whether a failure counts against the circuit (a rate limit is the provider working as intended). */
  counts: (error: unknown) => boolean;
  /** The clock the open time is measured on (the tracker's, which tests and the bench move by hand). */
  now?: () => number;
}

/**
 * Stops calling a service that keeps failing, so an outage costs one quick "later" per call instead of
 * timeouts and retries piling up; after `openMs` one call probes (half-open), and its success closes the
 * circuit. cockatiel's circuit breaker, its open time read on `now`.
 */
export class Circuit {
  readonly #now: () => number;
  #openedAt = 0;
  readonly #breaker;

  constructor(readonly options: CircuitOptions) {
    this.#now = options.now ?? Date.now;
    const now = this.#now;
    const openMs = options.openMs;
    // cockatiel measures the open time on Date.now() against the backoff's duration: a duration that
    // says "still open" (∞) or "time is up" (0) on our clock lets the tracker's clock decide.
    const halfOpenAfter: IBackoffFactory<unknown> = {
      next: () => {
        const openedAt = now();
        const backoff: IBackoff<unknown> = {
          get duration() {
            return now() - openedAt < openMs ? Number.POSITIVE_INFINITY : 0;
          },
          next: () => halfOpenAfter.next(undefined),
        };
        return backoff;
      },
    };
    this.#breaker = circuitBreaker(handleWhen(options.counts), {
      halfOpenAfter,
      breaker: new ConsecutiveBreaker(options.failureThreshold),
    });
    this.#breaker.onBreak(() => {
      this.#openedAt = this.#now();
    });
  }

  get state(): "closed" | "open" | "half-open" {
    const state = this.#breaker.state;
    if (state === CircuitState.Closed) return "closed";
    if (state === CircuitState.HalfOpen) return "half-open";
    return this.#now() - this.#openedAt < this.options.openMs ? "open" : "half-open";
  }

  /** When the circuit may be tried again, in ms from now (0 when it may be now). */
  get retryAfterMs(): number {
    return Math.max(0, this.#openedAt + this.options.openMs - this.#now());
  }

  /** Runs `call` through the circuit; throws what `whenOpen` makes while it is open. */
  async run<T>(call: () => Promise<T>, whenOpen: () => Error): Promise<T> {
    const state = () => this.#breaker.state;
    const startedClosed = state() === CircuitState.Closed;
    try {
      const result = await this.#breaker.execute(call);
      // A call that started before the circuit opened and then got its answer shows the service
      // answering: close the circuit at once. Otherwise a provider failing a third of its calls (a storm
      // it recovers from call by call) is shut out for `openMs` whenever a few failures come in a row.
      if (startedClosed && state() === CircuitState.Open) this.#breaker.isolate().dispose();
      return result;
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw whenOpen();
      throw error;
    }
  }
}
