import { type DiagnosisResponseSchema, toNanpE164 } from "@sms-doctor/contracts";
import {
  CONSOLE_PROVIDER,
  type CompanySmsRegistration,
  isFinal,
  type ProviderStatus,
  type SmsStatus,
  startTracking,
  type UserSnapshot,
} from "@sms-doctor/core";
import type { z } from "zod";
import { alertOnce } from "../alerts/number-alerts.js";
import type { Logger } from "../logger.js";
import type { ProviderAdapter } from "../providers/provider-adapter.js";
import { decideCheck } from "./check-number.js";
import { decodeRecord, type StoredRecord } from "./record-codec.js";
import type { TrackingStore } from "./tracking-store.js";

/**
 * The `console` provider: for 8x8 customers without a carrier account, what administrators' consoles show
 * is the only source. There is nothing to poll, so a check asks nothing and only time acts (a stall past the
 * number's threshold, `applyElapsedTime`); the statuses come in through `ConsoleSource.observe` as the
 * extension posts them.
 */
export function createConsoleProvider(): ProviderAdapter {
  return { name: CONSOLE_PROVIDER, check: async () => [] };
}

/** One number's status as a console page showed it. */
export interface ConsoleObservation {
  /** E.164. */
  number: string;
  status: NonNullable<SmsStatus>;
  observedAt: string;
  userId?: string;
}

/**
 * The statuses a user's page and the SMS page showed, per number (10DLC numbers only: US and Canadian).
 * Left out: a blank status; Pending with the switch off (a disable in progress, not provisioning); and
 * Disabling Failed (the disable failed: nothing about provisioning changed).
 */
export function consoleObservationsOf(
  snapshot: UserSnapshot | undefined,
  company: CompanySmsRegistration | undefined,
): ConsoleObservation[] {
  const seen: ConsoleObservation[] = [];
  const add = (raw: string | null, status: SmsStatus, observedAt: string, userId?: string) => {
    const number = raw ? toNanpE164(raw) : undefined;
    if (!number || status === null || status === "disabling-failed") return;
    seen.push({ number, status, observedAt, ...(userId ? { userId } : {}) });
  };
  const sms = snapshot?.sms;
  if (snapshot && sms && !(sms.status === "pending" && !sms.enabled)) {
    add(sms.number ?? snapshot.phoneNumber, sms.status, snapshot.observedAt, snapshot.userId);
  }
  for (const entry of company?.enabledNumbers ?? []) add(entry.number, entry.status, company!.observedAt);
  return seen;
}

/** Records read per HMGET when an SMS page lists many numbers. */
const READ_BATCH = 1000;

/**
 * Whether applying a console observation to what is stored can change anything: a number not tracked (or
 * tracked to a final state) only when shown Pending (it starts tracking); a live record only with a word it has
 * not applied yet or a newer observation of another word.
 */
function mayChange(stored: StoredRecord | undefined, observation: ConsoleObservation): boolean {
  if (!stored || isFinal(stored.record.state)) return observation.status === "pending";
  const { raw, lastObservedAt } = stored.record;
  const applied =
    raw?.provider === CONSOLE_PROVIDER &&
    raw.value === observation.status &&
    lastObservedAt !== undefined &&
    Date.parse(lastObservedAt) >= Date.parse(observation.observedAt);
  return !applied;
}

export interface ConsoleSourceOptions {
  store: TrackingStore;
  /** The provider a tenant's numbers are tracked with (`console` for most 8x8 customers). */
  providerOf: (tenant: string) => string;
  now: () => number;
  /** The tenant's `tracked-numbers` quota for numbers started here. */
  quota?: number;
  logger?: Logger;
}

/**
 * Applies what consoles show to tracking records. Numbers shown Pending are tracked automatically, whatever
 * the tenant's provider; a `console` tenant's records also take every status through core's lifecycle, with
 * the tracker's compare-and-set commit and transition stream (stale observations change nothing, a change is
 * one transition however many admins post it). A carrier tenant's records follow the carrier: what the console
 * shows there is compared by the `sms-sync-issue` rule instead.
 */
export class ConsoleSource {
  constructor(readonly options: ConsoleSourceOptions) {}

