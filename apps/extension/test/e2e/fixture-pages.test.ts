/**
 * Pages the replica doesn't produce on its own, served at https://admin.8x8.com: a console whose layout lost a
 * section must get a clear "couldn't read" panel, never a guess, and no errors in the page's console.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { userPageHtml } from "../support/user-page-html";
import { CONSOLE, type ExtensionBrowser, launchWithExtension, resetExtensionState } from "./support/browser";
import { FixtureConsole } from "./support/fixture-console";
import { PanelPage } from "./support/panel";

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  await resetExtensionState(browser);
  await browser.context.unrouteAll();
  browser.pageErrors.length = 0;
});

describe("a console page missing a section", () => {
  it("says which fields it couldn't read, next to what is there, without page errors", async () => {
    await new FixtureConsole()
      .show("/users/user/u-alice", userPageHtml({ omit: ["sms"] }))
      .serve(browser.context);
    const page = await browser.newPage();
    await page.goto(`${CONSOLE}/users/user/u-alice`);
    const panel = new PanelPage(page, "user");
    expect(await panel.verdict()).toBe("unknown");
    await expect.poll(() => panel.host.getByRole("alert").textContent()).toMatch(/couldn't read this page/);
    const fields = await panel.host
      .locator("[data-unreadable-field]")
      .evaluateAll((els) => els.map((el) => el.getAttribute("data-unreadable-field")));
    expect(fields).toEqual(["smsNumber", "smsEnabled", "smsStatus"]);
    expect(await panel.host.locator("[data-rule-id]").count()).toBe(0);
    expect(await panel.host.evaluate((host) => host.previousElementSibling?.getAttribute("data-id"))).toBe(
      "voiceBasicSettings",
    );
    expect(browser.pageErrors).toEqual([]);
    await page.close();
  });
});
