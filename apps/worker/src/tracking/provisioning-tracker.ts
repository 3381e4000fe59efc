import { isFinal, type ProvisioningRecord } from "@sms-doctor/core";
import { DelayedError, type Job, Queue, UnrecoverableError, Worker } from "bullmq";
import type { Logger } from "../logger.js";
import type { WorkerMetrics } from "../metrics.js";
import { MAX_RETRY_AFTER_MS, type ProviderAdapter, ProviderError } from "../providers/provider-adapter.js";
import { type RedisClient, throttledErrorLog } from "../redis/connections.js";
import { type CheckJobData, CheckJobDataSchema } from "./check-job-data.js";
import { decideCheck } from "./check-number.js";
import { checkJobId, parseDueMember, QUEUE_NAME } from "./keys.js";
import type { StoredRecord } from "./record-codec.js";
import { type TrackerClock, wallClock } from "./tracker-clock.js";
import type { TrackingStore } from "./tracking-store.js";

/** At most `requestsPerSecond` checks start per second across all workers (unlimited when undefined). */
function providerLimiter(requestsPerSecond: number | undefined): { max: number; duration: number } {
  if (!requestsPerSecond) return { max: 1_000_000, duration: 1000 };
  if (requestsPerSecond >= 1) return { max: Math.floor(requestsPerSecond), duration: 1000 };
  return { max: 1, duration: Math.ceil(1000 / requestsPerSecond) };
}

/** A check job's data is core's `CheckJobDataSchema`, parsed on entry: job data crosses a process boundary. */
export { type CheckJobData, CheckJobDataSchema };

export const CHECK_JOB = "check";
export const SWEEP_JOB = "sweep";
const SWEEP_SCHEDULER = "due-sweep";

export interface TrackerOptions {
  /** For the worker: `maxRetriesPerRequest: null`, so commands wait through a Redis restart. */
  connection: RedisClient;
  store: TrackingStore;
  provider: ProviderAdapter;
  logger: Logger;
  metrics?: WorkerMetrics;
  queueName?: string;
  concurrency?: number;
  /** How often the scheduler sweeps the due set. */
  sweepEveryMs?: number;
  /** Most numbers claimed per round of a sweep. */
  claimBatch?: number;
  /** The sweep stops claiming while this many checks wait: due numbers stay in the due set, not in job hashes. */
  maxWaiting?: number;
  /** A claimed number falls due again after this long if its check never finished. */
  leaseMs?: number;
  /** Longest wait between retries after provider failures. */
  maxBackoffMs?: number;
  /**
   * A check due again within this long keeps its job (`moveToDelayed`); a later one parks the number
   * in the due set and completes the job. Default 5 minutes: numbers in their first hour of tracking
   * (polled every 1 and 5 minutes) keep a job, settled ones cost no job at all. 0: always park.
   */
  keepJobWithinMs?: number;
  /** How long a check's lock lasts without renewal: a killed worker's checks are taken over after it. */
  lockDurationMs?: number;
  /** How often workers look for checks whose worker died. */
  stalledIntervalMs?: number;
  /** The longest a provider's Retry-After pauses its checks (`MAX_RETRY_AFTER_MS`). */
  maxRetryAfterMs?: number;
  clock?: TrackerClock;
  /**
   * Called after each committed check with the record written (e.g. to alert once on a stall: the console
   * source's `afterCommit`). A failure is logged; the next check of the record makes it good.
   */
  afterCommit?: (
    tenant: string,
    record: ProvisioningRecord,
    userId: string | undefined,
    at: number,
  ) => Promise<void>;
}

/**
 * The worker side of tracking. A job scheduler sweeps the due set (`sweep` jobs) and queues one
 * `check` job per number due, with a job id derived from tenant and number; a check asks the
 * provider, applies core's lifecycle, and commits the record, its transitions and its next due time
 * in one script. Then it reschedules itself: when the next check is soon (a number's first hour,
 * provider errors, an open circuit) the job stays and waits in BullMQ's delayed set
 * (`moveToDelayed` + `DelayedError`); when it is later, the job completes and the number waits in
 * the due set, where it costs a sorted-set entry instead of a ~800-byte job. Final states complete.
 */
