/**
 * With the real worker configured: Pending numbers (on a user's page and on the SMS page) are handed to the worker,
 * and the panels show where the carriers are with them; the worker's token never lands where content scripts can
 * read.
 */
import { formatPhoneNumberForPeople, startTracking } from "@sms-doctor/core";
import type { Sandbox } from "@sms-doctor/sandbox";
import { DEFAULT_PREFIX, storeConnection, TrackingStore } from "@sms-doctor/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE, type ExtensionBrowser, launchWithExtension } from "./support/browser";
import { delayingProxy } from "./support/delaying-proxy";
import { EXTENSION_ID } from "./support/extension";
import { PanelPage } from "./support/panel";
import { historyExport, openUser, seedHistory, serveReplica } from "./support/sandbox-console";
import { type RunningWorker, saveWorkerSettings, startWorker } from "./support/worker-process";

let browser: ExtensionBrowser;
let sandbox: Sandbox;
let worker: RunningWorker;
beforeAll(async () => {
  browser = await launchWithExtension();
  sandbox = await serveReplica(browser.context, { scenario: "verification-pending" });
  worker = await startWorker({ carrierUrl: sandbox.carrierUrl, carrierApiKey: sandbox.carrierApiKey });
});
afterAll(async () => {
  await worker?.stop();
  await sandbox?.close();
  await browser?.close();
});

