import type { CarrierReadiness, ProvisioningRecord } from "../schemas/provisioning-record.js";
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
  /** Carriers the provider reports separately, each with its own word (see `CARRIER_GROUPS`). */
  carriers?: { group: string; value: string }[];
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
  const result = applyObservation(
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
  // Per-carrier readiness is as fresh as the observation it came with: a stale one leaves it alone.
  const carriers = status.carriers ? carrierReadiness(status.provider, status.carriers) : undefined;
  if (carriers?.length && result.ignored !== "stale" && result.ignored !== "final")
    result.record = { ...result.record, carriers };
  return result;
}

/**
 * How providers that report carriers separately name their groups and readiness words: Telnyx's
 * `tmobileNumberMappingStatus` and `nonTmobileNumberMappingStatus` (PENDING, COMPLETE, FAILED). Unknown words
 * are left out, never guessed.
 */
export const CARRIER_GROUPS: Readonly<
  Record<
    string,
    {
      groups: Readonly<Record<string, string>>;
      words: Readonly<Record<string, CarrierReadiness["readiness"]>>;
    }
  >
> = {
  telnyx: {
    groups: { tmobile: "T-Mobile", nonTmobile: "AT&T/Verizon" },
    words: { PENDING: "pending", COMPLETE: "live", FAILED: "failed" },
  },
};

function carrierReadiness(
  provider: string,
  reported: { group: string; value: string }[],
): CarrierReadiness[] {
  const table = CARRIER_GROUPS[provider];
  if (!table) return [];
  return reported.flatMap(({ group, value }) => {
    const carrier = Object.hasOwn(table.groups, group) ? table.groups[group] : undefined;
    const readiness = Object.hasOwn(table.words, value) ? table.words[value] : undefined;
    return carrier && readiness ? [{ carrier, readiness, value }] : [];
  });
}

/** Per-carrier readiness in a sentence: "T-Mobile live; AT&T/Verizon pending". */
export function carrierReadinessText(carriers: readonly CarrierReadiness[]): string {
  return carriers.map((c) => `${c.carrier} ${c.readiness}`).join("; ");
}
