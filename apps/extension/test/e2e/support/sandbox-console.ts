/**
 * The sandbox's Admin Console replica served at https://admin.8x8.com: every request to the real origin is
 * proxied to the replica's server (it uses only relative URLs), so the extension meets the replica exactly where
 * it would meet the console.
 */
import {
  type CompanySmsRegistration,
  type Diagnosis,
  diagnose,
  toE164,
  type UserSnapshot,
} from "@sms-doctor/core";
import { loadScenario, type Sandbox, type SandboxOptions, startSandbox } from "@sms-doctor/sandbox";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { CONSOLE, type ExtensionBrowser, launchWithExtension, resetExtensionState } from "./browser";
import { openUser } from "./contract";
import { EXTENSION_ID } from "./extension";
import { PanelPage } from "./panel";

export async function serveReplica(context: BrowserContext, options: SandboxOptions): Promise<Sandbox> {
  const sandbox = await startSandbox({ speed: 0, renderDelayMs: 0, port: 0, ...options });
  await context.route(`${CONSOLE}/**`, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: `${sandbox.consoleUrl}${url.pathname}${url.search}` });
    await route.fulfill({ response });
  });
  return sandbox;
}

/**
 * What the extension would have seen had an admin visited these users and the SMS page before: the world's
 * history of each user and its SMS registration, moved from the scenario's clock onto the real one (the extension
 * diagnoses at the real time), as a history export.
 */
export function historyExport(sandbox: Sandbox, userIds: string[]) {
  const shiftMs = Date.now() - 60_000 - sandbox.world.clock.now();
  const shift = (instant: string) => new Date(Date.parse(instant) + shiftMs).toISOString();
  const users: Record<string, UserSnapshot[]> = {};
  for (const userId of userIds) {
    users[userId] = sandbox.world.history(userId).map((snapshot) => ({
      ...snapshot,
      observedAt: shift(snapshot.observedAt),
      source: "import" as const,
    }));
  }
  const company = sandbox.world.registration();
  return {
    format: "sms-doctor-history",
    version: 1,
    exportedAt: new Date().toISOString(),
    users,
    company: { ...company, observedAt: shift(company.observedAt) },
  };
}

/** The extension's options page, kept open to import history exports as an admin would. */
export class OptionsPage {
  private constructor(private readonly page: Page) {}

  static async open(browser: ExtensionBrowser): Promise<OptionsPage> {
    const page = await browser.newPage();
    await page.goto(`chrome-extension://${EXTENSION_ID}/src/options/index.html`);
    return new OptionsPage(page);
  }

  async importHistory(data: unknown): Promise<void> {
    // A fresh page each time, so the status line can't still show the previous import's result.
    await this.page.reload();
    const status = this.page.locator('[data-status="history"]');
    await this.page.getByLabel("Import history (JSON export)").setInputFiles({
      name: `history-${Date.now()}.json`,
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(data)),
    });
    await status.filter({ hasText: /Imported|failed/ }).waitFor();
    const text = (await status.textContent()) ?? "";
    if (!text.startsWith("Imported")) throw new Error(text);
  }

  close(): Promise<void> {
    return this.page.close();
  }
}

/**
 * Seeds the extension's history straight into its storage (the layout HistoryStore uses), for tests that visit
 * many scenarios: going through the options page each time costs a page load. The options page's own import is
 * tested once, in the first scenario.
 */
export async function seedHistory(
  browser: ExtensionBrowser,
  data: ReturnType<typeof historyExport>,
): Promise<void> {
  const items = Object.fromEntries(
    Object.entries(data.users).map(([userId, history]) => [`history/${userId}`, history]),
  );
  await browser.serviceWorker.evaluate((entries) => chrome.storage.local.set(entries), items);
}

/** What the extension stored: the last snapshot of a user, and the company registration. */
export async function storedReadings(browser: ExtensionBrowser, userId: string) {
  const stored = await browser.serviceWorker.evaluate(() => chrome.storage.local.get(null));
  const history = (stored[`history/${userId}`] ?? []) as UserSnapshot[];
  return { snapshot: history.at(-1), company: stored.company as CompanySmsRegistration | undefined };
}

/** The fields the console shows of a user, numbers in E.164, to compare a reading with the world. */
export function consoleFields(snapshot: UserSnapshot | undefined) {
  if (!snapshot) return undefined;
  return {
    license: snapshot.license,
    phoneNumber: toE164(snapshot.phoneNumber),
    extensionNumber: snapshot.extensionNumber,
    sms: snapshot.sms && { ...snapshot.sms, number: toE164(snapshot.sms.number) },
  };
}

/** What core concludes from the world's own truth: the yardstick when a declaration and core disagree. */
export function coreOnWorld(sandbox: Sandbox, userId: string): Diagnosis {
  const { world } = sandbox;
  return diagnose({
    now: world.clock.nowIso(),
    current: world.snapshot(userId),
    history: world.history(userId),
    company: world.registration(),
  });
}

/** Opens a user's page; the panel is what tests wait for, so the page's load event isn't awaited. */
export { openUser };

/** SMS Doctor sees the SMS page once, as an admin would, so it knows the campaign's status: the panel's verdict. */
export async function seeSmsPage(page: Page): Promise<string> {
  await page.goto(`${CONSOLE}/sms`, { waitUntil: "commit" });
  return new PanelPage(page, "sms-page").verdict();
}

/** A number of the healthy company that nobody has: Alice's Phone Number can be changed to it. */
export const SPARE_NUMBER = "+16175550199";

/**
 * The healthy company with `SPARE_NUMBER` to spare, served; the SMS page seen, then Alice's page opened: her
 * page, its panel and the panel's first verdict.
 */
export async function aliceWithANumberToSpare(
  replica: ReturnType<typeof useReplicaBrowser>,
): Promise<{ page: Page; panel: PanelPage; verdict: string }> {
  const scenario = loadScenario("healthy-company");
  scenario.numbers.push({
    number: SPARE_NUMBER,
    category: "LOCAL",
    virtual: false,
    temporaryNumber: false,
    portingNumber: null,
  });
  await replica.serve({ scenario });
  const page = await replica.browser.newPage();
  await seeSmsPage(page);
  await openUser(page, "u-alice");
  const panel = new PanelPage(page, "user");
  return { page, panel, verdict: await panel.verdict() };
}

/**
 * One Chromium with the built extension for a test file that visits the replica: the extension's state is reset
 * before each test; after it, the replica the test served is closed and its routes are dropped.
 */
export function useReplicaBrowser(): {
  readonly browser: ExtensionBrowser;
  serve(options: SandboxOptions): Promise<Sandbox>;
} {
  let browser: ExtensionBrowser | undefined;
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    browser = await launchWithExtension();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    await resetExtensionState(current());
    current().pageErrors.length = 0;
  });
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
    await current().context.unrouteAll();
  });
  const current = (): ExtensionBrowser => {
    if (!browser) throw new Error("the browser starts in beforeAll");
    return browser;
  };
  return {
    get browser() {
      return current();
    },
    async serve(options) {
      sandbox = await serveReplica(current().context, options);
      return sandbox;
    },
  };
}
