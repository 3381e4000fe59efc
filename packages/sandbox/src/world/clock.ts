/**
 * Simulated time. Carrier review takes days in reality; a speed factor turns them into seconds.
 * With speed 0 the clock stands still and moves only through `advance`, which makes tests deterministic.
 */
export class SimulatedClock {
  #anchorReal: number;
  #anchorSim: number;
  #speed: number;
  readonly #realNow: () => number;

  constructor(start: Date | number, speed = 1, realNow: () => number = Date.now) {
    this.#realNow = realNow;
    this.#anchorReal = realNow();
    this.#anchorSim = typeof start === "number" ? start : start.getTime();
    this.#speed = speed;
  }

  /** Simulated milliseconds since the epoch. */
  now(): number {
    return this.#anchorSim + (this.#realNow() - this.#anchorReal) * this.#speed;
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  get speed(): number {
    return this.#speed;
  }

  setSpeed(speed: number): void {
    this.#reanchor(this.now());
    this.#speed = speed;
  }

  /** Jumps to a simulated instant (used when replaying a scenario's history). */
  set(simulatedMs: number): void {
    this.#reanchor(simulatedMs);
  }

  advance(ms: number): void {
    this.#reanchor(this.now() + ms);
  }

  /** How many real milliseconds until the simulated instant `at`; Infinity when the clock stands still. */
  realDelayUntil(at: number): number {
    const remaining = at - this.now();
    if (remaining <= 0) return 0;
    return this.#speed > 0 ? remaining / this.#speed : Number.POSITIVE_INFINITY;
  }

  #reanchor(simulatedMs: number): void {
    this.#anchorReal = this.#realNow();
    this.#anchorSim = simulatedMs;
  }
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
