import { describe, expect, it } from "vitest";
import { freePort } from "../src/redis/redis-server-process.js";
import { cliEnv, runCli } from "./support/cli.js";
import { dropPrefix, uniquePrefix, until, useRedisServer } from "./support/redis.js";

const redis = useRedisServer();

const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, cliEnv({ LOG_LEVEL: "silent", ...env }));

describe("the sms-doctor CLI", () => {
  it("tracks, shows and cancels a number, with --json", async () => {
    const prefix = uniquePrefix();
    const env = { REDIS_URL: redis.url(), SMS_DOCTOR_PREFIX: prefix };
    const tracked = await cli(["track", "(415) 555-0100", "--tenant", "acme", "--json"], env).done;
    expect(tracked.code).toBe(0);
    expect(JSON.parse(tracked.stdout)).toMatchObject({
      number: "+14155550100",
      state: "REQUESTED",
      stalled: false,
    });
    const shown = await cli(["status", "+14155550100", "--tenant", "acme"], env).done;
    expect(shown.code).toBe(0);
    // People read the number as the console shows it (issue 15); --json keeps E.164.
    expect(shown.stdout).toMatch(/^\+1 415-555-0100 {2}REQUESTED/);
    const other = await cli(["status", "+14155550100", "--tenant", "globex"], env).done;
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("not tracked");
    const cancelled = await cli(["cancel", "+14155550100", "--tenant", "acme", "--json"], env).done;
    expect(JSON.parse(cancelled.stdout).state).toBe("CANCELLED");
    await dropPrefix(redis.url(), prefix);
  });

  it("explains bad configuration and bad arguments instead of crashing", async () => {
    const config = await cli(["status", "+14155550100"], { REDIS_URL: "http://nope", PORT: "99999" }).done;
    expect(config.code).toBe(1);
    expect(config.stderr).toContain("REDIS_URL: a redis:// or rediss:// URL");
    expect(config.stderr).toContain("PORT:");
    const number = await cli(["track", "12"], { REDIS_URL: redis.url() }).done;
    expect(number.code).toBe(2);
    expect(number.stderr).toContain("needs a US or Canadian number");
  });

  it("serve runs the worker and the API, and drains on SIGTERM", async () => {
    const prefix = uniquePrefix();
    const port = await freePort();
    const serve = cli(["serve"], {
      REDIS_URL: redis.url(),
      SMS_DOCTOR_PREFIX: prefix,
      PORT: String(port),
      HOST: "127.0.0.1",
      SMS_DOCTOR_API_TOKENS: "acme:acme-token-0123456789",
      SMS_DOCTOR_PROVIDER_URL: "http://127.0.0.1:9/v2",
      LOG_LEVEL: "info",
    });
    await until(() => serve.output().includes("status API listening"), 20_000, "the API");
    const response = await fetch(`http://127.0.0.1:${port}/v1/numbers`, {
      method: "POST",
      headers: { authorization: "Bearer acme-token-0123456789", "content-type": "application/json" },
      body: JSON.stringify({ number: "+14155550100" }),
    });
    expect(response.status).toBe(202);
    serve.child.kill("SIGTERM");
    const { code, stdout } = await serve.done;
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.msg)).toContain("stopped");
    // pino JSON logs never carry the tokens.
    expect(stdout).not.toContain("acme-token-0123456789");
    await dropPrefix(redis.url(), prefix);
  });

  it("worker serves its metrics and probes on SMS_DOCTOR_METRICS_PORT", async () => {
    const prefix = uniquePrefix();
    const port = await freePort();
    const worker = cli(["worker"], {
      REDIS_URL: redis.url(),
      SMS_DOCTOR_PREFIX: prefix,
      SMS_DOCTOR_METRICS_PORT: String(port),
      HOST: "127.0.0.1",
      SMS_DOCTOR_ADMIN_TOKEN: "admin-token-0123456789",
      SMS_DOCTOR_PROVIDER_URL: "http://127.0.0.1:9/v2",
      LOG_LEVEL: "info",
    });
    await until(() => worker.output().includes("worker started"), 20_000, "the worker");
    await until(
      async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok === true,
      5000,
      "/healthz",
    );
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`, {
      headers: { authorization: "Bearer admin-token-0123456789" },
    });
    expect(await metrics.text()).toContain("sms_doctor_provider_request_seconds");
    worker.child.kill("SIGTERM");
    expect((await worker.done).code).toBe(0);
    await dropPrefix(redis.url(), prefix);
  });
});
