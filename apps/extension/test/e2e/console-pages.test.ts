import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { smsPageHtml } from "../support/sms-page-html";
import { userPageHtml } from "../support/user-page-html";
import { usersListHtml } from "../support/users-list-html";
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

const PAYLOAD =
  `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>` +
  `<style>*{color:rgb(255,0,0)!important;font-size:40px!important}</style>`;

/** How the panel's verdict line looks: enough to notice the console's CSS leaking in. */
async function panelLook(page: Page) {
  return page.locator('[data-sms-doctor-panel="user"] .verdict').evaluate((el) => {
    const style = getComputedStyle(el);
    const host = el.getRootNode() instanceof ShadowRoot ? (el.getRootNode() as ShadowRoot).host : null;
    return {
      color: style.color,
      fontSize: style.fontSize,
      fontWeight: style.fontWeight,
      hostDisplay: host ? getComputedStyle(host).display : "",
    };
  });
}

describe("the SMS page panel", () => {
  it("explains a rejected campaign, each form error with what to change", async () => {
    await new FixtureConsole()
      .show(
        "/sms",
        smsPageHtml({
          campaign: null,
          errors: [
            { field: "Call to Action", message: "Explain how recipients opt in." },
            { field: "Sample Message", message: "Samples must include the brand name." },
          ],
          numbers: [{ number: "+1 (617) 555-0102", status: "Pending" }],
        }),
      )
      .serve(browser.context);
    const page = await browser.newPage();
    await page.goto(`${CONSOLE}/sms`);
    const panel = new PanelPage(page, "sms-page");
    expect(await panel.verdict()).toBe("cannot-send");
    const fields = await panel.host
      .locator("[data-registration-field]")
      .evaluateAll((els) => els.map((el) => el.getAttribute("data-registration-field")));
    expect(fields).toEqual(["Call to Action", "Sample Message"]);
    expect(await panel.host.locator('[data-pending-number="+1 (617) 555-0102"]').count()).toBe(1);
    await page.close();
  });
});

describe("untrusted page text", () => {
  it("runs no script and restyles nothing when a user's name carries markup", async () => {
    const site = new FixtureConsole()
      .show("/users/user/u-clean", userPageHtml())
      .show("/users/user/u-evil", userPageHtml({ firstName: PAYLOAD, lastName: PAYLOAD }));
    await site.serve(browser.context);
    const page = await browser.newPage();
    await page.goto(`${CONSOLE}/users/user/u-clean`);
    await new PanelPage(page, "user").verdict();
    const clean = await panelLook(page);

    await page.goto(`${CONSOLE}/users/user/u-evil`);
    const panel = new PanelPage(page, "user");
    await panel.verdict();
    await expect.poll(() => panel.host.getByText(/Diagnosis for/).textContent()).toContain("<script>");
    // The console's own hostile CSS, aimed at everything including our host.
    await page.addStyleTag({
      content:
        "* { color: rgb(255, 0, 0) !important; font-size: 40px !important; } sms-doctor-panel { display: none !important; }",
    });
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await panel.host.locator("img, script, style:not(:first-child)").count()).toBe(0);
    expect(await panelLook(page)).toEqual(clean);
    expect(browser.pageErrors).toEqual([]);
    await page.close();
  });
});

describe("the Users list", () => {
  it("badges users whose last diagnosis was not can-send, and only them", async () => {
    await new FixtureConsole()
      .show("/sms", smsPageHtml())
      .show(
        "/users/user/u-alice",
        userPageHtml({ smsRows: [{ number: "+16175550101", enabled: false, status: "" }] }),
      )
      .show("/users/user/u-bob", userPageHtml({ firstName: "Bob" }))
      .show(
        "/users",
        usersListHtml([
          { id: "u-alice", name: "Alice Nguyen" },
          { id: "u-bob", name: "Bob Martinez" },
          { id: "u-carol", name: "Carol Smith" },
        ]),
      )
      .serve(browser.context);
    const page = await browser.newPage();
    await page.goto(`${CONSOLE}/sms`);
    await new PanelPage(page, "sms-page").verdict();
    await page.goto(`${CONSOLE}/users/user/u-alice`);
    expect(await new PanelPage(page, "user").verdict()).toBe("cannot-send");
    await page.goto(`${CONSOLE}/users/user/u-bob`);
    expect(await new PanelPage(page, "user").verdict()).toBe("can-send");
    await page.goto(`${CONSOLE}/users`);
    const badge = page.locator("[data-sms-doctor-badge]");
    await badge.first().waitFor();
    expect(await badge.count()).toBe(1);
    expect(await badge.getAttribute("data-verdict")).toBe("cannot-send");
    expect(await badge.evaluate((el) => el.previousElementSibling?.textContent)).toBe("Alice Nguyen");
    await page.close();
  });
});
