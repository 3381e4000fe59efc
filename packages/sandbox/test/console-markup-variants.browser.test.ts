/**
 * The replica's markup variants in Chromium (src/console/markup-variants.ts): each renders the structure it
 * promises, found the way a person's tools find it (roles, accessible names), and the page still works.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { type MarkupVariant, markupQuery } from "../src/console/markup-variants.js";
import type { Sandbox } from "../src/sandbox.js";
import { CONSOLE_ORIGIN, launchChromium, routeConsoleOrigin } from "./support/browser.js";
import { startSandboxForTest } from "./support/start.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser.close());

/** A fresh sandbox and browser context (so a fresh sessionStorage), the page opened at `path?markup=…`. */
async function open(
  markup: MarkupVariant[],
  path: string,
  scenario = "healthy-company",
): Promise<{ page: Page; sandbox: Sandbox }> {
  const sandbox = await startSandboxForTest({ scenario });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await routeConsoleOrigin(context, sandbox.consoleUrl);
  const page = await context.newPage();
  onTestFinished(() => context.close());
  await page.goto(`${CONSOLE_ORIGIN}${path}?${markupQuery(markup)}`);
  return { page, sandbox };
}

/** The profile has rendered once its last section's title is there (every variant keeps it a heading). */
const profileRendered = (page: Page) =>
  page.getByRole("heading", { name: "SMS enabled numbers", level: 2 }).waitFor();

