/**
 * The time checks are decided at. Production uses the wall clock; tests and the demo run the tracker
 * against a simulated clock (the sandbox's carriers take days in seconds), and BullMQ's delays are in
 * real milliseconds, so the clock also says how long to really wait until one of its instants.
 */
export interface TrackerClock {
  now(): number;
  /** Real milliseconds until the clock shows `at` (0 when it already has). */
  realMsUntil(at: number): number;
}

export const wallClock: TrackerClock = {
  now: () => Date.now(),
  realMsUntil: (at) => Math.max(0, at - Date.now()),
};

/** A clock running `speed` times faster than real time from `start`. */
export function fastClock(speed: number, start = Date.now()): TrackerClock {
  return {
    now: () => start + (Date.now() - start) * speed,
    realMsUntil(at) {
      return Math.max(0, (at - this.now()) / speed);
    },
  };
}
