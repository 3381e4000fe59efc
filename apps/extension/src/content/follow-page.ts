/**
 * Follows what a page shows after it was first read: the console renders sections late, opens and closes them,
 * and changes a status after a save. Every DOM change schedules a reading; what the reading says is handed on
 * only when it differs from the last one, so a busy or hostile page that keeps mutating costs one reading per
 * interval and no messages. (A dozen lines of leading-edge throttle, not a library: the content script has a
 * 20 kB budget and needs nothing else from one.)
 */

/** At most one reading per interval; the first change after a quiet spell is read at once. */
export const FOLLOW_INTERVAL_MS = 100;

export function followPage<T>(
  read: () => T,
  keyOf: (reading: T) => string,
  onChange: (reading: T) => void,
  options: { signal: AbortSignal; lastKey: string; root?: Node },
): void {
  let lastKey = options.lastKey;
  let lastRead = Number.NEGATIVE_INFINITY;
  let pending: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    pending = undefined;
    lastRead = performance.now();
    const reading = read();
    const key = keyOf(reading);
    if (key === lastKey) return;
    lastKey = key;
    onChange(reading);
  };
  const observer = new MutationObserver(() => {
    if (pending !== undefined || options.signal.aborted) return;
    const wait = lastRead + FOLLOW_INTERVAL_MS - performance.now();
    if (wait <= 0) check();
    else pending = setTimeout(check, wait);
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
      clearTimeout(pending);
    },
    { once: true },
  );
}
