import { Redis } from "ioredis";

/**
 * A connection for workers: commands wait through a Redis restart or failover instead of failing
 * (BullMQ requires `maxRetriesPerRequest: null`), so workers resume on their own.
 */
export function workerConnection(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

/**
 * A connection for the tracking store inside workers: like `workerConnection`, and with ioredis's
 * auto-pipelining, which sends the HGETs and scripts of concurrent checks in one write. Kept apart
 * from BullMQ's connection, whose blocking commands must not wait behind a pipeline.
 */
export function storeConnection(url: string): Redis {
  return new Redis(url, {
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
export function producerConnection(url: string, options: { commandTimeoutMs?: number } = {}): Redis {
  return new Redis(url, {
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
  return /Stream isn't writeable|Connection is closed|ECONNREFUSED|ECONNRESET|Command timed out|MaxRetriesPerRequest|LOADING|ETIMEDOUT|EPIPE|enableOfflineQueue|Reached the max retries/i.test(
    text,
  );
}

/** Waits until the connection is ready, or throws after `timeoutMs`. */
export async function whenReady(redis: Redis, timeoutMs = 5000): Promise<void> {
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
export async function checkEvictionPolicy(redis: Redis): Promise<string> {
  try {
    const reply = (await redis.config("GET", "maxmemory-policy")) as string[];
    return reply[1] ?? "unknown";
  } catch {
    // Managed Redis often forbids CONFIG; INFO memory still tells.
    const info = await redis.info("memory");
    return /maxmemory_policy:(\S+)/.exec(info)?.[1] ?? "unknown";
  }
}
