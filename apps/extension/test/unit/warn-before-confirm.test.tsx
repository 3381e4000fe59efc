// Before "Deactivate campaign" or "Remove number" is confirmed on the SMS page: the confirmation is found by its
// role and name (never a class), and SMS Doctor's own panel lists who loses SMS, through the real background.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readConfirmation } from "../../src/console/read-sms-registration";
import { smsPagePanel } from "../../src/content/features/sms-page-panel";
import { installBackground } from "../support/background";
import { loadPage } from "../support/load-page";
import { smsPageHtml } from "../support/sms-page-html";
import { snapshot } from "../support/snapshots";

const deactivateDialog = `<div class="css-backdrop"><div role="dialog" aria-modal="true" aria-labelledby="t"><h2 id="t">Deactivate campaign?</h2><p>SMS will be disabled on every number.</p><button>Cancel</button><button>Deactivate and disable SMS</button></div></div>`;
const removeDialog = (number: string) =>
  `<div role="alertdialog" aria-modal="true" aria-labelledby="r"><h2 id="r">Remove number?</h2><p>SMS will be disabled for ${number}.</p><button>Cancel</button><button>Remove number</button></div>`;
const numbers = [
  { number: "+16175550101", status: "Enabled" },
  { number: "+16175550102", status: "Enabled" },
];

describe("reading the SMS page's confirmations", () => {
  const read = (html: string) =>
    readConfirmation(loadPage(smsPageHtml({ numbers }).replace("</main>", `${html}</main>`)));

  it("tells deactivation and removal apart by the dialog's name or buttons, with the number it names", () => {
    expect(read(deactivateDialog)).toEqual({ change: "deactivate-campaign", number: null });
    expect(read(removeDialog("+1 617-555-0102"))).toEqual({
      change: "remove-number",
      number: "+1 617-555-0102",
    });
    expect(
      read(
        `<dialog open aria-label="Confirm"><p>Sure?</p><button>Deactivate and disable SMS</button></dialog>`,
      ),
    ).toEqual({ change: "deactivate-campaign", number: null });
  });

  it("finds none when no such dialog is open: the page's own buttons, a hidden or an unrelated dialog", () => {
    // The SMS page itself has "Remove number" buttons and, in the real console, a "Deactivate campaign" section.
    expect(
      read(`<section><h2>Deactivate campaign</h2><button>Deactivate campaign</button></section>`),
    ).toBeNull();
    expect(read(`<div hidden>${deactivateDialog}</div>`)).toBeNull();
    expect(
      read(`<div role="dialog" aria-label="Numbers to enable"><button>Enable</button></div>`),
    ).toBeNull();
  });
});

describe("warn before confirming on the SMS page", () => {
  let abort: AbortController;
  let background: ReturnType<typeof installBackground>;
  beforeEach(async () => {
    abort = new AbortController();
    background = installBackground("https://admin.8x8.com/sms");
    const now = new Date().toISOString();
    await background.history.record(snapshot({ observedAt: now, displayName: "Alice Nguyen" }));
    await background.history.record(
      snapshot({
        userId: "u-bob",
        observedAt: now,
        displayName: "Bob <b>Martinez</b>",
        phoneNumber: "+16175550102",
        sms: { number: "+16175550102", enabled: true, status: "enabled" },
      }),
    );
    await background.history.record(
      snapshot({
        userId: "u-carol",
        observedAt: now,
        sms: { number: "+16175550103", enabled: false, status: null },
      }),
    );
  });
  afterEach(() => {
    abort.abort();
    document.body.replaceChildren();
  });

  const warning = () => document.querySelector<HTMLElement>('[data-sms-doctor-panel="sms-change"]');
  const losers = () =>
    [...(warning()?.shadowRoot?.querySelectorAll("[data-item]") ?? [])].map((li) =>
      li.getAttribute("data-item"),
    );

  async function open() {
    const page = loadPage(smsPageHtml({ numbers }));
    document.body.replaceChildren(
      ...[...page.body.childNodes].map((node) => document.importNode(node, true)),
    );
    await smsPagePanel.init({
      signal: abort.signal,
      url: new URL("https://admin.8x8.com/sms"),
      softNavigation: false,
    });
  }
  const openDialog = (html: string) => {
    document.querySelector("main")!.insertAdjacentHTML("beforeend", html);
    return () => document.querySelector("main")!.lastElementChild!.remove();
  };

  it("lists every user seen with SMS on when deactivation is asked, says it can't be undone, and goes with the dialog", async () => {
    await open();
    expect(warning()).toBeNull();
    const close = openDialog(deactivateDialog);
    await vi.waitFor(() => expect(losers()).toEqual(["u-alice", "u-bob"]));
    const text = warning()!.shadowRoot!.textContent ?? "";
    expect(text).toContain("cannot be undone");
    expect(text).toContain("Alice Nguyen (+1 617-555-0101)");
    // Page text stays text.
    expect(text).toContain("Bob <b>Martinez</b>");
    expect(warning()!.shadowRoot!.querySelector("b")).toBeNull();
    expect(warning()!.dataset.change).toBe("deactivate-campaign");
    close();
    await vi.waitFor(() => expect(warning()).toBeNull());
  });

  it("lists only the user of the number whose removal is asked", async () => {
    await open();
    openDialog(removeDialog("+1 617-555-0102"));
    await vi.waitFor(() => expect(losers()).toEqual(["u-bob"]));
    expect(warning()!.dataset.change).toBe("remove-number");
    expect(warning()!.shadowRoot!.textContent).toContain("removing +1 617-555-0102 turns SMS off for it");
    const sent = background.sent.filter((m) => m.type === "sms-change-preview");
    expect(sent).toEqual([
      { type: "sms-change-preview", change: "remove-number", number: "+1 617-555-0102" },
    ]);
  });
});