export class ProvisioningTracker {
  readonly queue: Queue;
  readonly worker: Worker;
  readonly #o: Required<Omit<TrackerOptions, "metrics" | "afterCommit">> & {
    metrics: WorkerMetrics | undefined;
    afterCommit: TrackerOptions["afterCommit"];
  };

  constructor(options: TrackerOptions) {
    this.#o = {
      queueName: QUEUE_NAME,
      concurrency: 50,
      sweepEveryMs: 1000,
      claimBatch: 1000,
      maxWaiting: 2000,
      leaseMs: 120_000,
      maxBackoffMs: 5 * 60_000,
      keepJobWithinMs: 5 * 60_000,
      lockDurationMs: 30_000,
      stalledIntervalMs: 30_000,
      maxRetryAfterMs: MAX_RETRY_AFTER_MS,
      clock: wallClock,
      ...options,
      metrics: options.metrics,
      afterCommit: options.afterCommit,
    };
    const prefix = options.store.keys.prefix;
    this.queue = new Queue(this.#o.queueName, { connection: options.connection, prefix });
    this.worker = new Worker(this.#o.queueName, (job, token) => this.#process(job, token), {
      connection: options.connection,
      prefix,
      concurrency: this.#o.concurrency,
      autorun: false,
      // A worker killed mid-check leaves its job stalled; another worker takes it over. Checks are
      // idempotent, so being taken over many times is harmless; failing the job would strand the number.
      maxStalledCount: 1000,
      lockDuration: this.#o.lockDurationMs,
      stalledInterval: this.#o.stalledIntervalMs,
      // The global limiter of the provider: BullMQ counts job starts across every worker in Redis. It also
      // makes `worker.rateLimit()` (after a 429) pause every worker, which BullMQ only does with a limiter.
      limiter: providerLimiter(options.provider.requestsPerSecond),
      removeOnComplete: { count: 0 },
      removeOnFail: { count: 1000 },
    });
    // Connection errors come once per retry during an outage: a few warnings, not a line per retry.
    this.worker.on("error", throttledErrorLog(this.#o.logger, "tracking worker"));
    this.queue.on("error", throttledErrorLog(this.#o.logger, "tracking queue"));
    this.worker.on("failed", (job, error) =>
      this.#o.logger.error({ jobId: job?.id, err: error }, "job failed and will not be retried"),
    );
  }

  /** Registers the sweep scheduler and starts taking jobs. */
  async start(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SWEEP_SCHEDULER,
      { every: this.#o.sweepEveryMs },
      { name: SWEEP_JOB, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
    void this.worker.run();
    await this.worker.waitUntilReady();
  }

  /** Drains: takes no new jobs, lets active checks finish, closes. */
  async close(): Promise<void> {
    await this.worker.close();
    await this.queue.close();
  }

  async #process(job: Job, token: string | undefined): Promise<unknown> {
    if (job.name === SWEEP_JOB) return await this.sweep();
    if (job.name !== CHECK_JOB) throw new UnrecoverableError(`unknown job name "${job.name}"`);
    const parsed = CheckJobDataSchema.safeParse(job.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.#o.metrics?.checks.inc({ outcome: "malformed-job" });
      throw new UnrecoverableError(
        `malformed check job: ${issue?.path.join(".") || "data"}: ${issue?.message}`,
      );
    }
    return await this.#check(job, token, parsed.data);
  }

  /**
   * Claims due numbers and queues their checks, for up to one sweep period, keeping at most
   * `maxWaiting` checks queued. Duplicate ids (a number whose check is still delayed or active) are
   * ignored by BullMQ, so a number never has two live checks.
   */
  async sweep(): Promise<{ queued: number }> {
    const { store, claimBatch, maxWaiting, leaseMs, sweepEveryMs } = this.#o;
    const until = Date.now() + sweepEveryMs;
    let queued = 0;
    while (Date.now() < until) {
      const room = maxWaiting - (await this.queue.getWaitingCount());
      if (room <= 0) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        continue;
      }
      const members = await store.claimDue(this.#o.clock.now(), Math.min(room, claimBatch), leaseMs);
      const jobs = members.flatMap((member) => {
        const target = parseDueMember(member);
        if (!target) return [];
        return [
          {
            name: CHECK_JOB,
            data: target,
            opts: {
              jobId: checkJobId(target.tenant, target.number),
              removeOnComplete: true,
              removeOnFail: 1000,
            },
          },
        ];
      });
      if (jobs.length > 0) {
        await this.#clearFailedChecks(jobs.map((j) => j.opts.jobId));
        await this.queue.addBulk(jobs);
      }
      queued += jobs.length;
      if (members.length < Math.min(room, claimBatch)) break;
    }
    return { queued };
  }

  /**
   * A check job that failed is kept (for bull-board and the logs) under its fixed id, and BullMQ ignores an
   * add with the id of a job it keeps: the number would never be checked again. So before queueing checks,
   * the sweep removes failed jobs with their ids; the number is due again only when its lease ran out, so
   * whatever broke has had that long to be repaired, and a failure repeats at most once per lease.
   */
  async #clearFailedChecks(jobIds: string[]): Promise<void> {
    const scores = (await this.#o.store.redis.zmscore(this.queue.keys.failed!, ...jobIds)) as (
      | string
      | null
    )[];
    const failed = jobIds.filter((_, i) => scores[i] !== null);
    for (const id of failed) {
      this.#o.logger.warn({ jobId: id }, "a failed check is due again: queued anew");
      await this.queue.remove(id);
    }
  }

  async #check(job: Job, token: string | undefined, data: CheckJobData): Promise<unknown> {
    const { store, provider, metrics } = this.#o;
    let stored = await store.load(data.tenant, data.number);
    if (!stored || isFinal(stored.record.state)) {
      await store.unschedule(data.tenant, data.number);
      metrics?.checks.inc({ outcome: "not-tracked" });
      return { outcome: "not-tracked" };
    }

    // The provider asked every worker to wait (a 429 seen here or by another worker): this check waits
    // without asking it. Only this provider's checks wait; the sweep and everything else go on.
    const providerName = provider.providerOf?.(data.tenant) ?? provider.name;
    const paused = await this.#providerPausedFor(providerName);
    if (paused > 0) {
      metrics?.checks.inc({ outcome: "provider-paused" });
      await job.moveToDelayed(Date.now() + paused + Math.random() * 250, token);
      throw new DelayedError();
    }

    const started = performance.now();
    let statuses: Awaited<ReturnType<ProviderAdapter["check"]>>;
    try {
      statuses = await provider.check(data.number, {
        now: new Date(this.#o.clock.now()).toISOString(),
        tenant: data.tenant,
      });
    } catch (error) {
      const kind = error instanceof ProviderError ? error.kind : "unexpected";
      metrics?.providerErrors.inc({ provider: providerName, kind });
      if (error instanceof ProviderError && error.kind === "rate-limited") {
        metrics?.checks.inc({ outcome: "rate-limited" });
        error.details.retryAfterMs = await this.#pauseProvider(
          providerName,
          error.details.retryAfterMs ?? 1000,
        );
      }
      this.#o.logger.warn(
        { jobId: job.id, number: data.number, kind, err: error },
        "provider check failed; retrying later",
      );
      return await this.#retryLater(job, token, data, error);
    } finally {
      metrics?.providerLatency.observe({ provider: providerName }, (performance.now() - started) / 1000);
    }

    // Compare-and-set: if someone else wrote the record meanwhile (a cancel, a takeover after a stall),
    // re-read it and apply the same answer again; core's lifecycle makes that safe.
    for (let attempt = 0; attempt < 5; attempt++) {
      const now = this.#o.clock.now();
      const decision = decideCheck(stored.record, statuses, now);
      // A check due again soon keeps its job; the due set then only holds a lease, in case the job is lost.
      const keepJob = decision.dueAt !== undefined && decision.dueAt - now <= this.#o.keepJobWithinMs;
      const dueAt = keepJob ? decision.dueAt! + this.#o.leaseMs : decision.dueAt;
      const { outcome } = await store.commit(
        data.tenant,
        stored,
        decision.record,
        decision.transitions,
        dueAt,
      );
      if (outcome === "written") {
        metrics?.checks.inc({ outcome: "checked" });
        await this.#o
          .afterCommit?.(data.tenant, decision.record, stored.userId, now)
          .catch((err) => this.#o.logger.warn({ number: data.number, err }, "after-commit hook failed"));
        for (const t of decision.transitions) metrics?.transitions.inc({ to: t.to });
        if (decision.unknown.length > 0) {
          metrics?.unknownStatuses.inc({ provider: providerName }, decision.unknown.length);
          this.#o.logger.warn({ number: data.number, unknown: decision.unknown }, "unknown provider status");
        }
        if (keepJob) {
          if (data.retries) await job.updateData({ tenant: data.tenant, number: data.number });
          await job.moveToDelayed(Date.now() + this.#o.clock.realMsUntil(decision.dueAt!), token);
          throw new DelayedError();
        }
        return { outcome: "checked", state: decision.record.state, transitions: decision.transitions.length };
      }
      const reread: StoredRecord | undefined =
        outcome === "gone" ? undefined : await store.load(data.tenant, data.number);
      if (!reread || isFinal(reread.record.state)) {
        metrics?.checks.inc({ outcome: "not-tracked" });
        return { outcome: "not-tracked" };
      }
      stored = reread;
    }
    return await this.#retryLater(job, token, data, new Error("the record kept changing during the check"));
  }

  /** By provider: when this process last saw each pause end, and when it last read the shared pause. */
  #pausedUntil = new Map<string, number>();
  #pauseReadAt = new Map<string, number>();

  /**
   * Pauses every worker's calls to this provider for Retry-After, capped at `maxRetryAfterMs` (a longer
   * one is logged as a warning, naming the provider and what it asked). Returns the pause applied.
   */
  async #pauseProvider(name: string, askedMs: number): Promise<number> {
    const { maxRetryAfterMs, store, logger } = this.#o;
    const ms = Math.max(1, Math.ceil(Math.min(askedMs, maxRetryAfterMs)));
    if (askedMs > maxRetryAfterMs) {
      logger.warn(
        { provider: name, retryAfterMs: askedMs, pausedMs: ms },
        "provider asked for a Retry-After longer than the cap; pausing its checks for the cap only",
      );
    }
    const until = Math.max(this.#pausedUntil.get(name) ?? 0, Date.now() + ms);
    this.#pausedUntil.set(name, until);
    await store.redis.set(store.keys.providerPause(name), String(until), "PX", ms);
    return ms;
  }

  /** How long this provider's checks still wait (0: not paused). Reads the shared pause at most twice a second. */
  async #providerPausedFor(name: string): Promise<number> {
    const now = Date.now();
    const until = this.#pausedUntil.get(name) ?? 0;
    if (until > now) return until - now;
    if (now - (this.#pauseReadAt.get(name) ?? 0) < 500) return 0;
    this.#pauseReadAt.set(name, now);
    const ttl = await this.#o.store.redis.pttl(this.#o.store.keys.providerPause(name));
    if (ttl > 0) this.#pausedUntil.set(name, now + ttl);
    return Math.max(0, ttl);
  }

  /** Keeps the job and runs it again after a jittered, growing delay. */
  async #retryLater(job: Job, token: string | undefined, data: CheckJobData, error: unknown): Promise<never> {
    const retries = (data.retries ?? 0) + 1;
    const floor =
      error instanceof ProviderError ? Math.min(error.details.retryAfterMs ?? 0, this.#o.maxRetryAfterMs) : 0;
    const exponential = Math.min(this.#o.maxBackoffMs, 1000 * 2 ** Math.min(retries, 20));
    const delay = Math.max(floor, exponential * (0.5 + Math.random() / 2));
    this.#o.metrics?.checks.inc({ outcome: "retry-later" });
    await job.updateData({ ...data, retries });
    await job.moveToDelayed(Date.now() + delay, token);
    throw new DelayedError();
  }
}
