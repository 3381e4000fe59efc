import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import type { UserDiagnosisView } from "../../src/messaging/messages";
import { diagnosisText } from "../../src/panels/diagnosis-text";
import { UserSmsPanel } from "../../src/panels/UserSmsPanel";
import { snapshot } from "../support/snapshots";

const PAYLOAD = `<img src=x onerror="window.__pwned=1"><style>*{color:red}</style>`;

const seen: Omit<UserDiagnosisView, "copyText" | "supportCase"> = {
  verdict: "cannot-send",
  summary: "This user can't send SMS",
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
  cause: { heading: "What SMS Doctor found, most important first", tellApart: [] },
  historySize: 2,
  historyWords: "SMS Doctor has seen this user in 2 different states in this browser.",
  tracking: { kind: "not-applicable" },
  diagnosedAt: "2026-06-01T15:00:00.000Z",
};
// What the content script read (the background doesn't echo it back in the view).
const read = snapshot({ displayName: PAYLOAD, license: PAYLOAD });
const view: UserDiagnosisView = {
  ...seen,
  copyText: diagnosisText(seen, read),
  supportCase: { text: "the case as text", markdown: "# the case as Markdown" },
};

afterEach(cleanup);

describe("the user panel", () => {
  it("marks each finding with its rule and certainty, and each value read with its field", () => {
    const { container } = render(<UserSmsPanel state={{ kind: "diagnosed", view, read }} />);
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
    const { container } = render(<UserSmsPanel state={{ kind: "diagnosed", view, read }} />);
    expect(container.querySelector("img, style")).toBeNull();
    expect(container.querySelector('[data-field="license"]')?.textContent).toBe(PAYLOAD);
  });

  it("collapses and expands from its header button, announcing the state", () => {
    render(<UserSmsPanel state={{ kind: "diagnosed", view, read }} />);
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
          read,
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
                  sourceWords: "from the Administration API (directory sync)",
                },
                {
                  field: "smsEnabled",
                  before: "on",
                  after: "off",
                  at: "2026-06-02T15:00:00Z",
                  source: "console",
                  sourceWords: "seen in the Admin Console",
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
    const { container } = render(<UserSmsPanel state={{ kind: "diagnosed", view, read }} />);
    expect(container.querySelector("[data-shared-history]")).toBeNull();
    cleanup();
    render(
      <UserSmsPanel
        state={{
          kind: "diagnosed",
          read,
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
    const text = diagnosisText(view, read);
    expect(text).toMatch(/Verdict: This user can't send SMS \(cannot-send\)/);
    expect(text).toMatch(/1\. The phone number was changed \[Confirmed, phone-number-changed\]/);
    expect(text).toMatch(/Phone Number \+16175550101 -> \+16175550188/);
    expect(text).toMatch(/Step 2: Wait for Pending to become Enabled\./);
    expect(text).toMatch(/expected wait 4 hours, at most 48 hours/);
  });

  it("heads the findings with an h3, and a cause that is only possible with 'can't be told', not a candidate", () => {
    render(<UserSmsPanel state={{ kind: "diagnosed", view, read }} />);
    // Headings go h2 (the panel's header) → h3 → h4 (axe's heading-order): the findings' h4 titles sit under an h3.
    expect(screen.getAllByRole("heading").map((h) => h.tagName)).toEqual(["H2", "H3", "H4"]);
    cleanup();
    const undetermined: UserDiagnosisView = {
      ...view,
      findings: view.findings.map((f) => ({ ...f, certainty: "possible" as const })),
      cause: {
        heading: "SMS is off; the cause can't be told from what was seen",
        explanation:
          "Possible causes: the phone number was changed. The console's history of the user would show whether the number changed.",
        tellApart: ["The console's history of the user would show whether the number changed."],
      },
    };
    const { container } = render(<UserSmsPanel state={{ kind: "diagnosed", view: undetermined, read }} />);
    const heading = container.querySelector("h3");
    expect(heading?.textContent).toBe("SMS is off; the cause can't be told from what was seen");
    expect(screen.getByText(/Possible causes: the phone number was changed/)).toBeTruthy();
  });

  it("says while the worker is asked, and when it could not be reached", () => {
    const { container } = render(
      <UserSmsPanel
        state={{
          kind: "diagnosed",
          read,
          view: { ...view, worker: { state: "asking", requestId: "r1", words: "Asking the worker…" } },
        }}
      />,
    );
    expect(container.querySelector('[data-worker="asking"]')?.textContent).toBe("Asking the worker…");
    cleanup();
    const { container: after } = render(
      <UserSmsPanel
        state={{
          kind: "diagnosed",
          read,
          view: { ...view, worker: { state: "unreachable", words: "The worker could not be reached" } },
        }}
      />,
    );
    expect(after.querySelector('[data-worker="unreachable"]')?.textContent).toMatch(/could not be reached/);
    cleanup();
    const { container: alone } = render(<UserSmsPanel state={{ kind: "diagnosed", view, read }} />);
    expect(alone.querySelector("[data-worker]")).toBeNull();
  });

  it("copies the support case the background wrote, as text and as Markdown", async () => {
    const copied: string[] = [];
    Object.defineProperty(navigator, "clipboard", {
      value: { writeText: async (text: string) => void copied.push(text) },
      configurable: true,
    });
    render(<UserSmsPanel state={{ kind: "diagnosed", view, read }} />);
    fireEvent.click(screen.getByRole("button", { name: "Copy support case" }));
    fireEvent.click(screen.getByRole("button", { name: "Copy as Markdown" }));
    await screen.findAllByText("Copied");
    expect(copied).toEqual(["the case as text", "# the case as Markdown"]);
  });
});
