// Which console-tracked numbers the worker asks administrators to show again.
import { describe, expect, it } from "vitest";
import {
  CONSOLE_PROVIDER,
  CONSOLE_REREAD_AFTER,
  lastSeenOnConsole,
  type ProvisioningRecord,
  startTracking,
  wantsConsoleReRead,
} from "../src/index.js";

const STARTED = "2026-12-02T00:00:00.000Z";
const after = (ms: number) => new Date(Date.parse(STARTED) + ms).toISOString();
const consoleRecord: ProvisioningRecord = {
  ...startTracking("+14155550100", STARTED, { provider: CONSOLE_PROVIDER }),
};

describe("wantsConsoleReRead", () => {
  it("asks for a console-tracked number not seen for 12 hours, and not before", () => {
    expect(CONSOLE_REREAD_AFTER).toBe(12 * 3_600_000);
    expect(wantsConsoleReRead(consoleRecord, after(CONSOLE_REREAD_AFTER - 1))).toBe(false);
    expect(wantsConsoleReRead(consoleRecord, after(CONSOLE_REREAD_AFTER))).toBe(true);
  });

  it("counts from the last observation a console showed", () => {
    const seen = { ...consoleRecord, lastObservedAt: after(10 * 3_600_000) };
    expect(lastSeenOnConsole(seen)).toBe(seen.lastObservedAt);
    expect(wantsConsoleReRead(seen, after(13 * 3_600_000))).toBe(false);
    expect(wantsConsoleReRead(seen, after(22 * 3_600_000))).toBe(true);
  });

  it("never asks for a carrier-tracked, live or final number", () => {
    const late = after(5 * CONSOLE_REREAD_AFTER);
    expect(wantsConsoleReRead({ ...consoleRecord, provider: "telnyx" }, late)).toBe(false);
    expect(wantsConsoleReRead({ ...consoleRecord, state: "ACTIVE" }, late)).toBe(false);
    expect(wantsConsoleReRead({ ...consoleRecord, state: "CANCELLED" }, late)).toBe(false);
    expect(wantsConsoleReRead({ ...consoleRecord, state: "STALLED" }, late)).toBe(true);
  });
});
