import { createHash } from "node:crypto";
import {
  FINAL_STATES,
  type ProvisioningRecord,
  type ProvisioningState,
  ProvisioningStateSchema,
  type ProvisioningTransition,
} from "@sms-doctor/core";
import { QuotaExceededError } from "../api/api-limits.js";
import type { RedisClient } from "../redis/connections.js";
import { dueMember, type TrackingKeys, trackingKeys } from "./keys.js";
import { decodeRecord, encodeRecord, type StoredRecord } from "./record-codec.js";
import { claimDueScript, commitRecordScript, startTrackingScript } from "./tracking-scripts.js";

const STATES = ProvisioningStateSchema.options;
const FINAL_INDEXES = [...FINAL_STATES].map((s) => STATES.indexOf(s)).join(",");

/**
 * One transition as emitted on the stream and to webhooks. `id` is stable (the same transition, the same id)
 * and unique: it ends with a digest of the transition, so when Redis loses its last second (AOF everysec) or
 * fails over and the record's version is written again by a different transition, the id differs too, and
 * receivers that deduplicate on it never drop the real one.
 */
export interface TransitionEvent {
  id: string;
  tenant: string;
  number: string;
  userId?: string;
  transition: ProvisioningTransition;
  state: ProvisioningState;
}

export interface TrackingStoreOptions {
  prefix?: string;
  /** Approximate length the transitions stream is capped at. */
  streamMaxLen?: number;
}

export interface CommitResult {
  outcome: "written" | "conflict" | "gone";
}

/** A page of records and the cursor of the next page ("0" when there is none). */
export interface RecordPage {
  records: StoredRecord[];
  cursor: string;
}

/**
 * Tracking records in Redis: one hash per tenant (number → compact record), a set per state for
 * listings, and one sorted set of when each number is next due. Every write that changes more than
 * one of them is a Lua script, so readers never see them disagree.
 */
export class TrackingStore {
  readonly keys: TrackingKeys;
  readonly #streamMaxLen: number;

  constructor(
    readonly redis: RedisClient,
    options: TrackingStoreOptions = {},
  ) {
    this.keys = trackingKeys(options.prefix);
    this.#streamMaxLen = options.streamMaxLen ?? 10_000;
  }

  #stateKeys(tenant: string): string[] {
    return STATES.map((state) => this.keys.byState(tenant, state));
  }

  async load(tenant: string, number: string): Promise<StoredRecord | undefined> {
    const encoded = await this.redis.hget(this.keys.records(tenant), number);
    return encoded === null ? undefined : decodeRecord(number, encoded);
  }

  /**
   * Starts tracking a number, due for its first check at once. Idempotent: when a live record exists
   * it is returned as it is (`started: false`). With `quota`, a number new to the tenant is refused
   * with QuotaExceededError (`tracked-numbers`) while the tenant keeps that many records.
   */
  async start(
    tenant: string,
    record: ProvisioningRecord,
    options: { userId?: string; dueAt: number; quota?: number },
  ): Promise<{ started: boolean; stored: StoredRecord }> {
    const encoded = encodeRecord({
      version: 0,
      record,
      ...(options.userId ? { userId: options.userId } : {}),
    });
    const [started, stored] = (await startTrackingScript.run(
      this.redis,
      [this.keys.records(tenant), this.keys.due, ...this.#stateKeys(tenant)],
      [
        record.number,
        encoded,
        dueMember(tenant, record.number),
        options.dueAt,
        STATES.indexOf(record.state),
        FINAL_INDEXES,
        options.quota ?? "",
      ],
    )) as [number, string];
    if (started === -1) throw new QuotaExceededError("tracked-numbers", options.quota!);
    return { started: started === 1, stored: decodeRecord(record.number, stored) };
  }

  /**
   * Writes `next` over the record read as `previous` (compare-and-set on its version), with its
   * transitions on the stream and the number due again at `dueAt` (not at all when undefined).
   */
  async commit(
    tenant: string,
    previous: StoredRecord,
    next: ProvisioningRecord,
    transitions: readonly ProvisioningTransition[],
    dueAt: number | undefined,
  ): Promise<CommitResult> {
    const version = previous.version + 1;
    const number = previous.record.number;
    const events = transitions.map((transition, i) => {
      const digest = createHash("sha256")
        .update(JSON.stringify([transition.from, transition.to, transition.at, transition.cause, next.state]))
        .digest("base64url")
        .slice(0, 12);
      const event: TransitionEvent = {
        id: `${tenant}.${number.slice(1)}.${version}.${i}.${digest}`,
        tenant,
        number,
        transition,
        state: next.state,
      };
      if (previous.userId) event.userId = previous.userId;
      return JSON.stringify(event);
    });
    const stored: StoredRecord = { version, record: next };
    if (previous.userId) stored.userId = previous.userId;
    const result = await commitRecordScript.run(
      this.redis,
      [this.keys.records(tenant), this.keys.due, this.keys.transitions, ...this.#stateKeys(tenant)],
      [
        number,
        previous.version,
        encodeRecord(stored),
        dueMember(tenant, number),
        dueAt === undefined ? "" : Math.round(dueAt),
        STATES.indexOf(previous.record.state),
        STATES.indexOf(next.state),
        this.#streamMaxLen,
        ...events,
      ],
    );
    return { outcome: result === 1 ? "written" : result === 0 ? "conflict" : "gone" };
  }

  /** Claims the numbers due by `now` for checking (see claimDueScript). */
  async claimDue(now: number, limit: number, leaseMs: number): Promise<string[]> {
    return (await claimDueScript.run(this.redis, [this.keys.due], [now, limit, now + leaseMs])) as string[];
  }

  /** Brings a tracked number's next check forward to `at` (never later; untracked numbers are left alone). */
  /** Marks a provider's event as seen for `seconds`; false when it was seen already. */
  async markSeen(provider: string, eventId: string, seconds: number): Promise<boolean> {
    return (await this.redis.set(this.keys.seenEvent(provider, eventId), "1", "EX", seconds, "NX")) !== null;
  }

  async wake(tenant: string, number: string, at: number): Promise<boolean> {
    const changed = await this.redis.zadd(this.keys.due, "XX", "LT", "CH", at, dueMember(tenant, number));
    return Number(changed) > 0;
  }

  /** Stops scheduling a number (its record stays). */
  async unschedule(tenant: string, number: string): Promise<void> {
    await this.redis.zrem(this.keys.due, dueMember(tenant, number));
  }

  /** A page of the tenant's records, optionally only those in one state. */
  async list(
    tenant: string,
    options: { state?: ProvisioningState; cursor?: string; limit: number },
  ): Promise<RecordPage> {
    const cursor = options.cursor ?? "0";
    if (options.state) {
      const [next, numbers] = await this.redis.sscan(
        this.keys.byState(tenant, options.state),
        cursor,
        "COUNT",
        options.limit,
      );
      if (numbers.length === 0) return { records: [], cursor: next };
      const encoded = await this.redis.hmget(this.keys.records(tenant), ...numbers);
      const records: StoredRecord[] = [];
      numbers.forEach((number, i) => {
        const value = encoded[i];
        if (value) records.push(decodeRecord(number, value));
      });
      return { records, cursor: next };
    }
    const [next, flat] = await this.redis.hscan(this.keys.records(tenant), cursor, "COUNT", options.limit);
    const records: StoredRecord[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) records.push(decodeRecord(flat[i]!, flat[i + 1]!));
    return { records, cursor: next };
  }

  /** How many numbers are scheduled for a check, across tenants. */
  async scheduledCount(): Promise<number> {
    return await this.redis.zcard(this.keys.due);
  }
}
