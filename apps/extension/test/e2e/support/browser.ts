/**
 * Debian's Chromium with the built extension loaded (flags from toolchain.md). Pages are served at the real
 * console origin through context.route, so the manifest's `matches` apply exactly as in production.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { QUIET_CHROMIUM_ARGS } from "@sms-doctor/sandbox";
import { type BrowserContext, chromium, type Page, type Worker } from "playwright-core";
import { DIST, EXTENSION_ID } from "./extension";

export { CONSOLE_ORIGIN as CONSOLE } from "../../../src/console/routes";

export interface ExtensionBrowser {
  context: BrowserContext;
  serviceWorker: Worker;
  /** Errors the console's own page logged (the content script's console is the page's). */
  pageErrors: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchWithExtension(): Promise<ExtensionBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), "sms-doctor-e2e-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    ignoreDefaultArgs: ["--disable-extensions"],
    args: [
      "--headless=new",
      ...QUIET_CHROMIUM_ARGS,
      `--load-extension=${DIST}`,
      `--disable-extensions-except=${DIST}`,
    ],
  });
  const serviceWorker =
    context.serviceWorkers().find((w) => w.url().includes(EXTENSION_ID)) ??
    (await context.waitForEvent("serviceworker", { predicate: (w) => w.url().includes(EXTENSION_ID) }));
  const pageErrors: string[] = [];
  const watch = (page: Page) => {
    page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(`console.error: ${message.text()}`);
    });
  };
  context.on("page", watch);
  for (const page of context.pages()) watch(page);
  return {
    context,
    serviceWorker,
    pageErrors,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Empties the extension's history and tab state between tests, through its own service worker. */
export async function resetExtensionState(browser: ExtensionBrowser): Promise<void> {
  await browser.serviceWorker.evaluate(async () => {
    await chrome.storage.local.clear();
    await chrome.storage.session.clear();
  });
}
