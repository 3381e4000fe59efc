/**
 * Follows what a page shows after it was first read: the console renders sections late, opens and closes them,
 * and changes a status after a save. DOM changes schedule a reading; what the reading says is handed on only when
 * it differs from the last one, so a busy or hostile page that keeps mutating costs bounded readings and no
 * messages. (Two dozen lines of timing, not a library: the content script has a 20 kB budget.)
 *
 * Two paces. Until the page has been read once, the first change after a quiet spell is read at once (at most one
 * reading per FOLLOW_INTERVAL_MS): a section opening is shown without delay. Once the panel shows a diagnosis, the
 * page is read when it has been quiet for SETTLE_QUIET_MS (at most SETTLE_MAX_WAIT_MS after the first change): a
 * page flipping a status back and forth is read once, when it settles.
 */

export const FOLLOW_INTERVAL_MS = 100;
export const SETTLE_QUIET_MS = 300;
export const SETTLE_MAX_WAIT_MS = 2000;

export interface FollowOptions {
  signal: AbortSignal;
  /** The key of what was last handed on (or shown). */
  lastKey: string;
  /** True once changes should settle before they are read. */
  settle?: () => boolean;
  root?: Node;
}

export function followPage<T>(
  read: () => T,
  keyOf: (reading: T) => string,
  onChange: (reading: T) => void,
  options: FollowOptions,
): void {
  let lastKey = options.lastKey;
  let lastRead = Number.NEGATIVE_INFINITY;
  let firstChange: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    timer = undefined;
    firstChange = undefined;
    lastRead = performance.now();
    const reading = read();
    const key = keyOf(reading);
    if (key === lastKey) return;
    lastKey = key;
    onChange(reading);
  };
  const observer = new MutationObserver(() => {
    if (options.signal.aborted) return;
    const now = performance.now();
    if (options.settle?.()) {
      firstChange ??= now;
      clearTimeout(timer);
      timer = setTimeout(
        check,
        Math.max(0, Math.min(SETTLE_QUIET_MS, firstChange + SETTLE_MAX_WAIT_MS - now)),
      );
      return;
    }
    if (timer !== undefined) return;
    const wait = lastRead + FOLLOW_INTERVAL_MS - now;
    if (wait <= 0) check();
    else timer = setTimeout(check, wait);
  });
  observer.observe(options.root ?? document.body, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ["aria-expanded", "aria-busy", "aria-checked", "value", "hidden"],
  });
  options.signal.addEventListener(
    "abort",
    () => {
      observer.disconnect();
      clearTimeout(timer);
    },
    { once: true },
  );
}
