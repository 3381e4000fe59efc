import type { ProviderStatus } from "@sms-doctor/core";
import type { ProviderAdapter } from "./provider-adapter.js";

/**
 * A provider that answers at once from a function, in process: for the benchmark (the tracker's own
 * cost without the network) and for tests that script what the carriers say.
 */
export function createInstantProvider(
  answer: (number: string, now: string) => ProviderStatus[] | Promise<ProviderStatus[]>,
  name = "instant",
): ProviderAdapter {
  return { name, check: async (number, { now }) => answer(number, now) };
}
