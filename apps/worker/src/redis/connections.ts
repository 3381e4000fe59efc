import { Cluster, type ClusterNode, Redis, type RedisOptions } from "ioredis";

/** A connection to one Redis, or to a Redis Cluster: every command the worker sends works on both. */
export type RedisClient = Redis | Cluster;

/**
 * Where Redis is: one URL, or the seed nodes of a Cluster (`REDIS_CLUSTER_NODES`). Every key shares
 * one hash tag, so on a Cluster everything lives in one slot and multi-key scripts just work.
 */
export type RedisTarget = string | { cluster: ClusterNode[]; password?: string };

function connect(target: RedisTarget, options: RedisOptions): RedisClient {
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
export function workerConnection(target: RedisTarget): RedisClient {
  return connect(target, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

/**
 * A connection for the tracking store inside workers: like `workerConnection`, and with ioredis's
 * auto-pipelining, which sends the reads and scripts of concurrent checks in one write. Kept apart
 * from BullMQ's connection, whose blocking commands must not wait behind a pipeline.
 */
export function storeConnection(target: RedisTarget): RedisClient {
  return connect(target, {
    maxRetriesPerRequest: null,
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

/**
 * A connection for the API and other producers: while Redis is unreachable, commands fail at once
 * (`enableOfflineQueue: false`) or after `commandTimeout`, so a request gets a 503 within a second
 * instead of hanging.
 */
export function producerConnection(
  target: RedisTarget,
  options: { commandTimeoutMs?: number } = {},
): RedisClient {
  return connect(target, {
    enableOfflineQueue: false,
    // Concurrent requests' commands go out in one write: most of the API's throughput under load.
    enableAutoPipelining: true,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 800,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 100, 1000),
  });
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
