import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { RedisServerProcess } from "../../src/redis/redis-server-process.js";

/** A fresh hash-tagged prefix: each test its own keys and its own queue. */
export function uniquePrefix(): string {
  return `{smsd-test-${randomBytes(4).toString("hex")}}`;
}

/** Starts a private redis-server for the test file (no Redis mocks), stopped after it. */
export function useRedisServer(): { server: () => RedisServerProcess; url: () => string } {
  let server: RedisServerProcess | undefined;
  beforeAll(async () => {
    server = await RedisServerProcess.start();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return { server: () => server!, url: () => server!.url };
}

/** Deletes every key under a prefix. */
export async function dropPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

export async function until(
  condition: () => Promise<boolean> | boolean,
  timeoutMs = 20_000,
  what = "condition",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
