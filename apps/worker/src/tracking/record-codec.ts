import {
  NumberKindSchema,
  type ProvisioningRecord,
  ProvisioningStageSchema,
  ProvisioningStateSchema,
  type ProvisioningTransition,
} from "@sms-doctor/core";
import { z } from "zod";

/**
 * A tracking record as stored: the core record plus what only the worker needs. `version` grows by
 * one on every write and is what makes writes compare-and-set.
 */
export interface StoredRecord {
  version: number;
  record: ProvisioningRecord;
  /** The user the number belongs to, when the caller said. */
  userId?: string;
}

/** How many transitions a record keeps; the transitions stream has every one of them. */
export const MAX_TRANSITIONS = 50;

const STATES = ProvisioningStateSchema.options;
const STAGES = ProvisioningStageSchema.options;
const KINDS = NumberKindSchema.options;

/*
 * Records are stored as positional JSON arrays with enum indexes and epoch milliseconds instead of
 * the API's JSON: at 100 000 numbers per tenant the difference is most of Redis's memory
 * (≈ 250 B instead of ≈ 800 B for a record with three transitions). Instants come back as
 * `toISOString()` (UTC, milliseconds): the same instant, in the form the worker writes everywhere.
 *
 * [version, state, since, lastCheckedAt, nextCheckAt, provider, kind, stage, lastObservedAt,
 *  raw [provider, entity, value], reasons, deadline, flags, transitions [[from, to, at, cause]...], userId]
 */
const ms = z.number().int().nullable();
const str = z.string().nullable();
const StoredTupleSchema = z.tuple([
  z.number().int().nonnegative(),
  z
    .number()
    .int()
    .min(0)
    .max(STATES.length - 1),
  z.number().int(),
  ms,
  ms,
  str,
  z
    .number()
    .int()
    .min(0)
    .max(KINDS.length - 1)
    .nullable(),
  z
    .number()
    .int()
    .min(0)
    .max(STAGES.length - 1)
    .nullable(),
  ms,
  z.tuple([z.string(), z.string(), z.string()]).nullable(),
  z.array(z.string()).nullable(),
  ms,
  z.array(z.string()).nullable(),
  z.array(z.tuple([z.number().int(), z.number().int(), z.number().int(), z.string()])),
  str,
]);

const toMs = (instant: string | undefined): number | null =>
  instant === undefined ? null : Date.parse(instant);
const toIso = (value: number): string => new Date(value).toISOString();

export function encodeRecord({ version, record, userId }: StoredRecord): string {
  const transitions = record.transitions
    .slice(-MAX_TRANSITIONS)
    .map((t) => [STATES.indexOf(t.from), STATES.indexOf(t.to), Date.parse(t.at), t.cause]);
  return JSON.stringify([
    version,
    STATES.indexOf(record.state),
    Date.parse(record.since),
    toMs(record.lastCheckedAt),
    toMs(record.nextCheckAt),
    record.provider ?? null,
    record.kind ? KINDS.indexOf(record.kind) : null,
    record.stage ? STAGES.indexOf(record.stage) : null,
    toMs(record.lastObservedAt),
    record.raw ? [record.raw.provider, record.raw.entity, record.raw.value] : null,
    record.reasons ?? null,
    toMs(record.deadline),
    record.flags ?? null,
    transitions,
    userId ?? null,
  ]);
}

/** Decodes a stored record; throws on anything this codec did not write. */
export function decodeRecord(number: string, encoded: string): StoredRecord {
  const [
    version,
    state,
    since,
    lastCheckedAt,
    nextCheckAt,
    provider,
    kind,
    stage,
    lastObservedAt,
    raw,
    reasons,
    deadline,
    flags,
    transitions,
    userId,
  ] = StoredTupleSchema.parse(JSON.parse(encoded));
  const record: ProvisioningRecord = {
    number,
    state: STATES[state]!,
    since: toIso(since),
    transitions: transitions.map(
      ([from, to, at, cause]): ProvisioningTransition => ({
        from: STATES[from]!,
        to: STATES[to]!,
        at: toIso(at),
        cause,
      }),
    ),
  };
  if (lastCheckedAt !== null) record.lastCheckedAt = toIso(lastCheckedAt);
  if (nextCheckAt !== null) record.nextCheckAt = toIso(nextCheckAt);
  if (provider !== null) record.provider = provider;
  if (kind !== null) record.kind = KINDS[kind]!;
  if (stage !== null) record.stage = STAGES[stage]!;
  if (lastObservedAt !== null) record.lastObservedAt = toIso(lastObservedAt);
  if (raw !== null) record.raw = { provider: raw[0], entity: raw[1], value: raw[2] };
  if (reasons !== null) record.reasons = reasons;
  if (deadline !== null) record.deadline = toIso(deadline);
  if (flags !== null) record.flags = flags;
  const stored: StoredRecord = { version, record };
  if (userId !== null) stored.userId = userId;
  return stored;
}

/** The state index an encoded record holds, read without decoding the rest (used by Lua too). */
export const STATE_NAMES = STATES;
