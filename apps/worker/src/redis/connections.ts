import { Cluster, type ClusterNode, Redis, type RedisOptions } from "ioredis";
import type { Logger } from "../logger.js";

/** A connection to one Redis, or to a Redis Cluster: every command the worker sends works on both. */
export type RedisClient = Redis | Cluster;

/**
 * Where Redis is: one URL, or the seed nodes of a Cluster (`REDIS_CLUSTER_NODES`). Every key shares
 * one hash tag, so on a Cluster everything lives in one slot and multi-key scripts just work.
 */
export type RedisTarget = string | { cluster: ClusterNode[]; password?: string };

/**
 * Reports a connection's outages in the process's JSON log: one warning when it loses Redis, one line when
 * it is back. ioredis emits an `error` on every reconnection attempt, and prints a raw
 * `[ioredis] Unhandled error event` line for each when nobody listens: every connection gets this listener.
 */
export function reportOutages(redis: RedisClient, logger: Logger | undefined, role: string): void {
  let down = false;
  redis.on("error", (error: Error) => {
    if (down) return;
    down = true;
    logger?.warn({ redis: role, err: { message: error.message } }, "Redis unreachable; reconnecting");
  });
  redis.on("ready", () => {
    if (!down) return;
    down = false;
    logger?.info({ redis: role }, "Redis reachable again");
  });
}

/**
 * A listener for the `error` events of BullMQ's queues and workers, which pass on their connections' errors
 * (including the blocking connection BullMQ opens itself) and their own: at most one warning per `everyMs`,
 * saying how many were left out, so an outage is a few lines rather than one per retry.
 */
export function throttledErrorLog(logger: Logger | undefined, what: string, everyMs = 30_000) {
  let lastAt = Number.NEGATIVE_INFINITY;
  let skipped = 0;
  return (error: Error) => {
    const now = Date.now();
    if (now - lastAt < everyMs) {
      skipped++;
      return;
    }
    lastAt = now;
    logger?.warn({ err: { message: error.message }, skipped }, `${what} error`);
    skipped = 0;
  };
}

function connect(target: RedisTarget, options: RedisOptions, logger?: Logger, role = "redis"): RedisClient {
  const client = connectTo(target, options);
  reportOutages(client, logger, role);
  return client;
}

function connectTo(target: RedisTarget, options: RedisOptions): RedisClient {
  if (typeof target === "string") return new Redis(target, options);
  const { maxRetriesPerRequest, enableOfflineQueue, enableAutoPipelining, ...nodeOptions } = options;
  return new Cluster(target.cluster, {
    redisOptions: { ...nodeOptions, ...(target.password ? { password: target.password } : {}) },
    ...(maxRetriesPerRequest !== undefined ? { maxRetriesPerRequest } : {}),
    ...(enableOfflineQueue !== undefined ? { enableOfflineQueue } : {}),
    ...(enableAutoPipelining !== undefined ? { enableAutoPipelining } : {}),
    clusterRetryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

/**
 * A connection for workers: commands wait through a Redis restart or failover instead of failing
 * (BullMQ requires `maxRetriesPerRequest: null`), so workers resume on their own.
 */
export function workerConnection(target: RedisTarget, logger?: Logger, role = "worker"): RedisClient {
  return connect(
    target,
    {
      maxRetriesPerRequest: null,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    },
    logger,
    role,
  );
}

/**
 * A connection for the tracking store inside workers: like `workerConnection`, and with ioredis's
 * auto-pipelining, which sends the reads and scripts of concurrent checks in one write. Kept apart
 * from BullMQ's connection, whose blocking commands must not wait behind a pipeline.
 */
export function storeConnection(target: RedisTarget, logger?: Logger): RedisClient {
  return connect(
    target,
    {
      maxRetriesPerRequest: null,
      enableAutoPipelining: true,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    },
    logger,
    "store",
  );
}

/**
 * A connection for the API and other producers: while Redis is unreachable, commands fail at once
 * (`enableOfflineQueue: false`) or after `commandTimeout`, so a request gets a 503 within a second
 * instead of hanging.
 */
export function producerConnection(
  target: RedisTarget,
  options: { commandTimeoutMs?: number; logger?: Logger } = {},
): RedisClient {
  return connect(
    target,
    {
      enableOfflineQueue: false,
      // Concurrent requests' commands go out in one write: most of the API's throughput under load.
      enableAutoPipelining: true,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 800,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 100, 1000),
    },
    options.logger,
    "producer",
  );
}

/** True for the errors ioredis raises while Redis is unreachable or too slow. */
export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const text = `${error.name} ${error.message}`;
  return /Stream isn't writeable|Connection is closed|ECONNREFUSED|ECONNRESET|Command timed out|MaxRetriesPerRequest|LOADING|ETIMEDOUT|EPIPE|enableOfflineQueue|Reached the max retries|Cluster is down|CLUSTERDOWN|None of startup nodes|Failed to refresh slots|TRYAGAIN/i.test(
    text,
  );
}

/** Waits until the connection is ready, or throws after `timeoutMs`. */
export async function whenReady(redis: RedisClient, timeoutMs = 5000): Promise<void> {
  if (redis.status === "ready") return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not reachable within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off("ready", onReady);
    };
    redis.on("ready", onReady);
  });
}

/** The eviction policy Redis runs with; anything but `noeviction` can silently drop queue and tracking data. */
export async function checkEvictionPolicy(redis: RedisClient): Promise<string> {
  try {
    const reply = (await redis.config("GET", "maxmemory-policy")) as unknown as string[];
    return reply[1] ?? "unknown";
  } catch {
    // Managed Redis often forbids CONFIG; INFO memory still tells.
    const info = await redis.info("memory");
    return /maxmemory_policy:(\S+)/.exec(info)?.[1] ?? "unknown";
  }
}
