// Warn before Save on a user's page: edits to the License, the Phone Number or an SMS switch that are not saved
// yet show what saving will do (core's predictSave, through the real background); other edits show nothing.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { userSmsPanel } from "../../src/content/features/user-sms-panel";
import { installBackground } from "../support/background";
import { loadPage } from "../support/load-page";
import { userPageHtml } from "../support/user-page-html";

const URL_OF_ALICE = "https://admin.8x8.com/users/user/u-alice";
let abort: AbortController;
let background: ReturnType<typeof installBackground>;

beforeEach(async () => {
  abort = new AbortController();
  background = installBackground(URL_OF_ALICE);
  await background.history.setCompany({
    observedAt: new Date().toISOString(),
    brand: { status: "verified" },
    campaign: { status: "verified", errors: [] },
  });
});
afterEach(() => {
  abort.abort();
  document.body.replaceChildren();
});

async function open(html = userPageHtml()) {
  const page = loadPage(html);
  document.body.replaceChildren(...[...page.body.childNodes].map((node) => document.importNode(node, true)));
  await userSmsPanel.init({ signal: abort.signal, url: new URL(URL_OF_ALICE), softNavigation: false });
  await vi.waitFor(() => expect(panelHost().dataset.state).toBe("ready"));
}

const panelHost = () => document.querySelector<HTMLElement>('[data-sms-doctor-panel="user"]')!;
const warning = () => panelHost().shadowRoot!.querySelector(".warning");
const predictions = () =>
  [...(warning()?.querySelectorAll("[data-item]") ?? [])].map((li) => li.getAttribute("data-item"));
const shownValue = (label: string) =>
  [...document.querySelectorAll("label")]
    .find((l) => l.textContent === label)!
    .parentElement!.querySelector(".css-singleValue")!;
const previews = () => background.sent.filter((message) => message.type === "save-preview");

describe("warn before Save", () => {
  it("says at once that a new phone number turns SMS off, and stops when the edit is undone", async () => {
    await open();
    expect(warning()).toBeNull();
    shownValue("Phone Number").textContent = "+1 (617) 555-0199";
    await vi.waitFor(() => expect(predictions()).toEqual(["smsTurnsOffNumberChanged", "pendingUpTo"]));
    expect(warning()!.textContent).toContain("SMS must then be enabled again for +1 617-555-0199");
    expect(previews()[0]).toMatchObject({
      userId: "u-alice",
      before: { phoneNumber: "+1 (617) 555-0101", sms: { number: "+1 (617) 555-0101", enabled: true } },
      after: { phoneNumber: "+1 (617) 555-0199", sms: { number: "+1 (617) 555-0101", enabled: true } },
    });
    // The warning stands above the diagnosis, outside the collapsible body.
    expect(warning()!.closest(".body")).toBeNull();

    shownValue("Phone Number").textContent = "+1 (617) 555-0101";
    await vi.waitFor(() => expect(warning()).toBeNull());
  });

  it("warns of a license change and of the SMS switch turned off, but not of an edit that doesn't touch SMS", async () => {
    await open();
    (document.getElementById("basicInfo.firstName") as HTMLInputElement).value = "Alicia";
    document.getElementById("basicInfo.firstName")!.setAttribute("value", "Alicia");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(previews()).toHaveLength(0);
    expect(warning()).toBeNull();

    shownValue("License").textContent = "X Series - X2";
    await vi.waitFor(() => expect(predictions()[0]).toBe("smsTurnsOffLicenseChanged"));
    shownValue("License").textContent = "X Series - X4";
    await vi.waitFor(() => expect(warning()).toBeNull());

    const toggle = document.querySelector<HTMLInputElement>('[role="switch"]')!;
    toggle.checked = false;
    toggle.removeAttribute("checked");
    document.querySelector(`label[for="${toggle.id}"]`)!.textContent = "SMS Disabled";
    await vi.waitFor(() => expect(predictions()[0]).toBe("smsTurnsOff"));
  });

  it("after Save, diagnoses the saved page and drops the warning", async () => {
    await open();
    shownValue("Phone Number").textContent = "+1 (617) 555-0199";
    await vi.waitFor(() => expect(predictions()[0]).toBe("smsTurnsOffNumberChanged"));
    // What the console shows once the new number is saved: SMS off for it, status blank.
    const row = document.querySelector(".css-row")!;
    row.querySelector(".css-cell")!.textContent = "+1 (617) 555-0199";
    const toggle = row.querySelector<HTMLInputElement>('[role="switch"]')!;
    toggle.checked = false;
    toggle.removeAttribute("checked");
    row.querySelector("label")!.textContent = "SMS Disabled";
    row.querySelectorAll(".css-cell")[2]!.textContent = "";
    await vi.waitFor(() => {
      const finding = panelHost().shadowRoot!.querySelector("[data-rule-id]");
      expect(finding?.getAttribute("data-rule-id")).toBe("phone-number-changed");
    });
    await vi.waitFor(() => expect(warning()).toBeNull());
  });
});
