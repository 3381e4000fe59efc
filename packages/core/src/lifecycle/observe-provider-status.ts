import type { ProvisioningRecord } from "../schemas/provisioning-record.js";
import { applyObservation, type ObservationResult } from "./apply-observation.js";
import { isFinal } from "./states.js";
import { mapProviderStatus } from "./vocabularies.js";

export interface ProviderStatus {
  provider: string;
  entity: string;
  value: string;
  /** When the provider's status was true. */
  observedAt: string;
  reasons?: string[];
  deadline?: string;
}

/** Result of a provider status; `unknown` is set when the word was not in any vocabulary. */
export interface ProviderStatusResult extends ObservationResult {
  unknown?: boolean;
}

/**
 * Maps a provider's own status word and applies it. An unknown word changes nothing but the
 * record's `flags` (`unknown-status:<provider>:<entity>:<value>`), so a person can look.
 */
export function observeProviderStatus(
  record: ProvisioningRecord,
  status: ProviderStatus,
  now: string,
): ProviderStatusResult {
  const raw = { provider: status.provider, entity: status.entity, value: status.value };
  const mapped = mapProviderStatus(status.provider, status.entity, status.value);
  if (!mapped) {
    if (isFinal(record.state)) return { record, ignored: "final", unknown: true };
    const flag = `unknown-status:${status.provider}:${status.entity}:${status.value}`;
    const flags = record.flags?.includes(flag) ? record.flags : [...(record.flags ?? []), flag];
    return { record: { ...record, flags, lastCheckedAt: now, raw }, ignored: "no-change", unknown: true };
  }
  const record2 = mapped.kind && !record.kind ? { ...record, kind: mapped.kind } : record;
  return applyObservation(
    record2,
    {
      observedAt: status.observedAt,
      stage: mapped.stage,
      outcome: mapped.outcome,
      raw,
      ...(status.reasons ? { reasons: status.reasons } : {}),
      ...(status.deadline ? { deadline: status.deadline } : {}),
    },
    now,
  );
}
