/**
 * Debian's Chromium with the built extension loaded (flags from toolchain.md), the Admin Console origin served
 * by the sandbox's replica through `context.route`, so the manifest's `matches` apply exactly as on the real
 * console.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { UserSnapshot } from "@sms-doctor/core";
import { CONSOLE_ORIGIN, EXTENSION_ID } from "@sms-doctor/extension/e2e";
import { QUIET_CHROMIUM_ARGS } from "@sms-doctor/sandbox";
import { type BrowserContext, chromium, type Page, type Worker } from "playwright-core";
import { EXTENSION_DIST } from "./paths.js";
import type { Resources } from "./resources.js";

/** The little of the extension API the demo uses, in the extension's own service worker. */
interface ExtensionApi {
  storage: { local: { clear(): Promise<void> }; session: { clear(): Promise<void> } };
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface ExtensionBrowser {
  context: BrowserContext;
  serviceWorker: Worker;
  /** Serve https://admin.8x8.com from this replica from now on. */
  serveConsole(consoleUrl: string): void;
  newPage(): Promise<Page>;
  options: OptionsPage;
}

export async function launchExtensionBrowser(options: {
  headed: boolean;
  resources: Resources;
}): Promise<ExtensionBrowser> {
  if (!existsSync(`${EXTENSION_DIST}manifest.json`))
    throw new Error(
      `the extension is not built (${EXTENSION_DIST}): run pnpm --filter @sms-doctor/extension build`,
    );
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get install chromium, or set CHROMIUM_PATH`);
  if (options.headed && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    throw new Error("--headed needs a display (DISPLAY or WAYLAND_DISPLAY is not set)");

  const userDataDir = mkdtempSync(join(tmpdir(), "sms-doctor-demo-chromium-"));
  options.resources.add("Chromium profile", () => rmSync(userDataDir, { recursive: true, force: true }));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: !options.headed,
    viewport: { width: 1280, height: 900 },
    // The demo stops the browser itself, in order, on Ctrl-C and SIGTERM: Playwright's own handlers would exit
    // the process before the rest is stopped.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    ignoreDefaultArgs: ["--disable-extensions"],
    args: [
      ...(options.headed ? [] : ["--headless=new"]),
      ...QUIET_CHROMIUM_ARGS,
      `--load-extension=${EXTENSION_DIST}`,
      `--disable-extensions-except=${EXTENSION_DIST}`,
    ],
  });
  options.resources.add("Chromium", () => context.close());
  const serviceWorker =
    context.serviceWorkers().find((w) => w.url().includes(EXTENSION_ID)) ??
    (await context.waitForEvent("serviceworker", {
      predicate: (w) => w.url().includes(EXTENSION_ID),
      timeout: 30_000,
    }));

  // Every request to the real console origin goes to the replica running now (it uses only relative URLs).
  let consoleUrl: string | undefined;
  await context.route(`${CONSOLE_ORIGIN}/**`, async (route) => {
    if (!consoleUrl) return route.abort("connectionrefused");
    const url = new URL(route.request().url());
    try {
      const response = await route.fetch({ url: `${consoleUrl}${url.pathname}${url.search}` });
      await route.fulfill({ response });
    } catch {
      // The replica closed between scenarios while the page still asked for something.
      await route.abort("connectionrefused").catch(() => {});
    }
  });

  const browser: Omit<ExtensionBrowser, "options"> = {
    context,
    serviceWorker,
    serveConsole(url) {
      consoleUrl = url;
    },
    newPage: () => context.newPage(),
  };
  return { ...browser, options: await OptionsPage.open(browser) };
}

/** Forgets every user's history and tab state the extension kept (its worker settings stay). */
export async function resetExtensionState(browser: ExtensionBrowser): Promise<void> {
  await browser.serviceWorker.evaluate(async () => {
    // Runs in the extension's service worker, where `chrome` is the extension API.
    const { storage } = (globalThis as unknown as { chrome: ExtensionApi }).chrome;
    await storage.local.clear();
    await storage.session.clear();
  });
}

/**
 * Points the extension at the worker API, where its options page would have stored the URL and token (the
 * extension's IndexedDB, out of content scripts' reach). The options page itself asks Chrome for the API's
 * origin with a native prompt that no automation can answer; the extension needs no host permission for it,
 * since the API allows the extension's origin by CORS.
 */
export async function configureWorkerApi(
  browser: ExtensionBrowser,
  settings: { apiUrl: string; token: string },
): Promise<void> {
  await browser.serviceWorker.evaluate(
    (value) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("sms-doctor", 1);
        open.onupgradeneeded = () => open.result.createObjectStore("settings");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction("settings", "readwrite");
          tx.objectStore("settings").put(value, "worker");
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    settings,
  );
}

/**
 * The extension's options page, kept open: history is imported there as an administrator would import an export
 * from a colleague's browser ("Import history (JSON export)").
 */
export class OptionsPage {
  private constructor(private readonly page: Page) {}

  static async open(browser: Pick<ExtensionBrowser, "newPage">): Promise<OptionsPage> {
    const page = await browser.newPage();
    await page.goto(`chrome-extension://${EXTENSION_ID}/src/options/index.html`);
    return new OptionsPage(page);
  }

  /** Imports users' histories in the extension's export format; throws with the page's message if refused. */
  async importHistory(users: Record<string, UserSnapshot[]>): Promise<void> {
    // A fresh page each time, so the status line can't still show the previous import's result.
    await this.page.reload();
    const data = { format: "sms-doctor-history", version: 1, exportedAt: new Date().toISOString(), users };
    await this.page.getByLabel("Import history (JSON export)").setInputFiles({
      name: "history.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(data)),
    });
    const status = this.page.locator('[data-status="history"]').filter({ hasText: /Imported|failed/ });
    await status.waitFor();
    const text = (await status.textContent()) ?? "";
    if (!text.startsWith("Imported")) throw new Error(`the options page refused the history: ${text}`);
  }
}
