import { describe, expect, it } from "vitest";
import { profileHasRendered, readUserProfile } from "../../src/console/read-user-profile";
import { waitForReading } from "../../src/console/wait-for-reading";
import { loadPage } from "../support/load-page";
import { userPageHtml } from "../support/user-page-html";

const context = { userId: "u-alice", observedAt: "2026-06-01T15:00:00.000Z" };

function renderLater(html: string, ms: number) {
  const page = loadPage(html).querySelector("main")!;
  setTimeout(() => document.body.replaceChildren(page), ms);
}

describe("waiting for the console to render", () => {
  it("reads the profile once its sections have rendered", async () => {
    document.body.replaceChildren();
    renderLater(userPageHtml(), 30);
    const reading = await waitForReading(() => readUserProfile(document, context), {
      signal: new AbortController().signal,
      hasRendered: () => profileHasRendered(document),
    });
    expect(reading.ok).toBe(true);
  });

  it("reports the missing fields once the rendered page has been quiet for a while", async () => {
    document.body.replaceChildren();
    renderLater(userPageHtml({ omit: ["sms"] }), 10);
    const reading = await waitForReading(() => readUserProfile(document, context), {
      signal: new AbortController().signal,
      hasRendered: () => profileHasRendered(document),
      settleMs: 50,
    });
    expect(!reading.ok && reading.unreadable.map((u) => u.field)).toEqual([
      "smsNumber",
      "smsEnabled",
      "smsStatus",
    ]);
  });

  it("stops waiting when the admin navigates away", async () => {
    document.body.replaceChildren();
    const controller = new AbortController();
    const waiting = waitForReading(() => readUserProfile(document, context), {
      signal: controller.signal,
      hasRendered: () => profileHasRendered(document),
    });
    controller.abort(new DOMException("gone", "AbortError"));
    await expect(waiting).rejects.toThrow("gone");
  });

  it("doesn't read the previous user's page, still on screen after a client-side move", async () => {
    document.body.replaceChildren(loadPage(userPageHtml({ firstName: "Alice" })).querySelector("main")!);
    const read = () => readUserProfile(document, context);
    const before = JSON.stringify(read());
    // The console swaps Bob in a moment later; an unrelated mutation happens first.
    setTimeout(() => document.body.setAttribute("data-route", "changed"), 5);
    renderLater(userPageHtml({ firstName: "Bob", phoneNumber: "+16175550102", smsRows: [] }), 40);
    const reading = await waitForReading(read, {
      signal: new AbortController().signal,
      hasRendered: () => profileHasRendered(document),
      isStale: () => JSON.stringify(read()) === before,
    });
    expect(reading.ok && reading.value.displayName).toBe("Bob Nguyen");
  });
});
