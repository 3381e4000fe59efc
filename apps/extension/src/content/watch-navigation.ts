/**
 * Tells when the console moved to another page. The console is an SPA: it changes the URL with pushState, so
 * there's no page load. The Navigation API reports those changes from the content script's world; a slow poll of
 * location.href covers anything it misses. Hash-only changes are not navigations.
 */

const POLL_MS = 1000;

const pageKey = (href: string): string => href.split("#")[0] ?? href;

export function watchNavigation(onNavigate: (url: URL) => void, signal: AbortSignal): void {
  let lastKey = pageKey(location.href);
  const check = () => {
    const key = pageKey(location.href);
    if (key === lastKey) return;
    lastKey = key;
    onNavigate(new URL(location.href));
  };
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener("currententrychange", check, { signal });
  window.addEventListener("popstate", check, { signal });
  const poll = setInterval(check, POLL_MS);
  signal.addEventListener("abort", () => clearInterval(poll), { once: true });
}
