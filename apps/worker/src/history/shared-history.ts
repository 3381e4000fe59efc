import { createHash } from "node:crypto";
import {
  type CompanySmsRegistration,
  type Diagnosis,
  diagnose,
  type ProvisioningRecord,
  type UserSnapshot,
  type Verdict,
  VerdictSchema,
} from "@sms-doctor/core";
import type { ChainableCommander } from "ioredis";
import { DEFAULT_PREFIX } from "../config-schema.js";
import type { RedisClient } from "../redis/connections.js";
import { appendSnapshotScript } from "./history-scripts.js";
import { readStoredRegistration, readStoredSnapshots } from "./stored-history.js";

/*
 * The shared history of a tenant's users: every snapshot the consoles (POST /v1/observations) and the
 * directory sync observe, the verdict of each user's newest one (the Users list's badges) and the company
 * registration diagnoses read beside it. Both writers go through here, so the lifetime, the length and
 * the verdict rule are written once.
 */

/** Snapshots kept per user (the status API and the directory sync alike), newest first. */
export const HISTORY_LENGTH = 50;
/** How long a user's history is kept after its last snapshot: users come and go. */
export const HISTORY_TTL_SECONDS = 90 * 86_400;

/** The Redis keys of shared history, under the same hash tag as the tracking keys (one slot, one MULTI). */
export interface HistoryKeys {
  /** List of a user's latest snapshots, newest first. */
  history(tenant: string, userId: string): string;
  /** Sorted set: the tenant's users with shared history, scored by their last snapshot (for the quota). */
  historyUsers(tenant: string): string;
  /** Hash: userId → verdict of the user's newest snapshot (for the Users list's badges). */
  verdicts(tenant: string): string;
  /** The company SMS registration the tenant reported last. */
  company(tenant: string): string;
  /** A digest of `company`, written with it: API processes keep the registration parsed while it matches. */
  companyDigest(tenant: string): string;
}

export function historyKeys(prefix = DEFAULT_PREFIX): HistoryKeys {
  return {
    history: (tenant, userId) => `${prefix}:t:${tenant}:history:${userId}`,
    historyUsers: (tenant) => `${prefix}:t:${tenant}:history-users`,
    verdicts: (tenant) => `${prefix}:t:${tenant}:verdicts`,
    company: (tenant) => `${prefix}:t:${tenant}:company`,
    companyDigest: (tenant) => `${prefix}:t:${tenant}:company-digest`,
  };
}

/**
 * The verdict rule: the badge follows the user's newest observation. A late, older snapshot (another
 * admin's browser, a sync that read before a console visit) is stored but leaves the badge alone.
 */
export function isNewestObservation(snapshot: UserSnapshot, history: readonly UserSnapshot[]): boolean {
  const observedAt = Date.parse(snapshot.observedAt);
  return history.every((s) => Date.parse(s.observedAt) <= observedAt);
}

/** The snapshot observed last (not the one that arrived last), or undefined for an empty history. */
export function newestSnapshot(history: readonly UserSnapshot[]): UserSnapshot | undefined {
  return history.reduce<UserSnapshot | undefined>(
    (latest, s) => (!latest || Date.parse(s.observedAt) > Date.parse(latest.observedAt) ? s : latest),
    undefined,
  );
}

/** History as `GET /v1/users/:id/history` lists it: oldest first, each saying its source. */
export function historyItems(history: readonly UserSnapshot[]) {
  // Snapshots without a source came through POST /v1/observations, i.e. from the console.
  return history
    .map((s) => ({ ...s, source: s.source ?? ("console" as const) }))
    .sort((a, b) => Date.parse(a.observedAt) - Date.parse(b.observedAt));
}

/** Core's diagnosis of a user over its history, with what else is known of the tenant and the number. */
export function diagnoseUser(input: {
  now: string;
  current: UserSnapshot;
  history: UserSnapshot[];
  company?: CompanySmsRegistration | undefined;
  provisioning?: ProvisioningRecord | undefined;
}): Diagnosis {
  return diagnose({
    now: input.now,
    current: input.current,
    history: input.history,
    ...(input.company ? { company: input.company } : {}),
    ...(input.provisioning ? { provisioning: input.provisioning } : {}),
  });
}

export interface SharedHistoryOptions {
  prefix?: string;
  /** Snapshots kept per user (`HISTORY_LENGTH`). */
  historyLength?: number;
  now?: () => number;
}

/** A user's snapshots that still read (newest first), and how many stored ones no longer do. */
export interface ReadHistory {
  snapshots: UserSnapshot[];
  unreadable: number;
}

export class SharedHistory {
  readonly keys: HistoryKeys;
  readonly length: number;
  readonly #now: () => number;
  /**
   * Each tenant's registration, parsed once per version: read and parsed again only when the digest
   * written with it changed (a large company's is ~0.5 MB; parsing it on every diagnosis held the event
   * loop). One entry per tenant, each within the tenant's registration quota.
   */
  readonly #registrations = new Map<
    string,
    { digest: string; registration: CompanySmsRegistration | undefined }
  >();

