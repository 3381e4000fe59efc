import type { NumberKind, ProvisioningRecord } from "../schemas/provisioning-record.js";

export interface StartTrackingOptions {
  /** When SMS was enabled for the number; defaults to `now`. */
  enabledAt?: string;
  provider?: string;
  kind?: NumberKind;
}

/** A fresh record for a number whose SMS was just enabled and is not yet observed at any provider. */
export function startTracking(
  number: string,
  now: string,
  options: StartTrackingOptions = {},
): ProvisioningRecord {
  const requestedAt = options.enabledAt ?? now;
  const record: ProvisioningRecord = {
    number,
    state: "REQUESTED",
    since: requestedAt,
    requestedAt,
    transitions: [],
  };
  if (options.provider) record.provider = options.provider;
  if (options.kind) record.kind = options.kind;
  return record;
}
