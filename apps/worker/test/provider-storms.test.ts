import { type ProvisioningState, startTracking } from "@sms-doctor/core";
import { type Sandbox, startSandbox } from "@sms-doctor/sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { createTelnyxAdapter } from "../src/providers/telnyx-adapter.js";
import { producerConnection, whenReady } from "../src/redis/connections.js";
import { TrackingStore } from "../src/tracking/tracking-store.js";
import { assignment, FakeCarrier } from "./support/fake-carrier.js";
import { dropPrefix, uniquePrefix, until, useRedisServer } from "./support/redis.js";
import { expectNothingLostOrDoubled, startTracker } from "./support/tracker-harness.js";

const redis = useRedisServer();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

async function producer(prefix: string) {
  const connection = producerConnection(redis.url());
  await whenReady(connection);
  cleanups.push(async () => {
    connection.disconnect();
    await dropPrefix(redis.url(), prefix);
  });
  return new TrackingStore(connection, { prefix });
}

/** The sandbox's carrier simulator at an hour of carrier time per real second, with numbers it will assign. */
async function sandboxWith(
  numbers: string[],
  faults: Parameters<typeof startSandbox>[0] = {},
  afterHours = 2,
): Promise<Sandbox> {
  const sandbox = await startSandbox({
    scenario: "verification-pending",
    speed: 3600,
    carrierApiKey: "carrier-key",
    ...faults,
  });
  cleanups.push(() => sandbox.close());
  const response = await fetch(`${sandbox.carrierUrl}/_control/numbers`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ phoneNumbers: numbers, afterHours }),
  });
  expect(response.status).toBe(201);
  return sandbox;
}

async function trackAll(store: TrackingStore, numbers: string[], now: number) {
  for (const number of numbers) {
    await store.start("acme", startTracking(number, new Date(now).toISOString(), { provider: "sandbox" }), {
      dueAt: now,
    });
  }
}

async function states(store: TrackingStore, numbers: string[]): Promise<ProvisioningState[]> {
  return await Promise.all(numbers.map(async (n) => (await store.load("acme", n))!.record.state));
}

const numbersFrom = (first: number, count: number) =>
  Array.from({ length: count }, (_, i) => `+1212555${String(first + i).padStart(4, "0")}`);

describe("against the sandbox's carrier simulator", () => {
  it("follows numbers to ACTIVE through the Telnyx API", async () => {
    const numbers = numbersFrom(1000, 10);
    // Assigned after 8 carrier hours (8 real seconds): the first checks see them pending even on a loaded
    // machine, where they can come a few seconds late.
    const sandbox = await sandboxWith(numbers, {}, 8);
    const prefix = uniquePrefix();
    const store = await producer(prefix);
    const clock = {
      now: () => sandbox.world.clock.now(),
      realMsUntil: (at: number) => sandbox.world.clock.realDelayUntil(at),
    };
    const now = clock.now;
    const adapter = createTelnyxAdapter({
      name: "sandbox",
      baseUrl: `${sandbox.carrierUrl}/v2`,
      apiKey: "carrier-key",
    });
    const harness = await startTracker(redis.url(), prefix, adapter, { clock });
    cleanups.push(() => harness.close());
    await trackAll(store, numbers, now());
    await until(async () => (await states(store, numbers)).every((s) => s === "ACTIVE"), 30_000, "ACTIVE");
    const { record } = (await store.load("acme", numbers[0]!))!;
    expect(record.transitions.map((t) => t.to)).toEqual(["AWAITING_NUMBER", "ACTIVE"]);
    expect(record.raw).toEqual({ provider: "telnyx", entity: "number", value: "ASSIGNED" });
  });

  it("survives a storm of 429s, 5xx, timeouts, malformed and stale answers: nothing lost, nothing twice", async () => {
    const numbers = numbersFrom(2000, 30);
    const sandbox = await sandboxWith(numbers, {
      carrierFaults: {
        errorRates: { "429": 0.15, "500": 0.15, "503": 0.1 },
        retryAfterSeconds: 1,
        timeoutRate: 0.05,
        malformedRate: 0.1,
        staleRate: 0.1,
        unknownStatusRate: 0.05,
        seed: 7,
      },
    });
    const prefix = uniquePrefix();
    const store = await producer(prefix);
    const clock = {
      now: () => sandbox.world.clock.now(),
      realMsUntil: (at: number) => sandbox.world.clock.realDelayUntil(at),
    };
    const now = clock.now;
    const rps = 40;
    const adapter = createTelnyxAdapter({
      name: "sandbox",
      baseUrl: `${sandbox.carrierUrl}/v2`,
      apiKey: "carrier-key",
      timeoutMs: 200,
      retries: 1,
      backoffMs: 20,
      requestsPerSecond: rps,
    });
    const harness = await startTracker(redis.url(), prefix, adapter, { clock, maxBackoffMs: 1500 });
    cleanups.push(() => harness.close());
    const started = Date.now();
    await trackAll(store, numbers, now());
    await until(async () => (await states(store, numbers)).every((s) => s === "ACTIVE"), 60_000, "ACTIVE");
    const seconds = (Date.now() - started) / 1000;

    // Checks that failed were retried until they got through: whether a number was seen pending first
    // depends on the storm, but its history is one unbroken chain ending ACTIVE, each step once.
    await expectNothingLostOrDoubled(store, numbers);
    const failed = await harness.tracker.queue.getJobCounts("failed");
    expect(failed.failed).toBe(0);
    const metrics = await harness.metrics.registry.getMetricsAsJSON();
    const errors = metrics.find((m) => m.name === "sms_doctor_provider_errors_total")!.values;
    const kinds = new Set(errors.map((v) => v.labels.kind));
    expect(kinds).toContain("rate-limited");
    expect(kinds).toContain("unavailable");
    // The global limiter: checks started never outran the provider's allowance (plus one second's burst).
    const latency = await harness.metrics.providerLatency.get();
    const calls = latency.values.find(
      (v) => v.metricName === "sms_doctor_provider_request_seconds_count",
    )!.value;
    expect(calls).toBeLessThanOrEqual(rps * (seconds + 1));
  });
});

describe("a 429 with Retry-After", () => {
  it("pauses every check until Retry-After has passed", async () => {
    let limitedAt = 0;
    const carrier = await FakeCarrier.start(({ number, asked }) => {
      if (limitedAt === 0 && asked === 1 && number.endsWith("0")) {
        limitedAt = Date.now();
        return { status: 429, headers: { "retry-after": "1" }, body: { errors: [{ code: "10011" }] } };
      }
      return { body: assignment(number, "ASSIGNED") };
    });
    cleanups.push(() => carrier.close());
    const prefix = uniquePrefix();
    const store = await producer(prefix);
    const adapter = createTelnyxAdapter({ baseUrl: carrier.baseUrl });
    const harness = await startTracker(redis.url(), prefix, adapter, { concurrency: 1 });
    cleanups.push(() => harness.close());
    const numbers = numbersFrom(3000, 5);
    await trackAll(store, numbers, Date.now());
    await until(async () => (await states(store, numbers)).every((s) => s === "ACTIVE"), 20_000, "ACTIVE");
    const during = carrier.arrivals.filter((t) => t > limitedAt && t < limitedAt + 950);
    expect(limitedAt).toBeGreaterThan(0);
    expect(during).toEqual([]);
  });
});
