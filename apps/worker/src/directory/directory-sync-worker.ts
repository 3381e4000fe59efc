import { type Job, Queue, UnrecoverableError, Worker } from "bullmq";
import type { Logger } from "../logger.js";
import { type RedisClient, throttledErrorLog } from "../redis/connections.js";
import { TENANT_PATTERN } from "../tracking/keys.js";
import { AdminApiClient } from "./admin-api-client.js";
import { directoryKeys } from "./directory-keys.js";
import { type SyncSummary, syncDirectory, syncFailure } from "./directory-sync.js";

export const DIRECTORY_QUEUE = "directory-sync";

/** Where a tenant's Administration API is. Lives in the process's configuration, never in Redis. */
export interface DirectoryTenant {
  tenant: string;
  adminApiUrl: string;
  apiKey: string;
}

export interface DirectorySyncWorkerOptions {
  /** A worker connection (`maxRetriesPerRequest: null`). */
  connection: RedisClient;
  /** A separate connection for the sync's own reads and writes. */
  redis: RedisClient;
  tenants: readonly DirectoryTenant[];
  intervalMs: number;
  prefix?: string;
  pageSize?: number;
  logger?: Logger;
  /** Called after every sync (tests and the bench watch it). */
  onSync?: (tenant: string, summary: SyncSummary) => void;
  leaseMs?: number;
}

/** Job data: only the tenant id. The key is looked up in this process's configuration when the job runs. */
interface SyncJobData {
  tenant: string;
}

/**
 * Runs each tenant's directory sync as a BullMQ job: a job scheduler per tenant at the configured
 * interval, and an immediate run at start for any sync a crash or shutdown left half done.
 */
export class DirectorySyncWorker {
  readonly queue: Queue<SyncJobData>;
  #worker: Worker<SyncJobData, SyncSummary> | undefined;
  readonly #clients = new Map<string, AdminApiClient>();
  readonly #abort = new AbortController();

  constructor(private readonly o: DirectorySyncWorkerOptions) {
    this.queue = new Queue<SyncJobData>(DIRECTORY_QUEUE, {
      connection: o.connection,
      prefix: o.prefix ?? "{sms-doctor}",
    });
    this.queue.on("error", throttledErrorLog(o.logger, "directory sync queue"));
    for (const t of o.tenants)
      this.#clients.set(t.tenant, new AdminApiClient({ baseUrl: t.adminApiUrl, apiKey: t.apiKey }));
  }

  /** The client of a tenant: its request count is what the bench reads. */
  client(tenant: string): AdminApiClient | undefined {
    return this.#clients.get(tenant);
  }

  async start(): Promise<void> {
    this.#worker = new Worker<SyncJobData, SyncSummary>(DIRECTORY_QUEUE, (job) => this.#run(job), {
      connection: this.o.connection,
      prefix: this.o.prefix ?? "{sms-doctor}",
      // One tenant's sync at a time per process: the rate limit is per key, so more gains nothing.
      concurrency: Math.max(1, Math.min(4, this.o.tenants.length)),
      removeOnComplete: { count: 100 },
      removeOnFail: { count: 100 },
    });
    this.#worker.on("error", throttledErrorLog(this.o.logger, "directory sync worker"));
    for (const { tenant } of this.o.tenants) {
      await this.queue.upsertJobScheduler(
        `directory.${tenant}`,
        { every: this.o.intervalMs },
        {
          name: "sync",
          data: { tenant },
          opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
        },
      );
      if (await this.o.redis.exists(directoryKeys(tenant, this.o.prefix).checkpoint))
        await this.syncNow(tenant);
    }
  }

  /** Queues a sync of the tenant now (the scheduler's runs go on as before). */
  async syncNow(tenant: string): Promise<void> {
    await this.queue.add(
      "sync",
      { tenant },
      {
        jobId: `now.${tenant}.${Date.now()}`,
        removeOnComplete: { count: 100 },
        removeOnFail: { count: 100 },
      },
    );
  }

  /** Stops at the next page boundary: the checkpoint keeps the place for the next start. */
  async close(): Promise<void> {
    this.#abort.abort(new Error("closing"));
    await this.#worker?.close();
    await this.queue.close();
  }

  async #run(job: Job<SyncJobData>): Promise<SyncSummary> {
    const tenant = job.data?.tenant;
    const client =
      typeof tenant === "string" && TENANT_PATTERN.test(tenant) ? this.#clients.get(tenant) : undefined;
    if (!client)
      throw new Error(
        `directory sync: tenant "${String(tenant).slice(0, 40)}" has no Administration API configured`,
      );
    const summary = await syncDirectory(
      {
        redis: this.o.redis,
        client,
        tenant,
        ...(this.o.prefix ? { prefix: this.o.prefix } : {}),
        ...(this.o.pageSize ? { pageSize: this.o.pageSize } : {}),
        ...(this.o.leaseMs ? { leaseMs: this.o.leaseMs } : {}),
        ...(this.o.logger ? { logger: this.o.logger } : {}),
      },
      this.#abort.signal,
    );
    this.o.logger?.info({ tenant, ...summary }, "directory sync");
    this.o.onSync?.(tenant, summary);
    // A scheduled sync that stored (almost) nobody fails its job, where bull-board and the logs show it,
    // rather than completing as if the directory were healthy. The next interval tries again.
    const failure = syncFailure(summary, tenant);
    if (failure) {
      this.o.logger?.error({ tenant, users: summary.users, numbers: summary.numbers }, failure);
      throw new UnrecoverableError(`directory sync: ${failure}`);
    }
    return summary;
  }
}
