import type { BrowserContext } from "playwright-core";

export { launchChromium } from "../../scripts/chromium.js";

export const CONSOLE_ORIGIN = "https://admin.8x8.com";

/**
 * Serves the replica at the real console's origin: every request to https://admin.8x8.com is
 * forwarded to the sandbox's console server (the replica uses only relative URLs).
 */
export async function routeConsoleOrigin(context: BrowserContext, consoleUrl: string): Promise<void> {
  await context.route(`${CONSOLE_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: `${consoleUrl}${url.pathname}${url.search}` });
    await route.fulfill({ response });
  });
}
