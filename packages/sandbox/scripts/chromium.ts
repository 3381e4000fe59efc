import { type Browser, chromium } from "playwright-core";
import { QUIET_CHROMIUM_ARGS } from "../src/chromium-flags.js";

/** Debian's Chromium, with the flags that keep it from reaching for hosts it cannot reach (toolchain.md). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless=new", ...QUIET_CHROMIUM_ARGS],
  });
}