  constructor(
    readonly redis: RedisClient,
    options: SharedHistoryOptions = {},
  ) {
    this.keys = historyKeys(options.prefix);
    this.length = options.historyLength ?? HISTORY_LENGTH;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Appends a console's snapshot (its JSON already measured against the quota), within the tenant's quota
   * of users with history. → the user's history after it, newest first; "over-quota" when a new user
   * found no room (nothing written).
   */
  async append(
    tenant: string,
    snapshot: UserSnapshot,
    snapshotJson: string,
    usersWithHistory: number,
  ): Promise<ReadHistory | "over-quota"> {
    const reply = (await appendSnapshotScript.run(
      this.redis,
      [this.keys.history(tenant, snapshot.userId), this.keys.historyUsers(tenant)],
      [snapshot.userId, snapshotJson, this.length, HISTORY_TTL_SECONDS, this.#now(), usersWithHistory],
    )) as [number, ...string[]];
    if (reply[0] !== 1) return "over-quota";
    return readStoredSnapshots(reply.slice(1) as string[]);
  }

  /**
   * Queues the append of a directory sync's snapshot on `multi`, written with the sync's page and
   * checkpoint. The directory is the tenant's own list of users: it does not count against the quota of
   * users with history, which bounds what consoles may add.
   */
  appendTo(multi: ChainableCommander, tenant: string, snapshot: UserSnapshot): void {
    const key = this.keys.history(tenant, snapshot.userId);
    multi
      .lpush(key, JSON.stringify(snapshot))
      .ltrim(key, 0, this.length - 1)
      .expire(key, HISTORY_TTL_SECONDS);
  }

  /** A user's newest `limit` snapshots (at most the history's length), newest first. */
  async read(tenant: string, userId: string, limit = this.length): Promise<ReadHistory> {
    const stored = await this.redis.lrange(
      this.keys.history(tenant, userId),
      0,
      Math.min(limit, this.length) - 1,
    );
    return readStoredSnapshots(stored);
  }

  /** Several users' histories in one round trip, in the order asked. */
  async readMany(tenant: string, userIds: readonly string[]): Promise<ReadHistory[]> {
    if (userIds.length === 0) return [];
    const reads = this.redis.multi();
    for (const userId of userIds) reads.lrange(this.keys.history(tenant, userId), 0, this.length - 1);
    const replies = (await reads.exec()) ?? [];
    return userIds.map((_, i) => readStoredSnapshots((replies[i]?.[1] as string[] | undefined) ?? []));
  }

  /** Records `verdict` as the user's badge when `snapshot` is its newest observation (`isNewestObservation`). */
  async recordVerdict(
    tenant: string,
    snapshot: UserSnapshot,
    history: readonly UserSnapshot[],
    verdict: string,
  ): Promise<void> {
    if (isNewestObservation(snapshot, history))
      await this.redis.hset(this.keys.verdicts(tenant), snapshot.userId, verdict);
  }

  /** `recordVerdict` for a page of users, queued on `multi`. Keyed by a Map: "__proto__" is a user like any other. */
  recordVerdictsTo(
    multi: ChainableCommander,
    tenant: string,
    diagnosed: readonly { snapshot: UserSnapshot; history: readonly UserSnapshot[]; verdict: string }[],
  ): void {
    const updates = new Map<string, string>();
    for (const { snapshot, history, verdict } of diagnosed)
      if (isNewestObservation(snapshot, history)) updates.set(snapshot.userId, verdict);
    if (updates.size) multi.hset(this.keys.verdicts(tenant), updates);
  }

  /** The badges of the named users that have one (a stored word this version does not know is left out). */
  async verdicts(tenant: string, userIds: readonly string[]): Promise<Record<string, Verdict>> {
    const values = await this.redis.hmget(this.keys.verdicts(tenant), ...userIds);
    // No prototype: a user "__proto__" is a key like any other, not a way to set one.
    const verdicts: Record<string, Verdict> = Object.create(null);
    userIds.forEach((id, i) => {
      const verdict = VerdictSchema.safeParse(values[i]);
      if (verdict.success) verdicts[id] = verdict.data;
    });
    return verdicts;
  }

  /** The tenant's registration, or undefined when none was reported or it no longer reads. */
  async registration(tenant: string): Promise<CompanySmsRegistration | undefined> {
    const digest = await this.redis.get(this.keys.companyDigest(tenant));
    const cached = this.#registrations.get(tenant);
    if (digest !== null && cached?.digest === digest) return cached.registration;
    const registration = readStoredRegistration(await this.redis.get(this.keys.company(tenant)));
    // A registration stored without a digest (by an older version) is read each time, as it was then.
    if (digest !== null) this.#registrations.set(tenant, { digest, registration });
    return registration;
  }

  /** Stores the registration a console reported (its JSON already measured against the quota). */
  async storeRegistration(tenant: string, registration: CompanySmsRegistration, json: string): Promise<void> {
    const digest = createHash("sha1").update(json).digest("base64url");
    await this.redis
      .multi()
      .set(this.keys.company(tenant), json)
      .set(this.keys.companyDigest(tenant), digest)
      .exec();
    this.#registrations.set(tenant, { digest, registration });
  }
}
