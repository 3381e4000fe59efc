import type { TrackedNumber } from "@sms-doctor/contracts";
import {
  cancelTracking,
  carrierReadinessText,
  expectedRemaining,
  isStalled,
  type ProvisioningState,
  startTracking,
  wantsConsoleReRead,
} from "@sms-doctor/core";
import type { Queue } from "bullmq";
import { checkJobId } from "./keys.js";
import type { StoredRecord } from "./record-codec.js";
import type { TrackingStore } from "./tracking-store.js";

/** Commits a cancel tries before giving up: each lost race means a check committed in between. */
const CANCEL_ATTEMPTS = 5;
/** How long a provider webhook event id is remembered, to drop its redeliveries. */
const SEEN_EVENT_SECONDS = 7 * 86_400;

export interface TrackingServiceOptions {
  /** The provider new numbers are tracked with. */
  provider: string;
  /** A tenant's own provider when tenants differ (SMS_DOCTOR_PROVIDERS); `provider` otherwise. */
  providerOf?: (tenant: string) => string;
  /** The check queue: a woken number in its first hour waits in a delayed job, promoted here. */
  queue?: Queue;
  now?: () => number;
}

/** A cancel that did not end in a record: the number is not tracked, or kept changing under us. */
export type CancelRefusal = "not-found" | "conflict";

/**
 * Starting, reading, cancelling and waking tracked numbers, for the status API and the CLI alike: the
 * compare-and-set loop of a cancel and what a record shows at a moment (stalled, time remaining) are
 * written here once.
 */
export class TrackingService {
  readonly #now: () => number;

  constructor(
    readonly store: TrackingStore,
    readonly options: TrackingServiceOptions,
  ) {
    this.#now = options.now ?? Date.now;
  }

  /** A stored record as the API and the CLI show it: core's record with what time says of it now. */
  view(stored: StoredRecord): TrackedNumber {
    const at = new Date(this.#now()).toISOString();
    const remaining = expectedRemaining(stored.record, at);
    return {
      ...stored.record,
      ...(stored.userId ? { userId: stored.userId } : {}),
      stalled: isStalled(stored.record, at),
      ...(wantsConsoleReRead(stored.record, at) ? { wantsReRead: true } : {}),
      ...(remaining ? { expectedRemaining: remaining } : {}),
      ...(stored.record.carriers?.length
        ? { carrierReadiness: carrierReadinessText(stored.record.carriers) }
        : {}),
    };
  }

  /** Starts tracking a number, due for a check at once (idempotent: a tracked number is returned as it is). */
  async start(
    tenant: string,
    request: { number: string; userId?: string | undefined; enabledAt?: string | undefined },
    quota?: number,
  ): Promise<TrackedNumber> {
    const at = this.#now();
    const enabledAt = request.enabledAt ? new Date(Date.parse(request.enabledAt)).toISOString() : undefined;
    const record = startTracking(request.number, new Date(at).toISOString(), {
      provider: this.options.providerOf?.(tenant) ?? this.options.provider,
      ...(enabledAt ? { enabledAt } : {}),
    });
    const { stored } = await this.store.start(tenant, record, {
      dueAt: at,
      ...(quota !== undefined ? { quota } : {}),
      ...(request.userId ? { userId: request.userId } : {}),
    });
    return this.view(stored);
  }

  /** The stored record, for what needs the record itself (a diagnosis) beside its view. */
  async load(tenant: string, number: string): Promise<StoredRecord | undefined> {
    return await this.store.load(tenant, number);
  }

  async get(tenant: string, number: string): Promise<TrackedNumber | undefined> {
    const stored = await this.store.load(tenant, number);
    return stored ? this.view(stored) : undefined;
  }

  /**
   * Cancels tracking (the number becomes CANCELLED; a final one stays as it is). A check may commit
   * between our read and our write: the commit is compare-and-set, so we read again and retry.
   */
  async cancel(tenant: string, number: string, cause: string): Promise<TrackedNumber | CancelRefusal> {
    for (let attempt = 0; attempt < CANCEL_ATTEMPTS; attempt++) {
      const stored = await this.store.load(tenant, number);
      if (!stored) return "not-found";
      const result = cancelTracking(stored.record, new Date(this.#now()).toISOString(), cause);
      if (!result.transition) return this.view(stored);
      const { outcome } = await this.store.commit(
        tenant,
        stored,
        result.record,
        [result.transition],
        undefined,
      );
      if (outcome === "written")
        return this.view({ ...stored, version: stored.version + 1, record: result.record });
      if (outcome === "gone") return "not-found";
    }
    return "conflict";
  }

  async list(
    tenant: string,
    query: { state?: ProvisioningState | undefined; cursor?: string | undefined; limit: number },
  ): Promise<{ items: TrackedNumber[]; nextCursor?: string }> {
    const page = await this.store.list(tenant, {
      limit: query.limit,
      ...(query.state ? { state: query.state } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    return {
      items: page.records.map((stored) => this.view(stored)),
      ...(page.cursor !== "0" ? { nextCursor: page.cursor } : {}),
    };
  }

  /** True the first time a provider's event id is seen (webhooks are redelivered). */
  async firstSighting(provider: string, eventId: string): Promise<boolean> {
    return await this.store.markSeen(provider, eventId, SEEN_EVENT_SECONDS);
  }

  /** Brings a tracked number's next check forward to now; false when it is not tracked (or already due). */
  async wake(tenant: string, number: string): Promise<boolean> {
    const woken = await this.store.wake(tenant, number, this.#now());
    // A number in its first hour waits in a delayed job rather than in the due set: promote it.
    const job =
      woken && this.options.queue ? await this.options.queue.getJob(checkJobId(tenant, number)) : undefined;
    if (job && (await job.isDelayed())) await job.promote().catch(() => {});
    return woken;
  }

  /**
   * Wakes up to `max` of the tenant's numbers waiting on a campaign review: records do not keep campaign
   * ids, so a campaign event wakes them all (bounded; polling catches any beyond the bound).
   */
  async wakeAwaitingCampaign(tenant: string, max: number): Promise<number> {
    if (max <= 0) return 0;
    const page = await this.store.list(tenant, { state: "AWAITING_CAMPAIGN", limit: max });
    let woken = 0;
    for (const stored of page.records.slice(0, max)) {
      if (woken >= max) break;
      if (await this.wake(tenant, stored.record.number)) woken++;
    }
    return woken;
  }
}
