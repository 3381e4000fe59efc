import { pino } from "pino";
import { expect } from "vitest";
import { WorkerMetrics } from "../../src/metrics.js";
import type { ProviderAdapter } from "../../src/providers/provider-adapter.js";
import {
  producerConnection,
  storeConnection,
  whenReady,
  workerConnection,
} from "../../src/redis/connections.js";
import { ProvisioningTracker, type TrackerOptions } from "../../src/tracking/provisioning-tracker.js";
import { TrackingStore } from "../../src/tracking/tracking-store.js";
import { dropPrefix, uniquePrefix } from "./redis.js";

export const silentLogger = pino({ level: "silent" });

/** A real tracker on a real Redis under its own prefix. */
export async function startTracker(
  url: string,
  prefix: string,
  provider: ProviderAdapter,
  options: Partial<TrackerOptions> = {},
) {
  const connection = workerConnection(url);
  const storeRedis = storeConnection(url);
  const store = new TrackingStore(storeRedis, { prefix });
  const metrics = new WorkerMetrics();
  const tracker = new ProvisioningTracker({
    connection,
    store,
    provider,
    logger: silentLogger,
    metrics,
    sweepEveryMs: 100,
    concurrency: 20,
    ...options,
  });
  await tracker.start();
  return {
    tracker,
    store,
    connection,
    metrics,
    async close() {
      await tracker.close();
      connection.disconnect();
      storeRedis.disconnect();
    },
  };
}

export { fastClock } from "../../src/tracking/tracker-clock.js";

/** Every number's history is one unbroken chain ending ACTIVE, each transition once on the record and the stream. */
export async function expectNothingLostOrDoubled(store: TrackingStore, numbers: string[]) {
  const events = (await store.redis.xrange(store.keys.transitions, "-", "+")).map(([, f]) =>
    JSON.parse(f[1]!),
  );
  for (const number of numbers) {
    const { record } = (await store.load("acme", number))!;
    const path = ["REQUESTED", ...record.transitions.map((t) => t.to)];
    expect(
      record.transitions.map((t) => t.from),
      number,
    ).toEqual(path.slice(0, -1));
    expect(path.at(-1)).toBe("ACTIVE");
    expect(new Set(path).size, number).toBe(path.length);
    expect(events.filter((e) => e.number === number)).toHaveLength(record.transitions.length);
  }
}

/**
 * A tracking store under a prefix of its own on a producer connection (as the API holds one); `cleanups` gets
 * what disconnects it and drops its keys.
 */
export async function freshStore(
  redisUrl: string,
  cleanups: (() => Promise<unknown>)[],
): Promise<{ prefix: string; store: TrackingStore }> {
  const prefix = uniquePrefix();
  const connection = producerConnection(redisUrl);
  await whenReady(connection);
  cleanups.push(async () => {
    connection.disconnect();
    await dropPrefix(redisUrl, prefix);
  });
  return { prefix, store: new TrackingStore(connection, { prefix }) };
}
