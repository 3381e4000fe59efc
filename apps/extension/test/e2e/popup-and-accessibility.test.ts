/**
 * The popup's overview in real Chromium (users grouped by cause, the campaign on top, links to their pages), and
 * axe-core on every surface SMS Doctor draws: the user panel, the SMS page panel, the popup and the options page.
 * Any violation of impact moderate or above fails.
 */
import { describe, expect, it } from "vitest";
import { axeViolations } from "./support/axe";
import { CONSOLE } from "./support/browser";
import { EXTENSION_ID } from "./support/extension";
import { PanelPage } from "./support/panel";
import {
  historyExport,
  openUser,
  seedHistory,
  seeSmsPage,
  useReplicaBrowser,
} from "./support/sandbox-console";

const replica = useReplicaBrowser();

describe("the popup", () => {
  it("lists the users who can't send SMS grouped by cause, with the campaign status on top", async () => {
    const sandbox = await replica.serve({ scenario: "phone-number-changed" });
    await seedHistory(replica.browser, historyExport(sandbox, ["u-alice", "u-bob"]));
    const page = await replica.browser.newPage();
    await seeSmsPage(page);
    for (const userId of ["u-alice", "u-bob"]) {
      await openUser(page, userId);
      await new PanelPage(page, "user").verdict();
    }
    const popup = await replica.browser.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/src/popup/index.html`);
    const group = popup.locator("[data-cause-group]");
    await group.first().waitFor();
    expect(
      await group.evaluateAll((groups) => groups.map((g) => g.getAttribute("data-cause-group"))),
    ).toEqual(["The user's phone number was changed"]);
    const alice = group.locator('[data-user-id="u-alice"]');
    expect(await alice.getAttribute("data-verdict")).toBe("cannot-send");
    expect(await alice.getByRole("link").getAttribute("href")).toBe(`${CONSOLE}/users/user/u-alice`);
    // u-bob can send: not listed.
    expect(await popup.locator('[data-user-id="u-bob"]').count()).toBe(0);
    const campaign = sandbox.world.registration().campaign.status;
    expect(await popup.locator("[data-campaign-status]").getAttribute("data-campaign-status")).toBe(campaign);
    expect(await axeViolations(popup)).toEqual([]);
    await popup.close();
    await page.close();
  });
});

describe("accessibility (axe-core)", () => {
  it("finds nothing of impact moderate or above in the user panel and the SMS page panel", async () => {
    const sandbox = await replica.serve({ scenario: "campaign-not-verified" });
    await seedHistory(replica.browser, historyExport(sandbox, ["u-alice"]));
    const page = await replica.browser.newPage();
    await seeSmsPage(page);
    expect(await axeViolations(page, '[data-sms-doctor-panel="sms-page"]')).toEqual([]);
    await openUser(page, "u-alice");
    const panel = new PanelPage(page, "user");
    expect(await panel.verdict()).toBe("cannot-send");
    expect(await axeViolations(page, '[data-sms-doctor-panel="user"]')).toEqual([]);
    await page.close();
  });

  it("finds nothing of impact moderate or above on the options page", async () => {
    const options = await replica.browser.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/src/options/index.html`);
    await options.getByRole("button", { name: "Test connection" }).waitFor();
    expect(await axeViolations(options)).toEqual([]);
    await options.close();
  });
});
