// The status API alone in this process, for the bulkheads bench: run with `--max-old-space-size` and it prints
// its heap as JSON lines every 200 ms, so the bench sees the heap of the API and nothing else.
import { buildStatusApi } from "../../src/api/status-api.js";
import { sha256Hex } from "../../src/config.js";
import { producerConnection, whenReady } from "../../src/redis/connections.js";
import { TrackingStore } from "../../src/tracking/tracking-store.js";

const redis = producerConnection(process.env.REDIS_URL!);
await whenReady(redis);
const app = await buildStatusApi({
  store: new TrackingStore(redis, { prefix: process.env.PREFIX! }),
  redis,
  tokens: [
    { tenant: "acme", sha256: sha256Hex(process.env.ACME_TOKEN!) },
    { tenant: "globex", sha256: sha256Hex(process.env.GLOBEX_TOKEN!) },
  ],
  provider: "sandbox",
  rateLimits: JSON.parse(process.env.RATE_LIMITS ?? "{}"),
});
const url = await app.listen({ host: "127.0.0.1", port: 0 });
console.log(JSON.stringify({ url }));
setInterval(() => {
  const { heapUsed, rss } = process.memoryUsage();
  console.log(JSON.stringify({ heapUsed, rss }));
}, 200).unref();
process.once("SIGTERM", () => void app.close().then(() => process.exit(0)));
