// A tracking worker in a child process, for tests that SIGKILL workers or run several at once.
// Configured by environment; prints "ready" once it takes jobs; drains on SIGTERM.
import { pino } from "pino";
import { createTelnyxAdapter } from "../../src/providers/telnyx-adapter.js";
import { storeConnection, workerConnection } from "../../src/redis/connections.js";
import { ProvisioningTracker } from "../../src/tracking/provisioning-tracker.js";
import { fastClock } from "../../src/tracking/tracker-clock.js";
import { TrackingStore } from "../../src/tracking/tracking-store.js";

const env = process.env;
const speed = Number(env.CLOCK_SPEED ?? 1);
const start = Number(env.CLOCK_START ?? Date.now());
const connection = workerConnection(env.REDIS_URL!);
connection.on("error", () => {});
const storeRedis = storeConnection(env.REDIS_URL!);
storeRedis.on("error", () => {});
const store = new TrackingStore(storeRedis, { prefix: env.PREFIX! });
const tracker = new ProvisioningTracker({
  connection,
  store,
  provider: createTelnyxAdapter({
    name: env.PROVIDER_NAME ?? "sandbox",
    baseUrl: env.CARRIER_URL!,
    ...(env.CARRIER_KEY ? { apiKey: env.CARRIER_KEY } : {}),
    timeoutMs: Number(env.PROVIDER_TIMEOUT_MS ?? 10_000),
    retries: 1,
    backoffMs: 50,
    ...(env.PROVIDER_RPS ? { requestsPerSecond: Number(env.PROVIDER_RPS) } : {}),
  }),
  logger: pino({ level: env.LOG_LEVEL ?? "silent" }),
  concurrency: Number(env.CONCURRENCY ?? 10),
  sweepEveryMs: 100,
  // Short locks let the SIGKILL test see a dead worker's checks taken over quickly; the others use
  // longer ones, so a busy machine's event-loop pauses never look like a dead worker.
  lockDurationMs: Number(env.LOCK_MS ?? 10_000),
  stalledIntervalMs: Math.min(1000, Number(env.LOCK_MS ?? 10_000) / 2),
  maxBackoffMs: Number(env.MAX_BACKOFF_MS ?? 2000),
  clock: fastClock(speed, start),
});
await tracker.start();
console.log("ready");
process.once("SIGTERM", () => {
  void tracker.close().then(() => {
    connection.disconnect();
    storeRedis.disconnect();
    process.exit(0);
  });
});