describe("markup variants of the Admin Console replica, in Chromium", () => {
  it("labelledby: labels are divs the controls name with aria-labelledby, and the form still saves", async () => {
    const { page, sandbox } = await open(["labelledby"], "/users/user/u-dan");
    await profileRendered(page);
    expect(await page.locator("main label").count()).toBe(0);

    const license = page.getByRole("combobox", { name: "License", exact: true });
    const labelId = await license.getAttribute("aria-labelledby");
    expect(labelId).toMatch(/^react-select-\d+-label$/);
    expect(await page.locator(`[id="${labelId}"]`).evaluate((el) => [el.tagName, el.textContent])).toEqual([
      "DIV",
      "License",
    ]);
    expect(await page.getByLabel("Phone Number", { exact: true }).getAttribute("role")).toBe("combobox");
    expect(await page.getByRole("textbox", { name: "First Name", exact: true }).inputValue()).toBe("Dan");
    expect(
      await page
        .getByRole("textbox", { name: "Extension number", exact: true })
        .getAttribute("aria-labelledby"),
    ).toBe("voiceBasicSettings.extensionNumber-label");

    // The dropdown still works: pick a license, Save, and the world changes (which disables SMS, as 8x8 does).
    await license.click();
    await page
      .getByRole("listbox", { name: "License" })
      .getByRole("option", { name: "X Series - X6" })
      .click();
    await page.getByRole("button", { name: "Save" }).last().click();
    await page.getByRole("status").getByText("Changes saved.").waitFor();
    expect(sandbox.world.snapshot("u-dan")).toMatchObject({
      license: "X Series - X6",
      sms: { enabled: false },
    });
  });

  it("aria-label: no label elements, every control named by its own aria-label", async () => {
    const { page } = await open(["aria-label"], "/users/user/u-alice");
    await profileRendered(page);
    expect(await page.locator("main label").count()).toBe(0);
    expect(await page.locator("main [aria-labelledby]").count()).toBe(0);
    const phone = page.getByRole("combobox", { name: "Phone Number", exact: true });
    expect(await phone.getAttribute("aria-label")).toBe("Phone Number");
    expect(await page.getByRole("textbox", { name: "Email Address" }).inputValue()).toBe(
      "alice.nguyen@example.com",
    );
    expect(
      await page.getByRole("combobox").evaluateAll((els) => els.map((el) => el.getAttribute("aria-label"))),
    ).toEqual(["Site", "Language", "Time Zone", "License", "Phone Number", "Caller ID"]);
    // The value still shows beside the combobox, as in the default markup.
    await phone.click();
    expect(await page.getByRole("listbox", { name: "Phone Number" }).isVisible()).toBe(true);
  });

  it("wrapping-labels: each control nested in its label, no for; a dropdown's name also holds its shown value", async () => {
    const { page } = await open(["wrapping-labels"], "/users/user/u-alice");
    await profileRendered(page);
    expect(await page.locator("main label[for]").count()).toBe(0);
    // A label wrapping a whole react-select also holds the shown value, so Chromium names the combobox with
    // both: the label's own words are its first span.
    const phone = page.getByRole("combobox", { name: "Phone Number +16175550101", exact: true });
    expect(await phone.evaluate((el) => el.closest("label")?.querySelector("span")?.textContent)).toBe(
      "Phone Number",
    );
    expect(await page.getByLabel("Phone Number").getAttribute("id")).toBe(await phone.getAttribute("id"));
    // The Suggest button sits beside the label, not inside it, so it is no part of the field's name.
    const extension = page.getByRole("textbox", { name: "Extension number", exact: true });
    expect(await extension.inputValue()).toBe("1001");
    expect(
      await page.getByRole("button", { name: "Suggest" }).evaluate((el) => el.closest("label")),
    ).toBeNull();
    expect(await page.getByRole("textbox", { name: "First Name", exact: true }).inputValue()).toBe("Alice");
  });

  it("label-punctuation: <label for> with the words people write", async () => {
    const { page } = await open(["label-punctuation"], "/users/user/u-alice");
    await profileRendered(page);
    const labels = await page.locator("main label[for]").allTextContents();
    for (const text of [
      "Phone number *",
      "Licence:",
      "First name (required)",
      "Email address:",
      "Extension number *",
      "Site:",
    ])
      expect(labels).toContain(text);
    expect(labels).not.toContain("Phone Number");
    expect(await page.getByLabel("Licence:", { exact: true }).getAttribute("role")).toBe("combobox");
    expect(await page.getByLabel("First name (required)", { exact: true }).inputValue()).toBe("Alice");
  });

  it("landmark-sections: labelled regions titled by role=heading, no data-test-id / data-id / header class", async () => {
    const { page } = await open(["landmark-sections"], "/users/user/u-alice");
    await profileRendered(page);
    expect(
      await page.locator("main [data-test-id], main [data-id], .form-section-header-container").count(),
    ).toBe(0);
    const sms = page.getByRole("region", { name: "SMS enabled numbers" });
    expect(await sms.evaluate((el) => el.tagName)).toBe("SECTION");
    expect(await sms.getByRole("switch", { name: "SMS Enabled" }).isChecked()).toBe(true);
    const title = sms.getByRole("heading", { level: 2 });
    expect(
      await title.evaluate((el) => [
        el.tagName,
        el.id === el.closest("section")?.getAttribute("aria-labelledby"),
      ]),
    ).toEqual(["DIV", true]);
    // Two wrappers between each section and the page.
    expect(
      await sms.evaluate((el) => [
        el.parentElement?.getAttribute("role"),
        el.parentElement?.parentElement?.tagName,
      ]),
    ).toEqual(["presentation", "DIV"]);
    expect(
      await page
        .getByRole("region")
        .evaluateAll((els) =>
          els.map(
            (el) =>
              el.getAttribute("aria-labelledby") &&
              document.getElementById(el.getAttribute("aria-labelledby")!)?.textContent,
          ),
        ),
    ).toEqual([
      "Basic information",
      "Services and permissions",
      "Voice basic settings",
      "External caller ID",
      "Call forwarding",
      "SMS enabled numbers",
    ]);
  });

  it("collapsed-sms: only the header until its button opens it; then the switch works", async () => {
    const { page, sandbox } = await open(["collapsed-sms"], "/users/user/u-alice", "phone-number-changed");
    await profileRendered(page);
    const toggle = page.getByRole("button", { name: "SMS enabled numbers" });
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    const contentId = (await toggle.getAttribute("aria-controls"))!;
    expect(await page.locator(`[id="${contentId}"]`).count()).toBe(0);
    expect(await page.getByRole("switch").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Save" }).count()).toBe(1); // the page's, not the section's

    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    const content = page.locator(`[id="${contentId}"]`);
    await content.getByRole("switch", { name: "SMS Disabled" }).click();
    await content.getByRole("button", { name: "Save" }).click();
    await content.getByText("Pending", { exact: true }).waitFor();
    expect(sandbox.world.number("+16175550188")!.sms.status).toBe("pending");

    // Third-party scripts open it by clicking the header container: that works too.
    await page.getByRole("link", { name: "Users" }).first().click();
    await page.getByRole("link", { name: "Edit Bob Martinez" }).click();
    await profileRendered(page);
    expect(await page.getByRole("switch").count()).toBe(0);
    await page
      .locator('[data-id="sms"] .form-section-header-container')
      .click({ position: { x: 400, y: 10 } });
    expect(await page.getByRole("switch").count()).toBe(1);
  });

  it("aria-grid: the SMS numbers, the SMS page's list and the Users list are div grids", async () => {
    const { page, sandbox } = await open(["aria-grid"], "/users/user/u-alice", "phone-number-changed");
    await profileRendered(page);
    expect(await page.locator("main table").count()).toBe(0);
    const grid = page.getByRole("grid");
    expect(await grid.getByRole("columnheader").allTextContents()).toEqual(["Number", "SMS", "Status"]);
    const row = grid.getByRole("row", { name: /\+16175550188/ });
    expect(await row.getByRole("gridcell").count()).toBe(3);
    await row.getByRole("switch", { name: "SMS Disabled" }).click();
    await page.getByRole("button", { name: "Save" }).first().click();
    await row.getByRole("gridcell", { name: "Pending", exact: true }).waitFor();
    expect(sandbox.world.number("+16175550188")!.sms.status).toBe("pending");

    await page.getByRole("link", { name: "SMS", exact: true }).click();
    const numbers = page.getByRole("grid");
    await numbers.waitFor();
    expect(await numbers.getByRole("columnheader").allInnerTexts()).toEqual([
      "Phone number",
      "User",
      "Status",
      "",
    ]);
    expect(await numbers.getByRole("gridcell", { name: "+16175550188" }).count()).toBe(1);

    await page.getByRole("navigation").getByRole("link", { name: "Users" }).click();
    const users = page.getByRole("grid", { name: "Users" });
    await users.waitFor();
    expect(await users.getByRole("columnheader", { name: "Name" }).count()).toBe(1);
    expect(await users.getByRole("row").count()).toBe(1 + sandbox.scenario.users.length);
  });

  it("aria-table: div tables with rowgroups, rows, column headers and cells", async () => {
    const { page, sandbox } = await open(["aria-table"], "/users");
    const users = page.getByRole("table", { name: "Users" });
    await users.waitFor();
    expect(await users.evaluate((el) => el.tagName)).toBe("DIV");
    expect(await users.getByRole("rowgroup").count()).toBe(2);
    expect(
      await users
        .getByRole("row", { name: /Alice Nguyen/ })
        .getByRole("cell")
        .count(),
    ).toBe(8);
    expect(await users.getByRole("row").count()).toBe(1 + sandbox.scenario.users.length);

    await page.getByRole("link", { name: "Edit Alice Nguyen" }).click();
    await profileRendered(page);
    const sms = page.getByRole("table");
    expect(await sms.evaluate((el) => el.tagName)).toBe("DIV");
    expect(await sms.getByRole("columnheader").allTextContents()).toEqual(["Number", "SMS", "Status"]);
    expect(await sms.getByRole("cell", { name: "Enabled", exact: true }).count()).toBe(1);
  });

  it("headerless-rows: plain div rows with no header and no roles; the Users list a <ul> of links", async () => {
    const { page } = await open(["headerless-rows"], "/users/user/u-alice");
    await profileRendered(page);
    for (const role of ["table", "grid", "row", "columnheader", "cell", "gridcell"] as const)
      expect(await page.getByRole(role).count(), role).toBe(0);
    const sw = page.getByRole("switch", { name: "SMS Enabled" });
    // The switch's row: number, switch, status word, nothing else.
    expect(await sw.evaluate((el) => el.closest("div")?.parentElement?.textContent)).toBe(
      "+16175550101SMS EnabledEnabled",
    );
    expect(await page.getByText("Number", { exact: true }).count()).toBe(0);

    await page.getByRole("navigation").getByRole("link", { name: "Users" }).click();
    const list = page.getByRole("list", { name: "Users" });
    await list.waitFor();
    expect(await list.getByRole("listitem").count()).toBe(4);
    const bob = list.getByRole("listitem").filter({ hasText: "Bob Martinez" }).getByRole("link");
    expect(await bob.getAttribute("href")).toBe("/users/user/u-bob");
    await bob.click();
    await page.getByRole("heading", { name: "Bob Martinez", level: 1 }).waitFor();
  });

  it("other-path: the Users list links /people/<id>/profile, and that route shows the user", async () => {
    const { page } = await open(["other-path"], "/users");
    const alice = page.getByRole("link", { name: "Edit Alice Nguyen" });
    expect(await alice.getAttribute("href")).toBe("/people/u-alice/profile");
    await alice.click();
    await page.getByRole("heading", { name: "Alice Nguyen", level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/people/u-alice/profile");
    expect(await page.getByRole("switch", { name: "SMS Enabled" }).isChecked()).toBe(true);
    expect(
      await page.getByRole("navigation").getByRole("link", { name: "Users" }).getAttribute("aria-current"),
    ).toBe("page");
  });

  it("keeps the variant for the session, combines variants, and ?markup= (empty) restores the default", async () => {
    const { page } = await open(["labelledby", "collapsed-sms", "aria-grid", "aria-table"], "/users");
    // aria-grid and aria-table say the same thing: the first in the list's order wins.
    await page.getByRole("grid", { name: "Users" }).waitFor();
    expect(await page.getByRole("table").count()).toBe(0);
    // A client-side navigation drops the query string; the variants stay.
    await page.getByRole("link", { name: "Edit Alice Nguyen" }).click();
    await profileRendered(page);
    expect(await page.getByRole("combobox", { name: "License" }).getAttribute("aria-labelledby")).toMatch(
      /-label$/,
    );
    expect(await page.getByRole("switch").count()).toBe(0);
    // So does a reload without it (sessionStorage).
    await page.goto(`${CONSOLE_ORIGIN}/users/user/u-bob`);
    await profileRendered(page);
    expect(
      await page.getByRole("button", { name: "SMS enabled numbers" }).getAttribute("aria-expanded"),
    ).toBe("false");
    await page.goto(`${CONSOLE_ORIGIN}/users/user/u-bob?${markupQuery([])}`);
    await profileRendered(page);
    expect(await page.locator('[data-test-id="form-section"][data-id="sms"] table').count()).toBe(1);
    expect(await page.getByRole("switch", { name: "SMS Enabled" }).count()).toBe(1);
    expect(await page.locator('label[for$="-input"]').count()).toBeGreaterThan(0);
  });
});
