import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { smsPageHtml } from "../support/sms-page-html";
import { userPageHtml } from "../support/user-page-html";
import { CONSOLE, type ExtensionBrowser, launchWithExtension, resetExtensionState } from "./support/browser";
import { FixtureConsole, navigateClientSide } from "./support/fixture-console";
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

/** The company's campaign is VERIFIED and SMS Doctor has seen it: what "can send" needs for a US number. */
async function seeVerifiedCampaign(page: Page) {
  await page.goto(`${CONSOLE}/sms`);
  expect(await new PanelPage(page, "sms-page").verdict()).toBe("can-send");
}

const withSmsPage = () => new FixtureConsole().show("/sms", smsPageHtml());

describe("the user panel in Chromium (fixture console)", () => {
  it("shows the verdict and what it read next to the SMS section", async () => {
    await withSmsPage().show("/users/user/u-alice", userPageHtml()).serve(browser.context);
    const page = await browser.newPage();
    await seeVerifiedCampaign(page);
    await page.goto(`${CONSOLE}/users/user/u-alice`);
    const panel = new PanelPage(page, "user");
    expect(await panel.verdict()).toBe("can-send");
    expect(await panel.field("license")).toBe("X Series - X4");
    expect(await panel.field("smsStatus")).toBe("Enabled");
    // It sits right after the SMS enabled numbers section.
    const previous = await panel.host.evaluate((host) =>
      host.previousElementSibling?.getAttribute("data-id"),
    );
    expect(previous).toBe("sms");
    await page.close();
  });

  it("confirms phone-number-changed after a visit with SMS on and a revisit after the change", async () => {
    const consoleSite = withSmsPage().show("/users/user/u-alice", userPageHtml());
    await consoleSite.serve(browser.context);
    const page = await browser.newPage();
    await seeVerifiedCampaign(page);
    await page.goto(`${CONSOLE}/users/user/u-alice`);
    const panel = new PanelPage(page, "user");
    expect(await panel.verdict()).toBe("can-send");

    consoleSite.show(
      "/users/user/u-alice",
      userPageHtml({
        phoneNumber: "+1 (617) 555-0188",
        smsRows: [{ number: "+1 (617) 555-0188", enabled: false, status: "" }],
      }),
    );
    await page.reload();
    expect(await panel.verdict()).toBe("cannot-send");
    expect((await panel.findings())[0]).toEqual({ ruleId: "phone-number-changed", certainty: "confirmed" });
    await page.close();
  });

  it("replaces the panel when the admin moves to another user client-side", async () => {
    await withSmsPage()
      .show("/users/user/u-alice", userPageHtml())
      .show(
        "/users/user/u-bob",
        userPageHtml({ firstName: "Bob", smsRows: [{ number: "+16175550101", enabled: false, status: "" }] }),
      )
      .serve(browser.context);
    const page = await browser.newPage();
    await seeVerifiedCampaign(page);
    await page.goto(`${CONSOLE}/users/user/u-alice`);
    const panel = new PanelPage(page, "user");
    expect(await panel.verdict()).toBe("can-send");
    await navigateClientSide(page, "/users/user/u-bob");
    await page.locator('[data-sms-doctor-panel="user"][data-verdict="cannot-send"]').waitFor();
    expect(await panel.host.count()).toBe(1);
    expect(browser.pageErrors).toEqual([]);
    await page.close();
  });

  it("says it couldn't read a page whose SMS section is missing, without page errors", async () => {
    await withSmsPage()
      .show("/users/user/u-alice", userPageHtml({ omit: ["sms"] }))
      .serve(browser.context);
    const page = await browser.newPage();
    await page.goto(`${CONSOLE}/users/user/u-alice`);
    const panel = new PanelPage(page, "user");
    expect(await panel.verdict()).toBe("unknown");
    await expect.poll(() => panel.host.getByRole("alert").textContent()).toMatch(/couldn't read this page/);
    expect(await panel.host.locator("[data-unreadable-field]").count()).toBe(3);
    expect(browser.pageErrors).toEqual([]);
    await page.close();
  });
});
