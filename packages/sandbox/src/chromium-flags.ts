/**
 * Flags for Debian's Chromium in tests and the demo (toolchain.md): without the network ones it keeps
 * reaching for hosts this machine cannot reach. Add `--headless=new` for a headless run.
 */
export const QUIET_CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
