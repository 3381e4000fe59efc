/**
 * The extension against the sandbox's Admin Console replica, served at https://admin.8x8.com: an admin's walk
 * through history, client-side navigation, the SMS page with a rejected campaign, hostile page text, and a saved
 * replica page whose layout lost a section (a clear "couldn't read", never a guess, no page errors).
 */
import { loadScenario } from "@sms-doctor/sandbox";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { savedPageHtml, savedPages } from "../support/saved-pages";
import { CONSOLE } from "./support/browser";
import { PanelPage } from "./support/panel";
import {
  aliceWithANumberToSpare,
  openUser,
  SPARE_NUMBER,
  seeSmsPage,
  useReplicaBrowser,
} from "./support/sandbox-console";

const replica = useReplicaBrowser();

describe("the user panel on the replica", () => {
  it("confirms phone-number-changed after the admin changes the number and comes back", async () => {
    const { page, panel, verdict } = await aliceWithANumberToSpare(replica);
    expect(verdict).toBe("can-send");

    // In the replica, as the admin does it: pick another Phone Number and save the profile.
    await page.getByLabel("Phone Number").click();
    await page.getByRole("option", { name: SPARE_NUMBER }).click();
    await page.getByRole("button", { name: "Save", exact: true }).last().click();
    await page.getByRole("status").filter({ hasText: "Changes saved." }).waitFor();

    await page.reload();
    expect(await panel.verdict()).toBe("cannot-send");
    expect((await panel.findings())[0]).toEqual({ ruleId: "phone-number-changed", certainty: "confirmed" });
    expect(await panel.field("phoneNumber")).toContain("0199");
    expect(replica.browser.pageErrors).toEqual([]);
    await page.close();
  });

  it("replaces the panel when the admin moves between users client-side, and badges the list", async () => {
    const sandbox = await replica.serve({ scenario: "phone-number-changed" });
    const page = await replica.browser.newPage();
    await seeSmsPage(page);
    await openUser(page, "u-alice");
    const panel = new PanelPage(page, "user");
    expect(await panel.verdict()).toBe("cannot-send");

    await page.getByRole("link", { name: "Users", exact: true }).first().click();
    await page.waitForURL(`${CONSOLE}/users`);
    expect(await panel.host.count()).toBe(0);
    const badge = page.locator("[data-sms-doctor-badge]");
    await badge.first().waitFor();
    expect(await badge.count()).toBe(1);
    expect(await badge.getAttribute("data-verdict")).toBe("cannot-send");
    expect(await badge.evaluate((el) => el.previousElementSibling?.getAttribute("href"))).toBe(
      "/users/user/u-alice",
    );

    await page.getByRole("link", { name: "Edit Bob Martinez" }).click();
    await page.waitForURL(`${CONSOLE}/users/user/u-bob`);
    expect(await panel.verdict()).toBe("can-send");
    expect(await panel.host.count()).toBe(1);
    expect(await panel.field("phoneNumber")).toBe(sandbox.world.snapshot("u-bob")?.phoneNumber);

    await page.goBack();
    await page.goBack();
    await page.waitForURL(`${CONSOLE}/users/user/u-alice`);
    await page.locator('[data-sms-doctor-panel="user"][data-verdict="cannot-send"]').waitFor();
    expect(await panel.host.count()).toBe(1);
    expect(await page.locator("[data-sms-doctor-badge]").count()).toBe(0);
    expect(replica.browser.pageErrors).toEqual([]);
    await page.close();
  });
});

describe("the SMS page panel on the replica", () => {
  it("explains a rejected campaign: every form error with its field and what to change", async () => {
    const sandbox = await replica.serve({ scenario: "us-rejected-campaign" });
    const page = await replica.browser.newPage();
    expect(await seeSmsPage(page)).toBe("cannot-send");
    const panel = new PanelPage(page, "sms-page");
    const fields = await panel.host
      .locator("[data-registration-field]")
      .evaluateAll((els) => els.map((el) => el.getAttribute("data-registration-field")));
    expect(fields).toEqual(sandbox.world.registration().campaign.errors.map((error) => error.field));
    expect(await panel.host.getByText("What to change in the registration form").count()).toBe(1);
    expect(replica.browser.pageErrors).toEqual([]);
    await page.close();
  });
});

const PAYLOAD =
  `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>` +
  `<style>*{color:rgb(255,0,0)!important;font-size:40px!important}</style>`;

/** How the panel's verdict line and host look: enough to notice the console's CSS leaking in. */
async function panelLook(page: Page) {
  return page.locator('[data-sms-doctor-panel="user"] .verdict').evaluate((el) => {
    const style = getComputedStyle(el);
    const host = (el.getRootNode() as ShadowRoot).host;
    const hostStyle = getComputedStyle(host);
    return {
      color: style.color,
      fontSize: style.fontSize,
      fontFamily: style.fontFamily,
      hostDisplay: hostStyle.display,
      hostVisibility: hostStyle.visibility,
    };
  });
}

describe("untrusted page text on the replica", () => {
  it("runs no script and restyles nothing when a user's name carries markup", async () => {
    const scenario = loadScenario("healthy-company");
    const evil = scenario.users[0]!;
    evil.firstName = PAYLOAD;
    evil.lastName = PAYLOAD;
    await replica.serve({ scenario });
    const page = await replica.browser.newPage();
    await seeSmsPage(page);
    await openUser(page, scenario.users[1]!.id);
    await new PanelPage(page, "user").verdict();
    const clean = await panelLook(page);

    await openUser(page, evil.id);
    const panel = new PanelPage(page, "user");
    await panel.verdict();
    expect(await panel.host.getByText(/Diagnosis for/).textContent()).toContain(
      "<script>window.__pwned=2</script>",
    );
    // The console's own CSS at its most hostile, aimed at everything including our host.
    await page.addStyleTag({
      content:
        "* { color: rgb(255, 0, 0) !important; font-size: 40px !important; font-family: serif !important; }" +
        " sms-doctor-panel { display: none !important; visibility: hidden !important; }",
    });
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await panel.host.locator("img, script").count()).toBe(0);
    expect(await panelLook(page)).toEqual(clean);
    expect(replica.browser.pageErrors).toEqual([]);
    await page.close();
  });
});

describe("a saved replica page missing a section", () => {
  it("says which fields it couldn't read, next to what is there, without page errors", async () => {
    const saved = savedPages.find((page) => page.variant === "missing-sms-section")!;
    await replica.browser.context.route(`${CONSOLE}/**`, (route) =>
      route.fulfill({
        status: 200,
        contentType: "text/html; charset=utf-8",
        body: savedPageHtml(saved.file),
      }),
    );
    const page = await replica.browser.newPage();
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
    expect(replica.browser.pageErrors).toEqual([]);
    await page.close();
  });
});
