/**
 * The console is a React SPA that renders sections after their data loads, so a reading is retried as the page
 * changes. It settles when the reading succeeds, or, once something has rendered, when the page has been quiet
 * long enough that a missing field is really missing (then the failed reading says which field).
 */
import type { Reading } from "./reading";

export interface WaitOptions {
  signal: AbortSignal;
  /** Quiet time after which a page that rendered but can't be read is reported as such. */
  settleMs?: number;
  /** Upper bound for pages that never render at all. */
  timeoutMs?: number;
  /** Whether the page has rendered enough that waiting for more is pointless once it's quiet. */
  hasRendered: () => boolean;
  /**
   * After a client-side navigation the DOM may still show the previous page for a moment: while this says so,
   * nothing is read (past the timeout the page is read whatever it shows).
   */
  isStale?: () => boolean;
  root?: Node;
}

export function waitForReading<T>(read: () => Reading<T>, options: WaitOptions): Promise<Reading<T>> {
  const { signal, settleMs = 1500, timeoutMs = 20_000, hasRendered, isStale = () => false } = options;
  const root = options.root ?? document;
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    let settleTimer: ReturnType<typeof setTimeout> | undefined;
    const finish = (reading: Reading<T>) => {
      observer.disconnect();
      clearTimeout(settleTimer);
      clearTimeout(deadline);
      signal.removeEventListener("abort", onAbort);
      resolve(reading);
    };
    const attempt = () => {
      if (isStale()) return;
      const reading = read();
      if (reading.ok) return finish(reading);
      clearTimeout(settleTimer);
      settleTimer = setTimeout(() => {
        if (hasRendered()) finish(read());
      }, settleMs);
    };
    const observer = new MutationObserver(attempt);
    const deadline = setTimeout(() => finish(read()), timeoutMs);
    const onAbort = () => {
      observer.disconnect();
      clearTimeout(settleTimer);
      clearTimeout(deadline);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
    attempt();
  });
}
