import { cleanup, render, screen } from "@testing-library/preact";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { EXTENSION_ID } from "../../extension-key";
import type { TabStatus } from "../../src/messaging/messages";
import { Popup } from "../../src/popup/Popup";

afterEach(cleanup);
beforeAll(() => {
  // The popup links to the options page through chrome.runtime.getURL.
  (globalThis as { chrome?: unknown }).chrome = {
    runtime: { getURL: (path: string) => `chrome-extension://${EXTENSION_ID}/${path}` },
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

  it("lists users by cause under the campaign's status, each a link to their page", async () => {
    render(
      <Popup
        load={showing({ page: null })}
        loadOverview={() =>
          Promise.resolve({
            campaign: { status: "rejected", explanation: "The campaign registration was rejected." },
            groups: [
              {
                heading: "The user's phone number was changed",
                users: [
                  {
                    userId: "u-alice",
                    name: "Alice <b>Nguyen</b>",
                    verdict: "cannot-send",
                    url: "https://admin.8x8.com/users/user/u-alice",
                  },
                ],
              },
              {
                heading: "SMS is off; the cause can't be told from what was seen",
                users: [
                  {
                    userId: "u-bob",
                    name: "Bob",
                    verdict: "pending",
                    url: "https://admin.8x8.com/users/user/u-bob",
                  },
                ],
              },
            ],
          })
        }
      />,
    );
    const campaign = await screen.findByText("The campaign registration was rejected.");
    expect(campaign.getAttribute("data-campaign-status")).toBe("rejected");
    expect(screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent)).toEqual([
      "The user's phone number was changed",
      "SMS is off; the cause can't be told from what was seen",
    ]);
    const link = screen.getByRole("link", { name: "Alice <b>Nguyen</b>" });
    expect(link.getAttribute("href")).toBe("https://admin.8x8.com/users/user/u-alice");
    expect(link.closest("[data-user-id]")?.getAttribute("data-verdict")).toBe("cannot-send");
    // The campaign comes before the users.
    expect(campaign.compareDocumentPosition(link) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
