/**
 * The extension on console markup it was not written against, in real Chromium at https://admin.8x8.com: the
 * replica rendered in its markup variants (packages/sandbox/src/console/markup-variants.ts). A collapsed SMS
 * section is "open it", then read in place when opened; ARIA grids are read by their column headers; a profile
 * at a path the routes don't know is recognised by what it shows; saves are followed without a reload.
 */
import { type MarkupVariant, markupQuery, otherPathUserPage } from "@sms-doctor/sandbox";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CONSOLE } from "./support/browser";
import { PanelPage } from "./support/panel";
import { consoleFields, storedReadings, useReplicaBrowser } from "./support/sandbox-console";

const replica = useReplicaBrowser();

/** Opens a replica page in the given markup; the variant stays for the tab's session. */
async function open(page: Page, path: string, markup: MarkupVariant[]): Promise<void> {
  await page.goto(`${CONSOLE}${path}?${markupQuery(markup)}`, { waitUntil: "commit" });
}

describe("a collapsed SMS section", () => {
  it("asks to open it, never reads it as off, and replaces the panel in place once it is opened", async () => {
    const sandbox = await replica.serve({ scenario: "healthy-company" });
    const page = await replica.browser.newPage();
    await open(page, "/sms", ["collapsed-sms"]);
    await new PanelPage(page, "sms-page").verdict();
    await open(page, "/users/user/u-alice", ["collapsed-sms"]);
    const panel = new PanelPage(page, "user");
    const waiting = page.locator('[data-sms-doctor-panel="user"][data-state="waiting"]');
    await waiting.waitFor({ timeout: 30_000 });
    expect(await panel.host.locator(".verdict").textContent()).toBe(
      'Open "SMS enabled numbers" so SMS Doctor can read it',
    );
    expect(await panel.host.locator("[data-rule-id]").count()).toBe(0);
    // Nothing was stored as this user's state while the section was closed.
    expect((await storedReadings(replica.browser, "u-alice")).snapshot).toBeUndefined();

    await page.getByRole("button", { name: "SMS enabled numbers", exact: true }).click();
    await page.locator('[data-sms-doctor-panel="user"][data-state="ready"]').waitFor();
    expect(await panel.host.count()).toBe(1);
    expect(await panel.verdict()).toBe("can-send");
    const stored = await storedReadings(replica.browser, "u-alice");
    expect(consoleFields(stored.snapshot)).toEqual(consoleFields(sandbox.world.snapshot("u-alice")));
    expect(replica.browser.pageErrors).toEqual([]);
    await page.close();
  });
});

describe("numbers in ARIA grids", () => {
  it("reads the profile, the SMS page and the Users list built of role=grid divs", async () => {
    const sandbox = await replica.serve({ scenario: "verification-pending" });
    const page = await replica.browser.newPage();
    await open(page, "/sms", ["aria-grid"]);
    const smsPanel = new PanelPage(page, "sms-page");
    await smsPanel.verdict();
    const { company } = await storedReadings(replica.browser, "u-erin");
    expect(company?.enabledNumbers).toEqual(sandbox.world.registration().enabledNumbers);

    await open(page, "/users/user/u-erin", ["aria-grid"]);
    const panel = new PanelPage(page, "user");
    expect(await panel.verdict()).toBe("pending");
    expect(await panel.field("smsStatus")).toMatch(/pending/i);
    const stored = await storedReadings(replica.browser, "u-erin");
    expect(consoleFields(stored.snapshot)).toEqual(consoleFields(sandbox.world.snapshot("u-erin")));

    await page.getByRole("link", { name: "Users", exact: true }).first().click();
    const badge = page.locator("[data-sms-doctor-badge]");
    await badge.first().waitFor();
    expect(await badge.count()).toBe(1);
    expect(await badge.getAttribute("data-verdict")).toBe("pending");
    // Next to Erin's link, inside Erin's row of the grid.
    expect(await badge.evaluate((el) => el.closest('[role="row"]')?.textContent)).toContain("Erin");
    expect(replica.browser.pageErrors).toEqual([]);
    await page.close();
  });
});

describe("a profile at a path the routes don't know", () => {
  it("is recognised by its sections and identified by its Username, as one user with its usual page", async () => {
    await replica.serve({ scenario: "phone-number-changed" });
    const page = await replica.browser.newPage();
    await open(page, "/sms", ["other-path"]);
    await new PanelPage(page, "sms-page").verdict();
    // Seen first where the URL carries the id: SMS Doctor learns who the Username belongs to.
    await open(page, "/users/user/u-alice", ["other-path"]);
    const panel = new PanelPage(page, "user");
    const verdict = await panel.verdict();
    await open(page, otherPathUserPage("u-alice"), ["other-path"]);
    await page.locator('[data-sms-doctor-panel="user"][data-verdict]').waitFor();
    expect(await panel.verdict()).toBe(verdict);
    const stored = await replica.browser.serviceWorker.evaluate(() => chrome.storage.local.get(null));
    const histories = Object.keys(stored).filter((key) => key.startsWith("history/"));
    expect(histories).toEqual(["history/u-alice"]);
    expect(replica.browser.pageErrors).toEqual([]);
    await page.close();
  });
});

describe("a page that changes after it was read", () => {
  it("follows a save without a reload: switching SMS off is diagnosed in the same panel", async () => {
    await replica.serve({ scenario: "healthy-company" });
    const page = await replica.browser.newPage();
    await open(page, "/sms", ["aria-table"]);
    await new PanelPage(page, "sms-page").verdict();
    await open(page, "/users/user/u-alice", ["aria-table"]);
    const panel = new PanelPage(page, "user");
    expect(await panel.verdict()).toBe("can-send");

    await page.getByRole("switch", { name: "SMS Enabled" }).click();
    await page
      .locator('[data-test-id="form-section"][data-id="sms"]')
      .getByRole("button", { name: "Save" })
      .click();
    await page.locator('[data-sms-doctor-panel="user"]:not([data-verdict="can-send"])').waitFor();
    expect(await panel.host.count()).toBe(1);
    expect(await panel.verdict()).not.toBe("can-send");
    expect(await panel.field("smsEnabled")).toBe("SMS Disabled");
    expect(replica.browser.pageErrors).toEqual([]);
    await page.close();
  });
});
