import { startTracking } from "@sms-doctor/core";
import { afterEach, describe, expect, it } from "vitest";
import { producerConnection, type RedisClient, whenReady } from "../src/redis/connections.js";
import { RedisServerProcess } from "../src/redis/redis-server-process.js";
import { TrackingStore } from "../src/tracking/tracking-store.js";
import { type ChildWorker, spawnWorker } from "./support/child-workers.js";
import { assignment, type CarrierScript, FakeCarrier } from "./support/fake-carrier.js";
import { uniquePrefix, until } from "./support/redis.js";

/*
 * Real redis-server processes and real worker processes: workers are SIGKILLed, Redis is killed and
 * restarted from its AOF, and a real HTTP carrier counts what it is asked.
 */

/** One simulated minute (the first poll interval) per 50 ms. */
const CLOCK_SPEED = 1200;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

interface World {
  redis: RedisServerProcess;
  carrier: FakeCarrier;
  connection: RedisClient;
  store: TrackingStore;
  prefix: string;
  workers: ChildWorker[];
  spawn(extra?: Record<string, string>): Promise<ChildWorker>;
  track(count: number, first?: number): Promise<string[]>;
}

/** Numbers need three asks to go live (pending, pending, assigned); every answer takes `delayMs`. */
const slowProgress =
  (delayMs: number): CarrierScript =>
  ({ number, asked }) => ({
    delayMs,
    body: assignment(number, asked >= 3 ? "ASSIGNED" : "PENDING_ASSIGNMENT"),
  });

async function world(script: CarrierScript): Promise<World> {
  const redis = await RedisServerProcess.start();
  const carrier = await FakeCarrier.start(script);
  const connection = producerConnection(redis.url, { commandTimeoutMs: 5000 });
  connection.on("error", () => {});
  await whenReady(connection);
  const prefix = uniquePrefix();
  const store = new TrackingStore(connection, { prefix });
  const workers: ChildWorker[] = [];
  cleanups.push(async () => {
    await Promise.all(workers.map((w) => w.sigkill()));
    connection.disconnect();
    await carrier.close();
    await redis.stop();
  });
  const clockStart = String(Date.now());
  return {
    redis,
    carrier,
    connection,
    store,
    prefix,
    workers,
    async spawn(extra = {}) {
      const worker = await spawnWorker({
        REDIS_URL: redis.url,
        PREFIX: prefix,
        CARRIER_URL: carrier.baseUrl,
        CLOCK_SPEED: String(CLOCK_SPEED),
        CLOCK_START: clockStart,
        ...extra,
      });
      workers.push(worker);
      return worker;
    },
    async track(count, first = 1000) {
      const numbers = Array.from(
        { length: count },
        (_, i) => `+1415555${String(first + i).padStart(4, "0")}`,
      );
      // The workers' simulated clock, so a number's age starts at zero when it is tracked.
      const now = Number(clockStart) + (Date.now() - Number(clockStart)) * CLOCK_SPEED;
      for (const number of numbers) {
        await store.start(
          "acme",
          startTracking(number, new Date(now).toISOString(), { provider: "sandbox" }),
          {
            dueAt: now,
          },
        );
      }
      return numbers;
    },
  };
}

/**
 * Every number ACTIVE, its history one unbroken chain with each step once, and each transition
 * emitted once. (Usually REQUESTED → AWAITING_NUMBER → ACTIVE; on a busy machine a check that failed
 * may have been retried after the carrier already said ASSIGNED, and the number went live directly.)
 */
async function expectAllActiveOnce(w: World, numbers: string[], timeoutMs: number): Promise<void> {
  await until(
    async () => (await w.connection.scard(w.store.keys.byState("acme", "ACTIVE"))) === numbers.length,
    timeoutMs,
    "every number ACTIVE",
  );
  const events = (await w.connection.xrange(w.store.keys.transitions, "-", "+")).map(([, fields]) =>
    JSON.parse(fields[1]!),
  );
  let pending = 0;
  for (const number of numbers) {
    const { record } = (await w.store.load("acme", number))!;
    const path = ["REQUESTED", ...record.transitions.map((t) => t.to)];
    expect(
      record.transitions.map((t) => t.from),
      number,
    ).toEqual(path.slice(0, -1));
    expect(path.at(-1), number).toBe("ACTIVE");
    expect(new Set(path).size, number).toBe(path.length);
    expect(
      events.filter((e) => e.number === number),
      number,
    ).toHaveLength(record.transitions.length);
    if (path.includes("AWAITING_NUMBER")) pending++;
  }
  // The carrier said "pending" twice to every number first: most histories show it.
  expect(pending).toBeGreaterThan(numbers.length / 2);
}

describe("reliability", () => {
  it("SIGKILL of a worker in the middle of checks: every number still ends ACTIVE, no transition twice", async () => {
    const w = await world(slowProgress(40));
    const [doomed] = await Promise.all([
      w.spawn({ CONCURRENCY: "20", LOCK_MS: "2000" }),
      w.spawn({ CONCURRENCY: "20", LOCK_MS: "2000" }),
    ]);
    const numbers = await w.track(80);
    await until(() => w.carrier.requests > 60, 20_000, "checks under way");
    await doomed!.sigkill();
    await expectAllActiveOnce(w, numbers, 40_000);
  });

  it("three worker processes on one queue never check the same number twice at once", async () => {
    const w = await world(slowProgress(25));
    await Promise.all([w.spawn(), w.spawn(), w.spawn()]);
    const numbers = await w.track(80);
    await expectAllActiveOnce(w, numbers, 40_000);
    expect(w.carrier.maxConcurrentPerNumber).toBe(1);
    // Three asks each, give or take a check re-run after a lost race: never the same number in parallel.
    expect(Math.min(...numbers.map((n) => w.carrier.asked.get(n) ?? 0))).toBeGreaterThanOrEqual(3);
  });

  it("Redis restarted (AOF) under load: workers resume without a restart and lose nothing", async () => {
    const w = await world(slowProgress(20));
    const workers = await Promise.all([w.spawn(), w.spawn()]);
    const numbers = await w.track(80);
    await until(() => w.carrier.requests > 60, 20_000, "checks under way");
    await w.redis.restart();
    await whenReady(w.connection, 10_000);
    await expectAllActiveOnce(w, numbers, 60_000);
    for (const worker of workers) expect(worker.child.exitCode).toBeNull();
  });

  it("SIGTERM drains: the worker finishes its active checks and exits 0", async () => {
    const w = await world(slowProgress(300));
    const worker = await w.spawn({ CONCURRENCY: "20" });
    await w.track(20);
    await until(() => w.carrier.requests >= 10, 10_000, "checks under way");
    const inFlightBefore = w.carrier.requests;
    expect(await worker.sigterm()).toBe(0);
    // Every check that had asked the carrier was committed before the exit.
    const records = await Promise.all(
      [...w.carrier.asked.keys()].map((number) => w.store.load("acme", number)),
    );
    expect(records.filter((r) => r?.record.lastCheckedAt)).toHaveLength(w.carrier.asked.size);
    expect(inFlightBefore).toBeGreaterThanOrEqual(10);
  });
});
