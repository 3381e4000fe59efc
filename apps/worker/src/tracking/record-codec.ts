import {
  CarrierReadinessSchema,
  NumberKindSchema,
  type ProvisioningRecord,
  ProvisioningStageSchema,
  ProvisioningStateSchema,
  type ProvisioningTransition,
} from "@sms-doctor/core";

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
const READINESS = CarrierReadinessSchema.shape.readiness.options;

/*
 * Records are stored as positional JSON arrays with enum indexes and epoch milliseconds instead of
 * the API's JSON: at 100 000 numbers per tenant the difference is most of Redis's memory
 * (≈ 250 B instead of ≈ 800 B for a record with three transitions). Instants come back as
 * `toISOString()` (UTC, milliseconds): the same instant, in the form the worker writes everywhere.
 *
 * [version, state, since, lastCheckedAt, nextCheckAt, provider, kind, stage, lastObservedAt,
 *  raw [provider, entity, value], reasons, deadline, flags, transitions [[from, to, at, cause]...], userId,
 *  requestedAt]
 * requestedAt came later: records written before it have 15 elements and decode without it; carriers
 * ([[carrier, readiness index, value]...]) later still, as a 17th element.
 */
type Tuple = [
  number,
  number,
  number,
  number | null,
  number | null,
  string | null,
  number | null,
  number | null,
  number | null,
  [string, string, string] | null,
  string[] | null,
  number | null,
  string[] | null,
  [number, number, number, string][],
  string | null,
  (number | null)?,
  ([string, number, string][] | null)?,
];

const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
const isIntOrNull = (v: unknown) => v === null || isInt(v);
const isStringOrNull = (v: unknown) => v === null || typeof v === "string";
const isIndex = (v: unknown, size: number) => isInt(v) && v >= 0 && v < size;
const isStrings = (v: unknown) => v === null || (Array.isArray(v) && v.every((x) => typeof x === "string"));

/**
 * Checks a decoded tuple by hand rather than with zod: it runs on every read of the status API and
 * every check, and records are only ever written by `encodeRecord`; this still refuses anything else.
 */
function readTuple(value: unknown): Tuple {
  const t = value as unknown[];
  const ok =
    Array.isArray(t) &&
    t.length >= 15 &&
    t.length <= 17 &&
    isInt(t[0]) &&
    t[0] >= 0 &&
    isIndex(t[1], STATES.length) &&
    isInt(t[2]) &&
    isIntOrNull(t[3]) &&
    isIntOrNull(t[4]) &&
    isStringOrNull(t[5]) &&
    (t[6] === null || isIndex(t[6], KINDS.length)) &&
    (t[7] === null || isIndex(t[7], STAGES.length)) &&
    isIntOrNull(t[8]) &&
    (t[9] === null || (Array.isArray(t[9]) && t[9].length === 3 && isStrings(t[9]))) &&
    isStrings(t[10]) &&
    isIntOrNull(t[11]) &&
    isStrings(t[12]) &&
    Array.isArray(t[13]) &&
    t[13].every(
      (x) =>
        Array.isArray(x) &&
        x.length === 4 &&
        isIndex(x[0], STATES.length) &&
        isIndex(x[1], STATES.length) &&
        isInt(x[2]) &&
        typeof x[3] === "string",
    ) &&
    isStringOrNull(t[14]) &&
    (t[15] === undefined || isIntOrNull(t[15])) &&
    (t[16] === undefined ||
      t[16] === null ||
      (Array.isArray(t[16]) &&
        t[16].every(
          (c) =>
            Array.isArray(c) &&
            c.length === 3 &&
            typeof c[0] === "string" &&
            isIndex(c[1], READINESS.length) &&
            typeof c[2] === "string",
        )));
  if (!ok) throw new TypeError("not a tracking record written by encodeRecord");
  return t as Tuple;
}

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
    toMs(record.requestedAt),
    ...(record.carriers?.length
      ? [record.carriers.map((c) => [c.carrier, READINESS.indexOf(c.readiness), c.value])]
      : []),
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
    requestedAt,
    carriers,
  ] = readTuple(JSON.parse(encoded));
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
  if (requestedAt !== undefined && requestedAt !== null) record.requestedAt = toIso(requestedAt);
  if (carriers)
    record.carriers = carriers.map(([carrier, readiness, value]) => ({
      carrier,
      readiness: READINESS[readiness]!,
      value,
    }));
  const stored: StoredRecord = { version, record };
  if (userId !== null) stored.userId = userId;
  return stored;
}

/** The state index an encoded record holds, read without decoding the rest (used by Lua too). */
export const STATE_NAMES = STATES;
