import type { UserSnapshot } from "@sms-doctor/core";

/** A US user with SMS on for their number, as the console shows it. */
export function snapshot(overrides: Partial<UserSnapshot> = {}): UserSnapshot {
  return {
    userId: "u-alice",
    observedAt: "2026-05-01T15:00:00.000Z",
    source: "console",
    license: "X Series - X4",
    phoneNumber: "+16175550101",
    extensionNumber: "1001",
    sms: { number: "+16175550101", enabled: true, status: "enabled" },
    ...overrides,
  };
}
