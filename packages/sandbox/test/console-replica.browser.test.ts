import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../src/sandbox.js";
import { CONSOLE_ORIGIN, launchChromium, routeConsoleOrigin } from "./support/browser.js";
import { startTestSandbox } from "./support/start.js";

const RESULTS = fileURLToPath(new URL("../test-results/", import.meta.url));
export const SCREENSHOT = `${RESULTS}console-replica-sms-toggle.png`;

let browser: Browser;
let context: BrowserContext | undefined;
let sandbox: Sandbox | undefined;

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(RESULTS, { recursive: true });
});
afterAll(() => browser.close());
afterEach(async () => {
  await context?.close();
  await sandbox?.close();
  context = undefined;
  sandbox = undefined;
});

async function open(scenario: string, renderDelayMs = 0): Promise<Page> {
  sandbox = await startTestSandbox({ scenario, renderDelayMs });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await routeConsoleOrigin(context, sandbox.consoleUrl);
  return context.newPage();
}

const section = (page: Page, id: string) => page.locator(`[data-test-id="form-section"][data-id="${id}"]`);

/** Counts full document loads from now on (a client-side navigation adds none), and marks the window. */
async function trackDocumentLoads(page: Page): Promise<() => number> {
  let loads = 0;
  page.on("load", () => loads++);
  await page.evaluate("window.__sameDocument = true");
  return () => loads;
}

