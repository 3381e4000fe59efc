import { type ProviderStatus, startTracking } from "@sms-doctor/core";
import { afterEach, describe, expect, it } from "vitest";
import { createInstantProvider } from "../src/providers/instant-provider.js";
import { producerConnection, whenReady } from "../src/redis/connections.js";
import { checkJobId } from "../src/tracking/keys.js";
import { TrackingStore } from "../src/tracking/tracking-store.js";
import { dropPrefix, uniquePrefix, until, useRedisServer } from "./support/redis.js";
import { fastClock, startTracker } from "./support/tracker-harness.js";

const redis = useRedisServer();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const telnyx = (value: string, observedAt: string, entity = "number"): ProviderStatus => ({
  provider: "telnyx",
  entity,
  value,
  observedAt,
});

async function setup(answer: (number: string, asked: number, now: string) => ProviderStatus[], speed = 600) {
  const prefix = uniquePrefix();
  const asked = new Map<string, number>();
  const provider = createInstantProvider((number, now) => {
    const n = (asked.get(number) ?? 0) + 1;
    asked.set(number, n);
    return answer(number, n, now);
  });
  const clock = fastClock(speed);
  const now = () => clock.now();
  const harness = await startTracker(redis.url(), prefix, provider, { clock });
  const api = producerConnection(redis.url());
  await whenReady(api);
  const store = new TrackingStore(api, { prefix });
  cleanups.push(async () => {
    await harness.close();
    api.disconnect();
    await dropPrefix(redis.url(), prefix);
  });
  const track = (number: string, tenant = "acme") =>
    store.start(tenant, startTracking(number, new Date(now()).toISOString(), { provider: "instant" }), {
      dueAt: now(),
    });
  return { harness, store, api, asked, now, track, prefix };
}

