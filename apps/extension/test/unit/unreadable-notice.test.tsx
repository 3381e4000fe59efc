import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { pageOutlineReport } from "../../src/panels/Unreadable";
import { UserSmsPanel } from "../../src/panels/UserSmsPanel";
import { loadPage } from "../support/load-page";
import { savedPageHtml } from "../support/saved-pages";

const unreadable = [
  { field: "license" as const, reason: 'no "License" field in the "Services and permissions" section' },
  { field: "smsStatus" as const, reason: 'the "SMS enabled numbers" section is not on the page' },
];

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe("Copy page outline, in the couldn't-read notice", () => {
  it("copies what couldn't be read, then the page's outline", async () => {
    const writeText = vi.spyOn(navigator.clipboard, "writeText").mockResolvedValue(undefined);
    const { container } = render(<UserSmsPanel state={{ kind: "unreadable", unreadable }} />);
    expect(container.querySelectorAll("[data-unreadable-field]")).toHaveLength(2);
    fireEvent.click(screen.getByRole("button", { name: "Copy page outline" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Copied"));
    const copied = String(writeText.mock.calls[0]?.[0]);
    expect(copied.split("\n")[0]).toBe(
      `# SMS Doctor couldn't read this page: License: no "License" field in the "Services and permissions" section; ` +
        `SMS status: the "SMS enabled numbers" section is not on the page`,
    );
    // The outline of the page the panel is on (here the test's document, holding the panel itself).
    expect(copied.split("\n")[1]).toBe("body");
    expect(copied).toContain('button[type=button] "Copy page outline"');
  });

  it("says so when the clipboard can't be reached", async () => {
    vi.spyOn(navigator.clipboard, "writeText").mockRejectedValue(new Error("denied"));
    render(<UserSmsPanel state={{ kind: "unreadable", unreadable }} />);
    fireEvent.click(screen.getByRole("button", { name: "Copy page outline" }));
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toMatch(/Couldn't reach the clipboard/),
    );
  });

  it("renders page text as text, and its report redacts numbers and emails like the outline", () => {
    const payload = `<img src=x onerror="window.__pwned=1"> 4155550100 ann@example.com`;
    const { container } = render(
      <UserSmsPanel
        state={{ kind: "unreadable", unreadable: [{ field: "phoneNumber", reason: payload }] }}
      />,
    );
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector('[data-unreadable-field="phoneNumber"]')?.textContent).toContain(payload);
    const report = pageOutlineReport(
      [{ field: "phoneNumber", reason: payload }],
      loadPage(savedPageHtml("healthy-company--user-u-alice.html")),
    );
    expect(report.split("\n")[0]).toBe(
      `# SMS Doctor couldn't read this page: Phone Number: <img src=x onerror="window.__pwned=1"> # …@…`,
    );
    expect(report).toContain('h2 "SMS enabled numbers"');
    expect(report).not.toMatch(/\d{4,}|Alice/);
  });
});
