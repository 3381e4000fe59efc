import { pino } from "pino";
import { WorkerMetrics } from "../../src/metrics.js";
import type { ProviderAdapter } from "../../src/providers/provider-adapter.js";
import { storeConnection, workerConnection } from "../../src/redis/connections.js";
import { ProvisioningTracker, type TrackerOptions } from "../../src/tracking/provisioning-tracker.js";
import { TrackingStore } from "../../src/tracking/tracking-store.js";

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
