import { describe, expect, it, vi } from "vitest";
import type { Feature } from "../../src/content/feature";
import { createFeatureRunner } from "../../src/content/run-features";

const url = new URL("https://admin.8x8.com/users/user/u-alice");
const always = () => true;

describe("running features", () => {
  it("keeps running the other features when one crashes, and logs the crash with its id", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const ran: string[] = [];
    const features: Feature[] = [
      {
        id: "crashes",
        include: [always],
        init: () => {
          throw new Error("boom");
        },
      },
      {
        id: "works",
        include: [always],
        init: () => {
          ran.push("works");
          return undefined;
        },
      },
    ];
    await createFeatureRunner(features)(url, false);
    expect(ran).toEqual(["works"]);
    expect(warn).toHaveBeenCalledWith("SMS Doctor: feature crashes failed", expect.any(Error));
    warn.mockRestore();
  });

  it("runs only features whose routes match, and aborts the previous page's on navigation", async () => {
    const signals: AbortSignal[] = [];
    const features: Feature[] = [
      {
        id: "user",
        include: [(u) => u.pathname.startsWith("/users/user/")],
        init: ({ signal }) => void signals.push(signal),
      },
      { id: "sms", include: [(u) => u.pathname === "/sms"], init: () => undefined },
    ];
    const run = createFeatureRunner(features);
    await run(url, false);
    expect(signals).toHaveLength(1);
    await run(new URL("https://admin.8x8.com/sms"), true);
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
  });

  it("runs a feature on an unclaimed URL once the page shows what it recognises", async () => {
    document.body.innerHTML = "<main>Loading…</main>";
    const ran: string[] = [];
    const features: Feature[] = [
      {
        id: "profile",
        include: [() => false],
        recognize: (doc) => doc.querySelector("h2")?.textContent === "SMS enabled numbers",
        init: () => void ran.push("profile"),
      },
      {
        id: "users",
        include: [(u) => u.pathname === "/users"],
        recognize: () => false,
        init: () => void ran.push("users"),
      },
    ];
    const run = createFeatureRunner(features);
    const done = run(new URL("https://admin.8x8.com/people/u-1/profile"), false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toEqual([]);
    document.body.innerHTML = "<main><h2>SMS enabled numbers</h2></main>";
    await vi.waitFor(() => expect(ran).toEqual(["profile"]));
    // A claimed URL runs by its URL alone; the unclaimed page's run has ended.
    await Promise.all([done, run(new URL("https://admin.8x8.com/users"), true)]);
    expect(ran).toEqual(["profile", "users"]);
  });
});
