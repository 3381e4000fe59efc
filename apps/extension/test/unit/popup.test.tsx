import { cleanup, render, screen } from "@testing-library/preact";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TabStatus } from "../../src/messaging/messages";
import { Popup } from "../../src/popup/Popup";

afterEach(cleanup);
beforeAll(() => {
  // The popup links to the options page through chrome.runtime.getURL.
  (globalThis as { chrome?: unknown }).chrome = {
    runtime: { getURL: (path: string) => `chrome-extension://cjacdojcbcjlpdkdgobpnlhenlcgfken/${path}` },
  };
});

const showing = (status: TabStatus) => () => Promise.resolve(status);

describe("the popup", () => {
  it("shows the current tab's verdict and main cause", async () => {
    render(
      <Popup
        load={showing({
          page: "user-page",
          verdict: "cannot-send",
          userId: "u-alice",
          displayName: "Alice Nguyen",
          topFinding: "The phone number was changed",
        })}
      />,
    );
    expect((await screen.findByText("This user can't send SMS")).getAttribute("data-verdict")).toBe(
      "cannot-send",
    );
    expect(screen.getByText("Alice Nguyen")).toBeTruthy();
    expect(screen.getByText(/Main cause: The phone number was changed/)).toBeTruthy();
  });

  it("explains how to get a verdict when the tab isn't a user page", async () => {
    render(<Popup load={showing({ page: null })} />);
    expect(await screen.findByText(/Open a user's page in the 8x8 Admin Console/)).toBeTruthy();
  });

  it("says when the page couldn't be read", async () => {
    render(
      <Popup
        load={showing({
          page: "user-page",
          verdict: "unknown",
          unreadable: [{ field: "smsStatus", reason: "missing" }],
        })}
      />,
    );
    expect(await screen.findByText(/couldn't read this user's page \(smsStatus/)).toBeTruthy();
  });
});
