// "Show me": a step's control is found the way the readers find things and outlined by an element of SMS
// Doctor's own; the console's nodes are not changed.
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { findPageControl, showMe } from "../../src/content/show-me";
import type { ExplainedFinding } from "../../src/messaging/messages";
import { FindingItem } from "../../src/panels/FindingItem";
import { loadPage } from "../support/load-page";
import { smsPageHtml } from "../support/sms-page-html";
import { userPageHtml } from "../support/user-page-html";

function show(html: string) {
  const page = loadPage(html);
  document.body.replaceChildren(...[...page.body.childNodes].map((node) => document.importNode(node, true)));
}
/** The console's DOM as serialized, without SMS Doctor's own hosts. */
function consoleHtml(): string {
  const copy = document.body.cloneNode(true) as HTMLElement;
  for (const own of copy.querySelectorAll("sms-doctor-panel, sms-doctor-badge")) own.remove();
  return copy.innerHTML;
}
const outline = () => document.querySelector('[data-sms-doctor-panel="outline"]');

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe("finding the control a step names", () => {
  it("finds a number's SMS switch however the number is written, the License field, a registration field", () => {
    show(
      userPageHtml({
        smsRows: [
          { number: "+1 (617) 555-0101", enabled: false, status: "" },
          { number: "+1 (617) 555-0188", enabled: true, status: "Pending" },
        ],
      }),
    );
    const toggle = findPageControl({ section: "smsEnabledNumbers", number: "+16175550188" });
    expect(toggle?.getAttribute("id")).toBe("sms-switch-1");
    const license = findPageControl({ section: "servicesAndPermissions", names: ["License", "Licence"] });
    expect(license?.getAttribute("role")).toBe("combobox");
    expect(findPageControl({ section: "smsEnabledNumbers", number: "+16175550199" })).toBeNull();
    expect(findPageControl({ section: "yourCampaign", names: ["Call to Action"] })).toBeNull();

    show(
      smsPageHtml({
        campaign: null,
        errors: [{ field: "Call to Action", message: "Say how people opt in" }],
      }),
    );
    expect(findPageControl({ section: "yourCampaign", names: ["Call to Action"] })?.tagName).toBe("TEXTAREA");
  });

  it("outlines the control in its own element for a few seconds, leaving the console's nodes as they were", () => {
    vi.useFakeTimers({ toFake: ["requestAnimationFrame", "performance"] });
    show(userPageHtml());
    const toggle = document.querySelector<HTMLInputElement>('[role="switch"]')!;
    const scrolled = vi.spyOn(toggle, "scrollIntoView");
    const before = consoleHtml();
    expect(showMe({ section: "smsEnabledNumbers", number: "+16175550101" })).toBe(true);
    expect(scrolled).toHaveBeenCalledWith({ block: "center", behavior: "smooth" });
    expect(outline()).not.toBeNull();
    expect(outline()!.getAttribute("aria-hidden")).toBe("true");
    expect(consoleHtml()).toBe(before);
    expect(toggle.checked).toBe(true);
    vi.advanceTimersByTime(3100);
    expect(outline()).toBeNull();
    expect(consoleHtml()).toBe(before);
  });

  it("says so when the control isn't on this page", () => {
    show(userPageHtml({ omit: ["sms"] }));
    expect(showMe({ section: "smsEnabledNumbers", number: "+16175550101" })).toBe(false);
    expect(outline()).toBeNull();
  });
});

describe("Show me in the panel", () => {
  const finding: ExplainedFinding = {
    ruleId: "phone-number-changed",
    certainty: "confirmed",
    severity: "blocking",
    title: "The phone number was changed",
    explanation: "SMS was on for +1 617-555-0101; the number is now +1 617-555-0188.",
    steps: ["Turn the switch for +1 617-555-0188 to SMS Enabled, and Save.", "Wait for Enabled."],
    controls: [{ section: "smsEnabledNumbers", number: "+16175550188" }, null],
    actor: "admin",
    evidence: [],
  };

  it("is offered on the steps that name a control, and says when that control isn't here", async () => {
    const { container } = render(<FindingItem finding={finding} />);
    const buttons = screen.getAllByRole("button", { name: "Show me" });
    expect(buttons).toHaveLength(1);
    expect(container.querySelectorAll("ol li")[0]!.contains(buttons[0]!)).toBe(true);
    fireEvent.click(buttons[0]!);
    expect(await screen.findByText("Not on this page")).toBeTruthy();
  });
});
