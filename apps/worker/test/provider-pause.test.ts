// One provider answer cannot stop everyone: a Retry-After of an hour is capped and logged, and the pause
// holds back only that provider's checks, never the sweep.
import { Writable } from "node:stream";
import { startTracking } from "@sms-doctor/core";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { ProviderAdapter } from "../src/providers/provider-adapter.js";
import { createTelnyxAdapter } from "../src/providers/telnyx-adapter.js";
import { checkJobId } from "../src/tracking/keys.js";
import { assignment, FakeCarrier } from "./support/fake-carrier.js";
import { until, useRedisServer } from "./support/redis.js";
import { freshStore, startTracker } from "./support/tracker-harness.js";

const redis = useRedisServer();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

describe("a 429 asking for an hour", () => {
  it("pauses that provider's checks for the cap only, warns naming provider and value, and the sweep goes on", async () => {
    const first = "+12125557000";
    const second = "+12125557001";
    let limitedAt = 0;
    const carrier = await FakeCarrier.start(({ number, asked }) => {
      if (number === first && asked === 1) {
        limitedAt = Date.now();
        return { status: 429, headers: { "retry-after": "3600" }, body: { errors: [{ code: "10011" }] } };
      }
      return { body: assignment(number, "ASSIGNED") };
    });
    cleanups.push(() => carrier.close());
    const lines: { msg: string; provider?: string; retryAfterMs?: number; level: number }[] = [];
    const logger = pino(
      { level: "warn" },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(JSON.parse(String(chunk)));
          done();
        },
      }),
    );
    const { prefix, store } = await freshStore(redis.url(), cleanups);
    const adapter = createTelnyxAdapter({ name: "telnyx", baseUrl: carrier.baseUrl });
    const harness = await startTracker(redis.url(), prefix, adapter, { maxRetryAfterMs: 2000, logger });
    cleanups.push(() => harness.close());
    const track = (number: string) =>
      store.start("acme", startTracking(number, new Date().toISOString(), { provider: "telnyx" }), {
        dueAt: Date.now(),
      });

    await track(first);
    await until(() => limitedAt > 0, 10_000, "the 429");
    // During the pause the sweep still claims due numbers and queues their checks.
    await track(second);
    await until(
      async () => (await harness.tracker.queue.getJob(checkJobId("acme", second))) !== undefined,
      1500,
      "the sweep to queue a check during the pause",
    );
    // Both are checked once the capped pause is over, not in an hour; nobody asked the provider meanwhile.
    await until(
      async () =>
        (await Promise.all([first, second].map((n) => store.load("acme", n)))).every(
          (s) => s?.record.state === "ACTIVE",
        ),
      15_000,
      "ACTIVE",
    );
    expect(carrier.arrivals.filter((t) => t > limitedAt && t < limitedAt + 1900)).toEqual([]);
    const warning = lines.find((l) => l.retryAfterMs !== undefined);
    expect(warning).toMatchObject({ level: 40, provider: "telnyx", retryAfterMs: 3_600_000 });
  });
});

describe("tenants on different providers (SMS_DOCTOR_PROVIDERS)", () => {
  it("a 429 from one provider pauses that provider's checks only", async () => {
    const limited = "+12125557100";
    const other = "+12125557101";
    let limitedAt = 0;
    // Tenant "acme" is on the carrier that answers 429 for an hour; tenant "beta" on another one.
    const busy = await FakeCarrier.start(() => {
      limitedAt ||= Date.now();
      return { status: 429, headers: { "retry-after": "3600" }, body: { errors: [{ code: "10011" }] } };
    });
    const calm = await FakeCarrier.start(({ number }) => ({ body: assignment(number, "ASSIGNED") }));
    cleanups.push(
      () => busy.close(),
      () => calm.close(),
    );
    const adapters: Record<string, ProviderAdapter> = {
      busy: createTelnyxAdapter({ name: "busy", baseUrl: busy.baseUrl }),
      calm: createTelnyxAdapter({ name: "calm", baseUrl: calm.baseUrl }),
    };
    const providerOf = (tenant: string) => (tenant === "acme" ? "busy" : "calm");
    // The shape runtime's providerFromConfig gives one process serving both.
    const routing: ProviderAdapter = {
      name: "busy",
      providerOf,
      check: (number, context) => adapters[providerOf(context.tenant ?? "acme")]!.check(number, context),
    };
    const { prefix, store } = await freshStore(redis.url(), cleanups);
    const harness = await startTracker(redis.url(), prefix, routing, { maxRetryAfterMs: 60_000 });
    cleanups.push(() => harness.close());
    const track = (tenant: string, number: string) =>
      store.start(tenant, startTracking(number, new Date().toISOString(), { provider: providerOf(tenant) }), {
        dueAt: Date.now(),
      });

    await track("acme", limited);
    await until(() => limitedAt > 0, 10_000, "the 429");
    await track("beta", other);
    // The other provider's number goes live while the first provider is paused for a minute.
    await until(async () => (await store.load("beta", other))?.record.state === "ACTIVE", 10_000, "ACTIVE");
    expect((await store.load("acme", limited))?.record.state).not.toBe("ACTIVE");
    expect(busy.arrivals).toHaveLength(1);
  });
});