describe("tracking a number", () => {
  it("follows a number from REQUESTED to ACTIVE, recording each transition once and emitting it", async () => {
    const { store, track, api } = await setup((_n, asked, now) => [
      telnyx(asked === 1 ? "PENDING_ASSIGNMENT" : "ASSIGNED", now),
    ]);
    await track("+14155550100");
    await until(
      async () => (await store.load("acme", "+14155550100"))?.record.state === "ACTIVE",
      20_000,
      "ACTIVE",
    );
    const { record } = (await store.load("acme", "+14155550100"))!;
    expect(record.transitions.map((t) => `${t.from}>${t.to}`)).toEqual([
      "REQUESTED>AWAITING_NUMBER",
      "AWAITING_NUMBER>ACTIVE",
    ]);
    expect(record.raw).toEqual({ provider: "telnyx", entity: "number", value: "ASSIGNED" });
    // ACTIVE numbers are re-checked daily.
    expect(Date.parse(record.nextCheckAt!) - Date.parse(record.lastCheckedAt!)).toBe(24 * 3600_000);
    const events = await api.xrange(store.keys.transitions, "-", "+");
    const bodies = events.map(([, fields]) => JSON.parse(fields[1]!));
    expect(bodies.map((b) => b.transition.to)).toEqual(["AWAITING_NUMBER", "ACTIVE"]);
    expect(new Set(bodies.map((b) => b.id)).size).toBe(2);
  });

  it("a final state completes the job and leaves nothing scheduled", async () => {
    const { store, track, harness } = await setup((_n, _a, now) => [telnyx("PENDING_UNASSIGNMENT", now)]);
    await track("+14155550101");
    await until(async () => (await store.load("acme", "+14155550101"))?.record.state === "CANCELLED");
    await until(
      async () => (await harness.tracker.queue.getJob(checkJobId("acme", "+14155550101"))) === undefined,
    );
    expect(await store.redis.zscore(store.keys.due, "acme|+14155550101")).toBeNull();
    expect(await store.redis.sismember(store.keys.byState("acme", "CANCELLED"), "+14155550101")).toBe(1);
    expect(await store.redis.sismember(store.keys.byState("acme", "REQUESTED"), "+14155550101")).toBe(0);
  });

  it("keeps a delayed job while the number is polled every minute, and none once it is settled", async () => {
    const { store, track, harness } = await setup(
      (_n, asked, now) => [telnyx(asked < 3 ? "PENDING_ASSIGNMENT" : "ASSIGNED", now)],
      60,
    );
    await track("+14155550106");
    const id = checkJobId("acme", "+14155550106");
    await until(async () => (await store.load("acme", "+14155550106"))?.record.state === "AWAITING_NUMBER");
    // Next check in a minute: the job waits in BullMQ's delayed set (moveToDelayed), not in the due set.
    await until(
      async () =>
        (await harness.tracker.queue.getJob(id)) !== undefined &&
        (await harness.tracker.queue.getJob(id))!.isDelayed(),
    );
    await until(
      async () => (await store.load("acme", "+14155550106"))?.record.state === "ACTIVE",
      20_000,
      "ACTIVE",
    );
    // Live: checked again tomorrow, from the due set; no job is left holding memory.
    await until(async () => (await harness.tracker.queue.getJob(id)) === undefined);
    const due = Number(await store.redis.zscore(store.keys.due, "acme|+14155550106"));
    expect(due - Date.parse((await store.load("acme", "+14155550106"))!.record.lastCheckedAt!)).toBe(
      24 * 3600_000,
    );
  });

  it("an unknown status word changes nothing and flags the record", async () => {
    const { store, track } = await setup((_n, _a, now) => [telnyx("CARRIER_REVIEW_HOLD", now)]);
    await track("+14155550102");
    await until(async () => Boolean((await store.load("acme", "+14155550102"))?.record.flags));
    const { record } = (await store.load("acme", "+14155550102"))!;
    expect(record.state).toBe("REQUESTED");
    expect(record.flags).toEqual(["unknown-status:telnyx:number:CARRIER_REVIEW_HOLD"]);
    expect(record.transitions).toEqual([]);
  });

  it("100 concurrent track calls for one number make one record and at most one live job", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const { store, track, harness, asked } = await setup(() => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      inFlight--;
      return [];
    });
    const results = await Promise.all(Array.from({ length: 100 }, () => track("+14155550103")));
    expect(results.filter((r) => r.started)).toHaveLength(1);
    expect(new Set(results.map((r) => r.stored.version))).toEqual(new Set([1]));
    await until(() => (asked.get("+14155550103") ?? 0) >= 1);
    // Sweep jobs come and go; count the checks: at most one, under the number's own job id.
    const live = await harness.tracker.queue.getJobs(["waiting", "active", "delayed", "prioritized"]);
    const checks = live.filter((job) => job?.name === "check");
    expect(checks.length).toBeLessThanOrEqual(1);
    for (const job of checks) expect(job.id).toBe(checkJobId("acme", "+14155550103"));
    expect(await store.redis.zcard(store.keys.due)).toBe(1);
    expect(maxInFlight).toBeLessThanOrEqual(1);
  });

  it("a re-applied check (stale version) never writes a transition twice", async () => {
    const { store, track, harness } = await setup(() => []);
    await harness.close();
    const { stored } = await track("+14155550104");
    const now = new Date().toISOString();
    const next = {
      ...stored.record,
      state: "AWAITING_NUMBER" as const,
      transitions: [
        { from: "REQUESTED" as const, to: "AWAITING_NUMBER" as const, at: now, cause: "number pending" },
      ],
    };
    const first = await store.commit("acme", stored, next, next.transitions, Date.now() + 60_000);
    const again = await store.commit("acme", stored, next, next.transitions, Date.now() + 60_000);
    expect(first.outcome).toBe("written");
    expect(again.outcome).toBe("conflict");
    expect((await store.load("acme", "+14155550104"))!.record.transitions).toHaveLength(1);
    expect(await store.redis.xlen(store.keys.transitions)).toBe(1);
  });

  it("tenants never see each other's numbers", async () => {
    const { store, track } = await setup(() => []);
    await track("+14155550105", "acme");
    expect(await store.load("globex", "+14155550105")).toBeUndefined();
    expect((await store.list("globex", { limit: 10 })).records).toEqual([]);
    expect((await store.list("acme", { limit: 10 })).records).toHaveLength(1);
  });
});