  async observe(
    tenant: string,
    snapshot: UserSnapshot | undefined,
    company: CompanySmsRegistration | undefined,
  ): Promise<{ started: number; transitions: number }> {
    let started = 0;
    let transitions = 0;
    const observations = consoleObservationsOf(snapshot, company);
    const { store } = this.options;
    // A company's SMS page lists up to 20 000 numbers, almost all Enabled and settled: their records are read
    // in batches, and only observations that can change something (a Pending number not tracked yet, a word
    // the record has not applied) are applied one by one.
    for (let i = 0; i < observations.length; i += READ_BATCH) {
      const batch = observations.slice(i, i + READ_BATCH);
      const encoded = await store.redis.hmget(store.keys.records(tenant), ...batch.map((o) => o.number));
      for (const [j, observation] of batch.entries()) {
        const value = encoded[j];
        const stored = value ? decodeRecord(observation.number, value) : undefined;
        if (!mayChange(stored, observation)) continue;
        const result = await this.#apply(tenant, observation, stored);
        started += result.started ? 1 : 0;
        transitions += result.transitions;
      }
    }
    return { started, transitions };
  }

  async #apply(tenant: string, observation: ConsoleObservation, read: StoredRecord | undefined) {
    const { store, now } = this.options;
    const provider = this.options.providerOf(tenant);
    let stored = read;
    let started = false;
    if (!stored || isFinal(stored.record.state)) {
      if (observation.status !== "pending") return { started, transitions: 0 };
      const at = now();
      // Pending since at least when it was seen so: the stall clock starts there.
      const enabledAt =
        Date.parse(observation.observedAt) < at ? observation.observedAt : new Date(at).toISOString();
      const record = startTracking(observation.number, new Date(at).toISOString(), { provider, enabledAt });
      const result = await store.start(tenant, record, {
        dueAt: at,
        ...(observation.userId ? { userId: observation.userId } : {}),
        ...(this.options.quota ? { quota: this.options.quota } : {}),
      });
      started = result.started;
      stored = result.stored;
    }
    if (provider !== CONSOLE_PROVIDER || stored.record.provider !== CONSOLE_PROVIDER) {
      return { started, transitions: 0 };
    }
    const status: ProviderStatus = {
      provider: CONSOLE_PROVIDER,
      entity: "number",
      value: observation.status,
      observedAt: observation.observedAt,
      ...(observation.status === "enabling-failed" ? { reasons: ["Enabling Failed"] } : {}),
    };
    for (let attempt = 0; attempt < 5; attempt++) {
      const at = now();
      const decision = decideCheck(stored.record, [status], at);
      const { outcome } = await store.commit(
        tenant,
        stored,
        decision.record,
        decision.transitions,
        decision.dueAt,
      );
      if (outcome === "written") {
        await this.afterCommit(tenant, decision.record, stored.userId, at);
        return { started, transitions: decision.transitions.length };
      }
      const reread: StoredRecord | undefined =
        outcome === "gone" ? undefined : await store.load(tenant, observation.number);
      if (!reread || isFinal(reread.record.state)) return { started, transitions: 0 };
      stored = reread;
    }
    this.options.logger?.warn(
      { tenant, number: observation.number },
      "console observation not applied: the record kept changing",
    );
    return { started, transitions: 0 };
  }

  /** Raises the record's alert (stalled, needs a person, failed) once; for the tracker's commits too. */
  async afterCommit(
    tenant: string,
    record: StoredRecord["record"],
    userId: string | undefined,
    at: number,
  ): Promise<void> {
    const { store } = this.options;
    await alertOnce({
      redis: store.redis,
      tenant,
      record,
      userId,
      now: new Date(at).toISOString(),
      prefix: store.keys.prefix,
    });
  }

  /**
   * After a user's diagnosis: an `sms-sync-issue` finding (console and carrier disagree) is alerted once per
   * carrier state, with the support request.
   */
  async diagnosed(
    tenant: string,
    snapshot: UserSnapshot,
    reply: z.infer<typeof DiagnosisResponseSchema>,
  ): Promise<void> {
    const finding = reply.diagnosis.findings.find((f) => f.ruleId === "sms-sync-issue");
    const number = reply.provisioning?.number;
    if (!finding || !number) return;
    const stored = await this.options.store.load(tenant, number);
    if (!stored) return;
    await alertOnce({
      redis: this.options.store.redis,
      tenant,
      record: stored.record,
      userId: snapshot.userId,
      now: new Date(this.options.now()).toISOString(),
      prefix: this.options.store.keys.prefix,
      finding,
      verdict: reply.diagnosis.verdict,
    });
  }
}
