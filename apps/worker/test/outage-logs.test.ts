// Through a Redis outage the worker and the API keep logging JSON: every connection and every BullMQ queue
// and worker has an error listener, and one outage is a few warnings, not a line per reconnection attempt.
import { describe, expect, it } from "vitest";
import { RedisServerProcess } from "../src/redis/redis-server-process.js";
import { cliEnv, runCli } from "./support/cli.js";
import { uniquePrefix, until } from "./support/redis.js";

describe("logs during a Redis outage", () => {
  it("stay JSON lines, with a few warnings and no raw ioredis lines, and the process recovers", async () => {
    const server = await RedisServerProcess.start();
    const run = runCli(
      ["serve"],
      cliEnv({
        REDIS_URL: server.url,
        SMS_DOCTOR_PREFIX: uniquePrefix(),
        PORT: "0",
        HOST: "127.0.0.1",
        LOG_LEVEL: "info",
        SMS_DOCTOR_API_TOKENS: "acme:acme-token-0123456789",
        SMS_DOCTOR_WEBHOOK_URL: "http://127.0.0.1:9/hooks",
        SMS_DOCTOR_WEBHOOK_SECRET: "webhook-secret-0123456789",
      }),
    );
    try {
      await until(() => run.output().includes("status API listening"), 20_000, "the API to listen");
      const before = run.output().length;
      await server.kill();
      // Several reconnection attempts of every connection (they retry every 0.1-2 s).
      await new Promise((resolve) => setTimeout(resolve, 5000));
      await server.restart();
      await until(() => run.output().slice(before).includes("Redis reachable again"), 20_000, "reconnection");
      await new Promise((resolve) => setTimeout(resolve, 1000));
    } finally {
      run.child.kill("SIGTERM");
      await server.stop();
    }
    const { code, stdout, stderr } = await run.done;
    expect(code).toBe(0);
    expect(stderr).not.toContain("[ioredis]");
    expect(stderr.trim()).toBe("");
    const lines = stdout.trim().split("\n");
    const entries = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    const warnings = entries.filter((e) => e.level === 40);
    const errors = entries.filter((e) => e.level >= 50);
    expect(errors).toEqual([]);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.length).toBeLessThanOrEqual(12);
  }, 90_000); // at worst 20 s to listen, 5 s of outage, 20 s to reconnect, then DRAIN_LIMIT_MS to stop
});