describe("with the worker configured", () => {
  it("tracks a Pending number with the carriers and shows the tracker in the panel", async () => {
    // Settings are saved the way the options page saves them (its IndexedDB). The options page's own Save asks
    // Chrome for the origin first, a prompt automation can't answer; the worker allows the extension by CORS.
    const options = await browser.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/src/options/index.html`);
    await saveWorkerSettings(options, { apiUrl: worker.apiUrl, token: worker.token });
    await options.reload();
    await options.getByRole("button", { name: "Test connection" }).click();
    await options
      .locator('[data-status="worker"]')
      .filter({ hasText: /^Connected/ })
      .waitFor();
    await options.close();

    const pending = sandbox.scenario.expect.find((e) => e.verdict === "pending")!;
    await seedHistory(browser, historyExport(sandbox, [pending.userId]));
    const page = await browser.newPage();
    await openUser(page, pending.userId);
    const panel = new PanelPage(page, "user");
    expect(await panel.verdict()).toBe("pending");
    const tracker = panel.host.locator("[data-tracking-state]");
    await tracker.waitFor();
    expect(await tracker.getAttribute("data-tracking-state")).toMatch(
      /^(REQUESTED|AWAITING_NUMBER|AWAITING_CAMPAIGN)$/,
    );

    const number = sandbox.world.snapshot(pending.userId)?.sms?.number;
    const tracked = await fetch(`${worker.apiUrl}/v1/numbers/${encodeURIComponent(number ?? "")}`, {
      headers: { authorization: `Bearer ${worker.token}` },
    });
    expect(tracked.status).toBe(200);
    expect(await tracked.json()).toMatchObject({ number, userId: pending.userId });

    const stored = await browser.serviceWorker.evaluate(() => chrome.storage.local.get(null));
    expect(JSON.stringify(stored)).not.toContain(worker.token);
    await page.close();
  });

  it("hands the SMS page's Pending numbers to the worker and shows their tracking", async () => {
    const page = await browser.newPage();
    await page.goto(`${CONSOLE}/sms`, { waitUntil: "commit" });
    const panel = new PanelPage(page, "sms-page");
    await panel.verdict();
    const pending = (sandbox.world.registration().enabledNumbers ?? []).filter((n) => n.status === "pending");
    expect(pending.length).toBeGreaterThan(0);
    for (const { number } of pending) {
      const item = panel.host.locator(`[data-pending-number="${number}"]`);
      await item.locator("[data-tracking-state]").waitFor();
      const tracked = await fetch(`${worker.apiUrl}/v1/numbers/${encodeURIComponent(number)}`, {
        headers: { authorization: `Bearer ${worker.token}` },
      });
      expect(tracked.status).toBe(200);
    }
    await page.close();
  });

  it("lists on the SMS page the numbers the worker follows through consoles and has not seen for 12 hours", async () => {
    // Only 13 hours would bring this: a number followed through consoles alone, last seen when tracking began.
    const connection = storeConnection(worker.redisUrl);
    try {
      const store = new TrackingStore(connection, { prefix: DEFAULT_PREFIX });
      const began = Date.now() - 13 * 3_600_000;
      const record = startTracking("+14155550177", new Date(began).toISOString(), { provider: "console" });
      // Not due for a day: the worker's own tracker leaves it alone during the test.
      await store.start("acme", record, { dueAt: Date.now() + 86_400_000, userId: "u-unseen" });
    } finally {
      connection.disconnect();
    }
    const page = await browser.newPage();
    await page.goto(`${CONSOLE}/sms`, { waitUntil: "commit" });
    const panel = new PanelPage(page, "sms-page");
    await panel.verdict();
    const item = panel.host.locator('[data-item="+14155550177"]');
    await item.waitFor();
    expect(await item.textContent()).toBe(
      "+1 415-555-0177: not seen on a console for 13 hours. Open the page of user u-unseen so SMS Doctor shows the worker where it stands.",
    );
    expect(await panel.host.getByText("Numbers to re-read").count()).toBe(1);
    await page.close();
  });

  it("badges a user this browser never visited from the worker, and shows the shared history as 'What changed'", async () => {
    // Only the Pending user was opened in this browser so far.
    const pending = sandbox.scenario.expect.find((e) => e.verdict === "pending")!.userId;
    const other = sandbox.world.users().find((u) => u.id !== pending && u.extensionType === "user")!.id;
    const observe = async (snapshot: unknown) => {
      const response = await fetch(`${worker.apiUrl}/v1/observations`, {
        method: "POST",
        headers: { authorization: `Bearer ${worker.token}`, "content-type": "application/json" },
        body: JSON.stringify({ snapshot }),
      });
      expect(response.status).toBe(200);
    };
    // The directory sync saw the user with another number yesterday; an hour ago another administrator's
    // browser saw them without a license.
    const current = sandbox.world.snapshot(other)!;
    const ago = (ms: number) => new Date(Date.parse(current.observedAt) - ms).toISOString();
    await observe({
      ...current,
      observedAt: ago(86_400_000),
      phoneNumber: "+16175550199",
      sms: null,
      source: "admin-api",
    });
    await observe({ ...current, observedAt: ago(3_600_000), license: null, source: "console" });

    const page = await browser.newPage();
    await page.goto(`${CONSOLE}/users`, { waitUntil: "commit" });
    const badge = page.locator(`[data-sms-doctor-badge][data-verdict="cannot-send"]`);
    await badge.first().waitFor();
    const badged = await badge.evaluateAll((els) =>
      els.map((el) => el.previousElementSibling?.getAttribute("href")),
    );
    expect(badged).toEqual([`/users/user/${other}`]);

    await openUser(page, other);
    const panel = new PanelPage(page, "user");
    await panel.verdict();
    const change = panel.host.locator('[data-change-field="phoneNumber"]');
    await change.waitFor();
    expect(await change.getAttribute("data-source")).toBe("console");
    // Numbers as people read them (issue 15); E.164 stays in the data.
    expect(await change.textContent()).toContain(
      `+1 617-555-0199 → ${formatPhoneNumberForPeople(current.phoneNumber ?? "")}`,
    );
    expect(await panel.host.locator('[data-change-field="license"]').count()).toBe(2);
    await page.close();
  });

  it("shows the local diagnosis at once and updates the same panel in place when the worker answers late", async () => {
    const pending = sandbox.scenario.expect.find((e) => e.verdict === "pending")!.userId;
    const user = sandbox.world
      .users()
      .filter((u) => u.extensionType === "user" && u.id !== pending)
      .at(-1)!.id;
    const current = sandbox.world.snapshot(user)!;
    // The directory sync saw the user with another number yesterday: only the worker knows it.
    const observed = await fetch(`${worker.apiUrl}/v1/observations`, {
      method: "POST",
      headers: { authorization: `Bearer ${worker.token}`, "content-type": "application/json" },
      body: JSON.stringify({
        snapshot: {
          ...current,
          observedAt: new Date(Date.parse(current.observedAt) - 86_400_000).toISOString(),
          phoneNumber: "+16175550177",
          sms: null,
          source: "admin-api",
        },
      }),
    });
    expect(observed.status).toBe(200);
    const slow = await delayingProxy(worker.apiUrl, 2500);
    const options = await browser.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/src/options/index.html`);
    try {
      await saveWorkerSettings(options, { apiUrl: slow.url, token: worker.token });
      const page = await browser.newPage();
      await openUser(page, user);
      const panel = new PanelPage(page, "user");
      await panel.verdict();
      // The first panel is there while the worker has not answered yet.
      expect(await panel.host.locator('[data-worker="asking"]').count()).toBe(1);
      expect(await panel.host.locator("[data-change-field]").count()).toBe(0);
      const host = await panel.host.elementHandle();
      await host!.evaluate((el) => {
        (el as unknown as { firstPanel: boolean }).firstPanel = true;
      });
      await panel.host.locator('[data-worker="answered"]').waitFor({ timeout: 15_000 });
      // The same panel, updated: the worker's history shows in it.
      expect(await host!.evaluate((el) => (el as unknown as { firstPanel?: boolean }).firstPanel)).toBe(true);
      expect(await page.locator('[data-sms-doctor-panel="user"]').count()).toBe(1);
      await panel.host.locator('[data-change-field="phoneNumber"][data-source="admin-api"]').waitFor();
      await page.close();
    } finally {
      await saveWorkerSettings(options, { apiUrl: worker.apiUrl, token: worker.token });
      await options.close();
      await slow.close();
    }
  });

  it("copies a support case with the history timeline and no token", async () => {
    const pending = sandbox.scenario.expect.find((e) => e.verdict === "pending")!.userId;
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: CONSOLE });
    const page = await browser.newPage();
    await openUser(page, pending);
    const panel = new PanelPage(page, "user");
    await panel.verdict();
    await panel.host.locator('[data-worker="answered"]').waitFor({ timeout: 15_000 });
    await panel.host.getByRole("button", { name: "Copy support case", exact: true }).click();
    await panel.host.getByText("Copied").first().waitFor();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toMatch(/^SMS support case for /);
    expect(text).toMatch(/History timeline \(oldest first, \d+ observations?\)/);
    expect(text).toMatch(/\(Admin Console\): license /);
    expect(text).toMatch(/Carrier tracking:\n {2}\+1 \d{3}-\d{3}-\d{4}: /);
    expect(text).toMatch(/Verdict:\n {2}SMS is waiting for carrier approval \(pending\)/);
    expect(text).not.toContain(worker.token);
    expect(text).not.toContain(worker.apiUrl);
    await panel.host.getByRole("button", { name: "Copy as Markdown" }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toMatch(/^# SMS support case/);
    await page.close();
  });
});
