/**
 * Issue 15 in the replica at https://admin.8x8.com, with the real built extension: warn before Save (an unsaved
 * Phone Number change shows what saving will do; Save is then diagnosed as phone-number-changed without a reload),
 * "Show me" (scrolls to the SMS switch and outlines it, the console's DOM unchanged), and who loses SMS while the
 * SMS page asks to confirm a deactivation.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  aliceWithANumberToSpare,
  historyExport,
  SPARE_NUMBER,
  seedHistory,
  seeSmsPage,
  useReplicaBrowser,
} from "./support/sandbox-console";

const replica = useReplicaBrowser();

/** The console's DOM as serialized, without SMS Doctor's own elements. */
const consoleHtml = (page: Page) =>
  page.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement;
    for (const own of copy.querySelectorAll("sms-doctor-panel, sms-doctor-badge")) own.remove();
    return copy.innerHTML;
  });

describe("warn before Save", () => {
  it("shows what saving a new phone number will do before Save, then diagnoses the save", async () => {
    const { page, panel, verdict } = await aliceWithANumberToSpare(replica);
    expect(verdict).toBe("can-send");
    const warning = panel.host.locator(".warning");
    expect(await warning.count()).toBe(0);

    // The admin picks another Phone Number and has not saved.
    await page.getByLabel("Phone Number").click();
    await page.getByRole("option", { name: SPARE_NUMBER }).click();
    await warning.waitFor();
    const items = await warning
      .locator("[data-item]")
      .evaluateAll((els) => els.map((el) => el.getAttribute("data-item")));
    expect(items).toEqual(["smsTurnsOffNumberChanged", "pendingUpTo"]);
    expect(await warning.textContent()).toContain("SMS must then be enabled again for +1 617-555-0199");
    expect(await panel.host.getAttribute("data-verdict")).toBe("can-send");

    // Save: the same panel, without a reload, diagnoses what was saved.
    await page.getByRole("button", { name: "Save", exact: true }).last().click();
    await page.getByRole("status").filter({ hasText: "Changes saved." }).waitFor();
    await page.locator('[data-sms-doctor-panel="user"][data-verdict="cannot-send"]').waitFor();
    expect((await panel.findings())[0]).toEqual({ ruleId: "phone-number-changed", certainty: "confirmed" });
    await warning.waitFor({ state: "detached" });
    expect(await panel.host.count()).toBe(1);
    expect(replica.browser.pageErrors).toEqual([]);
    await page.close();
  });
});

describe("Show me", () => {
  it("scrolls to the SMS switch a step names and outlines it; the console's DOM is unchanged", async () => {
    const { page, panel, verdict } = await aliceWithANumberToSpare(replica);
    expect(verdict).toBe("can-send");
    await page.getByLabel("Phone Number").click();
    await page.getByRole("option", { name: SPARE_NUMBER }).click();
    await page.getByRole("button", { name: "Save", exact: true }).last().click();
    await page.locator('[data-sms-doctor-panel="user"][data-verdict="cannot-send"]').waitFor();

    const toggle = page.getByRole("switch", { name: "SMS Disabled" });
    await page.evaluate(() => window.scrollTo(0, 0));
    const before = await consoleHtml(page);
    const checked = await toggle.isChecked();

    const step = panel.host.locator('[data-rule-id="phone-number-changed"] ol li').first();
    await step.getByRole("button", { name: "Show me" }).click();
    const outline = page.locator('[data-sms-doctor-panel="outline"]');
    await outline.waitFor({ state: "attached" });
    // Scrolled into view, and the outline sits over the switch.
    await expect
      .poll(() =>
        toggle.evaluate((el) => {
          const { top, bottom } = el.getBoundingClientRect();
          return top >= 0 && bottom <= innerHeight;
        }),
      )
      .toBe(true);
    await expect
      .poll(async () => {
        const [box, around] = [await toggle.boundingBox(), await outline.boundingBox()];
        return Boolean(
          box &&
            around &&
            around.x <= box.x &&
            around.y <= box.y &&
            around.x + around.width >= box.x + box.width &&
            around.y + around.height >= box.y + box.height,
        );
      })
      .toBe(true);

    expect(await consoleHtml(page)).toBe(before);
    expect(await toggle.isChecked()).toBe(checked);
    // Gone after a few seconds, leaving the page as it was.
    await outline.waitFor({ state: "detached", timeout: 6000 });
    expect(await consoleHtml(page)).toBe(before);
    expect(replica.browser.pageErrors).toEqual([]);
    await page.close();
  });
});

describe("who loses SMS", () => {
  it("lists the users seen with SMS on while the SMS page asks to confirm deactivating the campaign", async () => {
    const sandbox = await replica.serve({ scenario: "healthy-company" });
    const users = ["u-alice", "u-bob", "u-carol", "u-dan"];
    await seedHistory(replica.browser, historyExport(sandbox, users));
    const smsOn = users.filter((id) => sandbox.world.snapshot(id)?.sms?.enabled);
    expect(smsOn.length).toBeGreaterThan(1);
    const page = await replica.browser.newPage();
    await seeSmsPage(page);
    const warning = page.locator('[data-sms-doctor-panel="sms-change"]');
    expect(await warning.count()).toBe(0);

    await page.getByRole("button", { name: "Deactivate campaign" }).click();
    const dialog = page.getByRole("dialog", { name: "Deactivate campaign?" });
    await dialog.waitFor();
    await warning.waitFor();
    expect(await warning.getAttribute("data-change")).toBe("deactivate-campaign");
    const listed = await warning
      .locator("[data-item]")
      .evaluateAll((els) => els.map((el) => el.getAttribute("data-item")));
    expect(listed.sort()).toEqual([...smsOn].sort());
    expect(await warning.locator(".warning").textContent()).toContain("cannot be undone");
    // Above the dialog's backdrop, where the admin looks.
    expect(await warning.evaluate((el) => getComputedStyle(el).position)).toBe("fixed");

    await dialog.getByRole("button", { name: "Cancel" }).click();
    await warning.waitFor({ state: "detached" });
    expect(sandbox.world.company.campaign.status).toBe("verified");
    expect(replica.browser.pageErrors).toEqual([]);
    await page.close();
  });

  it("lists only the number's user while the SMS page asks to confirm removing it", async () => {
    const sandbox = await replica.serve({ scenario: "healthy-company" });
    const users = ["u-alice", "u-bob", "u-carol", "u-dan"];
    await seedHistory(replica.browser, historyExport(sandbox, users));
    const page = await replica.browser.newPage();
    await seeSmsPage(page);
    const bob = sandbox.world.snapshot("u-bob")!.sms!.number!;
    const row = page.getByRole("row").filter({ hasText: bob });
    await row.getByRole("button", { name: "Remove number" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Remove number?" });
    await dialog.waitFor();
    const warning = page.locator('[data-sms-doctor-panel="sms-change"][data-change="remove-number"]');
    await warning.waitFor();
    const listed = await warning
      .locator("[data-item]")
      .evaluateAll((els) => els.map((el) => el.getAttribute("data-item")));
    expect(listed).toEqual(["u-bob"]);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await warning.waitFor({ state: "detached" });
    expect(replica.browser.pageErrors).toEqual([]);
    await page.close();
  });
});
