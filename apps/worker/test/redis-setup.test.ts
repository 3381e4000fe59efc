import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { producerConnection, whenReady } from "../src/redis/connections.js";
import { findRedis, redisForDev } from "../src/redis/dev-redis.js";
import { freePort, RedisServerProcess } from "../src/redis/redis-server-process.js";
import { checkRedis } from "../src/runtime.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

describe("the Redis a command runs against", () => {
  it("starts a private redis-server in development when none is around, and the other commands find it", async () => {
    const previous = process.env.XDG_STATE_HOME;
    process.env.XDG_STATE_HOME = mkdtempSync(join(tmpdir(), "sms-doctor-state-"));
    cleanups.push(async () => {
      process.env.XDG_STATE_HOME = previous;
    });
    const nobody = await freePort();
    expect(await findRedis(undefined, nobody)).toBeUndefined();
    const dev = await redisForDev(undefined, nobody);
    cleanups.push(() => dev.server!.stop());
    expect(dev.server).toBeDefined();
    expect(await findRedis(undefined, nobody)).toBe(dev.url);
    const redis = producerConnection(dev.url);
    cleanups.push(async () => redis.disconnect());
    await whenReady(redis);
    // Private, but run as production would: AOF on, nothing evicted.
    expect(await redis.config("GET", "appendonly")).toEqual(["appendonly", "yes"]);
  });

  it("warns about an eviction policy in development and refuses it in production", async () => {
    const server = await RedisServerProcess.start({ args: ["--maxmemory-policy", "allkeys-lru"] });
    const redis = producerConnection(server.url);
    cleanups.push(async () => {
      redis.disconnect();
      await server.stop();
    });
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (line: string) => lines.push(line) } });
    await checkRedis(redis, loadConfig({}), logger);
    expect(lines.join("")).toContain('maxmemory-policy is \\"allkeys-lru\\"');
    await expect(
      checkRedis(
        redis,
        loadConfig({ NODE_ENV: "production", SMS_DOCTOR_PROVIDER_URL: "http://127.0.0.1:9/v2" }),
        logger,
      ),
    ).rejects.toThrow(/noeviction/);
  });
});
