import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import type { UserDiagnosisView } from "../../src/messaging/messages";
import { diagnosisText } from "../../src/panels/diagnosis-text";
import { UserSmsPanel } from "../../src/panels/UserSmsPanel";
import { snapshot } from "../support/snapshots";

const PAYLOAD = `<img src=x onerror="window.__pwned=1"><style>*{color:red}</style>`;

const seen: Omit<UserDiagnosisView, "copyText"> = {
  verdict: "cannot-send",
  findings: [
    {
      ruleId: "phone-number-changed",
      certainty: "confirmed",
      severity: "blocking",
      title: "The phone number was changed",
      explanation: "SMS was on for +16175550101; the number is now +16175550188.",
      steps: ["Re-enable SMS for +16175550188.", "Wait for Pending to become Enabled."],
      actor: "admin",
      expectedDelay: { typical: "PT4H", max: "PT48H" },
      expectedWait: "4 hours, at most 48 hours",
      evidence: [
        {
          field: "phoneNumber",
          before: "+16175550101",
          after: "+16175550188",
          observedAt: "2026-06-01T15:00:00Z",
        },
      ],
      article: {
        title: "Previously Enabled Users Can't Send SMS Messages",
        url: "https://support.8x8.com/search?q=x",
      },
    },
  ],
  snapshot: snapshot({ displayName: PAYLOAD, license: PAYLOAD }),
  historySize: 2,
  tracking: { kind: "not-applicable" },
  diagnosedAt: "2026-06-01T15:00:00.000Z",
};
const view: UserDiagnosisView = { ...seen, copyText: diagnosisText(seen) };

afterEach(cleanup);

describe("the user panel", () => {
  it("marks each finding with its rule and certainty, and each value read with its field", () => {
    const { container } = render(<UserSmsPanel state={{ kind: "diagnosed", view }} />);
    const finding = container.querySelector("[data-rule-id]");
    expect(finding?.getAttribute("data-rule-id")).toBe("phone-number-changed");
    expect(finding?.getAttribute("data-certainty")).toBe("confirmed");
    const fields = [...container.querySelectorAll("[data-field]")].map((el) => el.getAttribute("data-field"));
    expect(fields).toEqual([
      "license",
      "phoneNumber",
      "extensionNumber",
      "smsNumber",
      "smsEnabled",
      "smsStatus",
    ]);
    expect(screen.getByText("Re-enable SMS for +16175550188.").tagName).toBe("LI");
    expect(screen.getByRole("link", { name: /Previously Enabled Users/ }).getAttribute("rel")).toContain(
      "noopener",
    );
  });

  it("renders page text as text: a markup payload stays inert", () => {
    const { container } = render(<UserSmsPanel state={{ kind: "diagnosed", view }} />);
    expect(container.querySelector("img, style")).toBeNull();
    expect(container.querySelector('[data-field="license"]')?.textContent).toBe(PAYLOAD);
  });

  it("collapses and expands from its header button, announcing the state", () => {
    render(<UserSmsPanel state={{ kind: "diagnosed", view }} />);
    const header = screen.getByRole("button", { name: /can't send SMS/ });
    expect(header.getAttribute("aria-expanded")).toBe("true");
    fireEvent.click(header);
    expect(header.getAttribute("aria-expanded")).toBe("false");
    expect(document.getElementById(header.getAttribute("aria-controls") ?? "")?.hidden).toBe(true);
    fireEvent.click(header);
  });

  it("shows the worker's shared history as a short 'What changed' list, as text", () => {
    const { container } = render(
      <UserSmsPanel
        state={{
          kind: "diagnosed",
          view: {
            ...view,
            sharedHistory: {
              kind: "shown",
              snapshots: 3,
              changes: [
                {
                  field: "phoneNumber",
                  before: "+16175550101",
                  after: PAYLOAD,
                  at: "2026-06-01T15:00:00Z",
                  source: "admin-api",
                },
                {
                  field: "smsEnabled",
                  before: "on",
                  after: "off",
                  at: "2026-06-02T15:00:00Z",
                  source: "console",
                },
              ],
            },
          },
        }}
      />,
    );
    expect(screen.getByRole("heading", { name: "What changed" })).toBeTruthy();
    const items = [...container.querySelectorAll("[data-change-field]")];
    expect(items.map((el) => [el.getAttribute("data-change-field"), el.getAttribute("data-source")])).toEqual(
      [
        ["phoneNumber", "admin-api"],
        ["smsEnabled", "console"],
      ],
    );
    expect(items[0]?.textContent).toContain(`Phone Number: +16175550101 → ${PAYLOAD}`);
    expect(items[0]?.textContent).toMatch(/Administration API/);
    expect(items[1]?.textContent).toMatch(/SMS switch: on → off.*Admin Console/);
    expect(container.querySelector("img, style")).toBeNull();
    // Not part of "What SMS Doctor read from this page".
    expect(container.querySelectorAll("[data-field]")).toHaveLength(6);
  });

  it("shows no timeline without a worker, and says so when the worker's history is unavailable", () => {
    const { container } = render(<UserSmsPanel state={{ kind: "diagnosed", view }} />);
    expect(container.querySelector("[data-shared-history]")).toBeNull();
    cleanup();
    render(
      <UserSmsPanel
        state={{
          kind: "diagnosed",
          view: { ...view, sharedHistory: { kind: "error", message: "the worker API answered 503" } },
        }}
      />,
    );
    expect(screen.getByText(/Shared history unavailable: the worker API answered 503/)).toBeTruthy();
  });

  it("says which fields it couldn't read", () => {
    render(
      <UserSmsPanel
        state={{
          kind: "unreadable",
          unreadable: [
            { field: "smsStatus", reason: 'the "SMS enabled numbers" section is not on the page' },
          ],
        }}
      />,
    );
    expect(screen.getByRole("alert").textContent).toMatch(/couldn't read this page/);
    expect(screen.getByRole("alert").textContent).toMatch(/SMS status: the "SMS enabled numbers" section/);
  });

  it("copies a plain-text diagnosis for a support ticket", () => {
    const text = diagnosisText(view);
    expect(text).toMatch(/Verdict: This user can't send SMS \(cannot-send\)/);
    expect(text).toMatch(/1\. The phone number was changed \[Confirmed, phone-number-changed\]/);
    expect(text).toMatch(/Phone Number \+16175550101 -> \+16175550188/);
    expect(text).toMatch(/Step 2: Wait for Pending to become Enabled\./);
    expect(text).toMatch(/expected wait 4 hours, at most 48 hours/);
  });
});