describe("Admin Console replica in Chromium, at https://admin.8x8.com", () => {
  it("renders the shell first, then the sections after the render delay", async () => {
    const page = await open("healthy-company", 600);
    await page.goto(`${CONSOLE_ORIGIN}/users/user/u-alice`);
    await expect.poll(() => page.getByRole("navigation", { name: "Main navigation" }).isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "Users" }).isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "SMS" }).isVisible()).toBe(true);
    expect(await page.locator('[data-test-id="form-section"]').count()).toBe(0);
    await section(page, "sms").waitFor();
    const titles = await page
      .locator('[data-test-id="form-section"] .form-section-header-container')
      .allInnerTexts();
    expect(titles).toEqual([
      "Basic information",
      "Services and permissions",
      "Voice basic settings",
      "External caller ID",
      "Call forwarding",
      "SMS enabled numbers",
    ]);
    // Generated class names only: nothing to hold on to but labels and landmarks.
    const classes = await page.locator('[data-test-id="form-section"]').first().getAttribute("class");
    expect(classes).toMatch(/^css-[0-9a-z]+-FormSection$/);
  });

  it("navigates between two users with pushState (no page load), and back/forward work", async () => {
    const page = await open("healthy-company");
    await page.goto(`${CONSOLE_ORIGIN}/users`);
    const documentLoads = await trackDocumentLoads(page);

    // "+ Add filter": License Is X Series - X8 leaves only Carol; removing the filter brings everyone back.
    await page.getByRole("button", { name: "+ Add filter" }).click();
    await page.getByLabel("Value").selectOption("X Series - X8");
    const editLinks = page.getByRole("link", { name: /^Edit / });
    await expect
      .poll(() => editLinks.evaluateAll((links) => links.map((a) => a.getAttribute("href"))))
      .toEqual(["/users/user/u-carol"]);
    await page.getByRole("button", { name: "Remove filter" }).click();

    const aliceLink = page.getByRole("link", { name: "Edit Alice Nguyen" });
    expect(await aliceLink.getAttribute("href")).toBe("/users/user/u-alice");
    await aliceLink.click();
    await page.getByRole("heading", { name: "Alice Nguyen" }).waitFor();
    expect(page.url()).toBe(`${CONSOLE_ORIGIN}/users/user/u-alice`);

    await page.getByRole("link", { name: "Users" }).first().click();
    await page.getByRole("link", { name: "Edit Bob Martinez" }).click();
    await page.getByRole("heading", { name: "Bob Martinez" }).waitFor();
    const phone = section(page, "voiceBasicSettings");
    expect(await phone.getByText("+16175550102").count()).toBe(1);

    // License: a react-select-like combobox labelled "License", value in the sibling single-value div.
    const license = page.getByLabel("License");
    expect(await license.getAttribute("role")).toBe("combobox");
    expect(await license.getAttribute("id")).toMatch(/^react-select-\d+-input$/);
    expect(await section(page, "servicesAndPermissions").getByText("X Series - X4").isVisible()).toBe(true);

    await page.goBack();
    await page.getByRole("heading", { name: "Users", exact: true }).waitFor();
    await page.goBack();
    await page.getByRole("heading", { name: "Alice Nguyen" }).waitFor();
    await page.goForward();
    await page.goForward();
    await page.getByRole("heading", { name: "Bob Martinez" }).waitFor();

    // The same document all along: no load event, and the marker set before the first click survives.
    expect(documentLoads()).toBe(0);
    expect(await page.evaluate("window.__sameDocument")).toBe(true);
  });

  it("toggles SMS for a user: Pending until the carrier provisions the number, then Enabled", async () => {
    const page = await open("phone-number-changed");
    await page.goto(`${CONSOLE_ORIGIN}/users/user/u-alice`);
    const sms = section(page, "sms");
    const off = sms.getByRole("switch", { name: "SMS Disabled" });
    await off.waitFor();
    expect(await sms.getByRole("row", { name: /\+16175550188/ }).textContent()).not.toMatch(
      /Pending|Enabled/,
    );
    await off.click();
    expect(await sms.getByRole("switch", { name: "SMS Enabled" }).isChecked()).toBe(true);
    await sms.getByRole("button", { name: "Save" }).click();
    await sms.getByRole("cell", { name: "Pending", exact: true }).waitFor();
    expect(sandbox!.world.number("+16175550188")!.sms.status).toBe("pending");

    // Four simulated hours later the carrier has assigned the number.
    await fetch(`${sandbox!.carrierUrl}/_control/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advanceHours: 5 }),
    });
    await page.getByRole("link", { name: "SMS", exact: true }).click();
    await section(page, "smsNumbers").getByRole("cell", { name: "+16175550188" }).waitFor();
    await page.goBack();
    await sms.getByRole("cell", { name: "Enabled", exact: true }).waitFor();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it("editing the license disables SMS, as 8x8 documents", async () => {
    const page = await open("healthy-company");
    await page.goto(`${CONSOLE_ORIGIN}/users/user/u-dan`);
    await section(page, "servicesAndPermissions").waitFor();
    await page.getByLabel("License").click();
    await page.getByRole("option", { name: "X Series - X6" }).click();
    await page.getByRole("button", { name: "Save" }).last().click();
    await page.getByRole("status").getByText("Changes saved.").waitFor();
    await section(page, "sms").getByRole("switch", { name: "SMS Disabled" }).waitFor();
    expect(sandbox!.world.snapshot("u-dan")).toMatchObject({
      license: "X Series - X6",
      sms: { enabled: false },
    });
  });

  it("shows the rejected campaign's errors under their fields, and deactivation asks first", async () => {
    const page = await open("us-rejected-campaign");
    await page.goto(`${CONSOLE_ORIGIN}/sms`);
    const campaign = section(page, "campaign");
    await campaign.waitFor();
    expect(await section(page, "brand").getByText("Verified", { exact: true }).isVisible()).toBe(true);
    const description = campaign.getByLabel("Campaign Description");
    expect(await description.getAttribute("aria-invalid")).toBe("true");
    expect(await campaign.locator('[id$="-error"]').count()).toBe(3);
    expect(await campaign.getByRole("button", { name: "Re-submit" }).isVisible()).toBe(true);

    await section(page, "deactivateCampaign").getByRole("button", { name: "Deactivate campaign" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Deactivate and disable SMS" }).click();
    await campaign.getByText("Deactivated", { exact: true }).waitFor();
    expect(sandbox!.world.company.campaign.status).toBe("deactivated");
  });

  it("warns when the campaign holds more numbers than its limit", async () => {
    const page = await open("campaign-number-limit");
    await page.goto(`${CONSOLE_ORIGIN}/sms`);
    const numbers = section(page, "smsNumbers");
    await numbers.getByRole("alert").waitFor();
    expect(await numbers.getByRole("alert").textContent()).toMatch(/49 SMS enabled numbers.*holds 48/);
    expect(await numbers.getByRole("button", { name: "Remove number" }).count()).toBe(49);
  });

  it("asks before removing a number from the campaign, and Cancel keeps it", async () => {
    const page = await open("healthy-company");
    await page.goto(`${CONSOLE_ORIGIN}/sms`);
    const numbers = section(page, "smsNumbers");
    const remove = numbers.getByRole("button", { name: "Remove number" });
    await remove.first().waitFor();
    const number = sandbox!.world.smsNumbers()[0]!.number;

    await remove.first().click();
    const dialog = page.getByRole("alertdialog", { name: "Remove number?" });
    expect(await dialog.textContent()).toContain(number);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    const sms = () => sandbox!.world.numbers().find((n) => n.number === number)!.sms;
    expect(sms().enabled).toBe(true);

    await remove.first().click();
    await dialog.getByRole("button", { name: "Remove number" }).click();
    await dialog.waitFor({ state: "detached" });
    // Removing disables SMS on the number (Pending until the carriers confirm).
    await expect.poll(() => sms().enabled).toBe(false);
  });
});
