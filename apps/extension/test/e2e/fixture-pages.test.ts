/**
 * A saved replica page whose layout lost a section (the sandbox's `--missing-sms-section` fixture), served at
 * https://admin.8x8.com: SMS Doctor must show a clear "couldn't read" panel, never a guess, and the page's console
 * must stay free of errors.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { savedPageHtml, savedPages } from "../support/saved-pages";
import { CONSOLE, type ExtensionBrowser, launchWithExtension } from "./support/browser";
import { PanelPage } from "./support/panel";

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
});

describe("a console page missing a section", () => {
  it("says which fields it couldn't read, next to what is there, without page errors", async () => {
    const saved = savedPages.find((page) => page.variant === "missing-sms-section")!;
    await browser.context.route(`${CONSOLE}/**`, (route) =>
      route.fulfill({
        status: 200,
        contentType: "text/html; charset=utf-8",
        body: savedPageHtml(saved.file),
      }),
    );
    const page = await browser.newPage();
    await page.goto(`${CONSOLE}${saved.path}`);
    const panel = new PanelPage(page, "user");
    expect(await panel.verdict()).toBe("unknown");
    expect(await panel.host.getByRole("alert").textContent()).toMatch(/couldn't read this page/);
    const fields = await panel.host
      .locator("[data-unreadable-field]")
      .evaluateAll((els) => els.map((el) => el.getAttribute("data-unreadable-field")));
    expect(fields).toEqual(["smsNumber", "smsEnabled", "smsStatus"]);
    expect(await panel.host.locator("[data-rule-id]").count()).toBe(0);
    // It sits after the last profile section that is there.
    expect(
      await panel.host.evaluate((host) => host.previousElementSibling?.getAttribute("data-test-id")),
    ).toBe("form-section");
    expect(browser.pageErrors).toEqual([]);
    await page.close();
  });
});
