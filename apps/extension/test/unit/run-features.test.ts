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
});
