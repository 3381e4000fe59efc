// No number is ever stranded: a check that failed (its job kept as failed, under the number's fixed job id)
// does not stop the number's next check once the cause is repaired.
import { startTracking } from "@sms-doctor/core";
import { afterEach, describe, expect, it } from "vitest";
import { createInstantProvider } from "../src/providers/instant-provider.js";
import { producerConnection, whenReady } from "../src/redis/connections.js";
import { checkJobId, dueMember } from "../src/tracking/keys.js";
import { TrackingStore } from "../src/tracking/tracking-store.js";
import { dropPrefix, uniquePrefix, until, useRedisServer } from "./support/redis.js";
import { startTracker } from "./support/tracker-harness.js";

const redis = useRedisServer();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("a number whose check failed", () => {
  it("is checked again within one lease and one sweep once the cause is repaired", async () => {
    const prefix = uniquePrefix();
    const number = "+14155550177";
    let asked = 0;
    const provider = createInstantProvider((_number, now) => {
      asked++;
      return [{ provider: "telnyx", entity: "number", value: "ASSIGNED", observedAt: now }];
    });
    const harness = await startTracker(redis.url(), prefix, provider, { leaseMs: 500 });
    const api = producerConnection(redis.url());
    await whenReady(api);
    const store = new TrackingStore(api, { prefix });
    cleanups.push(async () => {
      await harness.close();
      api.disconnect();
      await dropPrefix(redis.url(), prefix);
    });
    // Tracked, not yet due; then its record is broken so that its check fails, and it falls due.
    await store.start("acme", startTracking(number, new Date().toISOString(), { provider: "instant" }), {
      dueAt: Date.now() + 3_600_000,
    });
    const intact = (await api.hget(store.keys.records("acme"), number))!;
    await api.hset(store.keys.records("acme"), number, "not a record");
    await api.zadd(store.keys.due, Date.now(), dueMember("acme", number));
    const jobId = checkJobId("acme", number);
    await until(
      async () => (await harness.tracker.queue.getJob(jobId))?.failedReason !== undefined,
      10_000,
      "the failed check",
    );
    expect(asked).toBe(0);

    // Repaired: the next sweep after the lease checks it.
    await api.hset(store.keys.records("acme"), number, intact);
    const repairedAt = Date.now();
    await until(
      async () => (await store.load("acme", number))?.record.state === "ACTIVE",
      5000,
      "the check after repair",
    );
    expect(asked).toBe(1);
    expect(Date.now() - repairedAt).toBeLessThan(5000);
  });
});
