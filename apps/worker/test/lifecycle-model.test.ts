import {
  applyElapsedTime,
  cancelTracking,
  observeProviderStatus,
  type ProviderStatus,
  type ProvisioningRecord,
  ProvisioningStateSchema,
  startTracking,
  VOCABULARIES,
} from "@sms-doctor/core";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInstantProvider } from "../src/providers/instant-provider.js";
import { producerConnection, whenReady } from "../src/redis/connections.js";
import { CHECK_JOB, CheckJobDataSchema } from "../src/tracking/provisioning-tracker.js";
import { decodeRecord, encodeRecord } from "../src/tracking/record-codec.js";
import { TrackingStore } from "../src/tracking/tracking-store.js";
import { dropPrefix, uniquePrefix, until, useRedisServer } from "./support/redis.js";
import { startTracker } from "./support/tracker-harness.js";

const redis = useRedisServer();
const HOUR = 3_600_000;
const T0 = Date.parse("2026-03-02T09:00:00Z");

const instant = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();
const telnyxWords = (entity: "number" | "campaign") => [
  ...Object.keys(VOCABULARIES[`telnyx:${entity}`]!),
  "CARRIER_REVIEW_HOLD",
];

/** One thing that happens to a tracked number: time passes, then the provider answers, or someone cancels. */
const StepArbitrary = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("check" as const),
      advanceMs: fc.integer({ min: 0, max: 4 * 24 * HOUR }),
      statuses: fc.array(
        fc.record({
          entity: fc.constantFrom("number" as const, "campaign" as const),
          word: fc.nat(),
          // Sometimes older than what was already seen: core must ignore stale answers.
          ageMs: fc.integer({ min: 0, max: 2 * 24 * HOUR }),
        }),
        { maxLength: 2 },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("cancel" as const),
      advanceMs: fc.integer({ min: 0, max: HOUR }),
    }),
  },
);

describe("tracking follows core's lifecycle (model test)", () => {
  let clock = T0;
  let answer: ProviderStatus[] = [];
  let harness: Awaited<ReturnType<typeof startTracker>>;
  let store: TrackingStore;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    const provider = createInstantProvider(() => answer);
    harness = await startTracker(redis.url(), prefix, provider, {
      clock: { now: () => clock, realMsUntil: () => 60_000 },
      // Every check through the due set: the test decides when each one happens.
      keepJobWithinMs: 0,
      sweepEveryMs: 20,
    });
    const connection = producerConnection(redis.url());
    await whenReady(connection);
    store = new TrackingStore(connection, { prefix });
  });
  afterAll(async () => {
    await harness.close();
    store.redis.disconnect();
    await dropPrefix(redis.url(), prefix);
  });

  it("a number checked through Redis and BullMQ ends where core's pure functions say", async () => {
    let run = 0;
    const reached = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(StepArbitrary, { minLength: 1, maxLength: 6 }), async (steps) => {
        const number = `+1646555${String(1000 + run++).padStart(4, "0")}`;
        clock = T0;
        let model: ProvisioningRecord = startTracking(number, instant(0), { provider: "instant" });
        await store.start("acme", model, { dueAt: Number.MAX_SAFE_INTEGER });
        for (const step of steps) {
          if (model.state === "FAILED" || model.state === "CANCELLED") break;
          clock += step.advanceMs;
          const now = new Date(clock).toISOString();
          const stored = (await store.load("acme", number))!;
          if (step.kind === "cancel") {
            const cancelled = cancelTracking(stored.record, now);
            await store.commit(
              "acme",
              stored,
              cancelled.record,
              cancelled.transition ? [cancelled.transition] : [],
              undefined,
            );
            model = cancelTracking(model, now).record;
            continue;
          }
          answer = step.statuses.map((s) => {
            const words = telnyxWords(s.entity);
            return {
              provider: "telnyx",
              entity: s.entity,
              value: words[s.word % words.length]!,
              observedAt: new Date(clock - s.ageMs).toISOString(),
            };
          });
          for (const status of answer) model = observeProviderStatus(model, status, now).record;
          model = applyElapsedTime(model, now).record;
          // Make it due now, and wait for the check to commit.
          await store.redis.zadd(store.keys.due, "XX", 0, `acme|${number}`);
          await until(
            async () => (await store.load("acme", number))!.version > stored.version,
            10_000,
            "the check",
          );
        }
        const { record } = (await store.load("acme", number))!;
        expect(record.state).toBe(model.state);
        for (const t of record.transitions) reached.add(t.to);
        expect(record.transitions).toEqual(model.transitions);
        expect(record.flags).toEqual(model.flags);
        expect(record.stage).toEqual(model.stage);
        expect(record.lastObservedAt).toEqual(model.lastObservedAt);
        await store.unschedule("acme", number);
      }),
      { numRuns: 25 },
    );
    // The generated histories went places: not a test of numbers that never moved.
    expect(reached.size).toBeGreaterThanOrEqual(4);
  });

  it("malformed job data is rejected with the field named, and never stops the worker", async () => {
    const bad = fc.oneof(
      fc.anything(),
      fc.record({
        tenant: fc.oneof(fc.string(), fc.integer()),
        number: fc.oneof(fc.string(), fc.constant("+14155550100")),
      }),
    );
    // Only data the schema refuses (a generated tenant like "a" with a real number is valid).
    const samples = fc
      .sample(bad, 30)
      .filter((d) => d !== undefined && !CheckJobDataSchema.safeParse(d).success);
    const jobs = await Promise.all(
      samples.map((data, i) => harness.tracker.queue.add(CHECK_JOB, data, { jobId: `bad-${i}` })),
    );
    await until(
      async () => (await harness.tracker.queue.getFailedCount()) === jobs.length,
      10_000,
      "rejections",
    );
    for (const job of await harness.tracker.queue.getFailed()) {
      expect(job.failedReason).toMatch(/^malformed check job: \S+: /);
    }
    // Still working: a valid number is checked.
    answer = [];
    clock = T0;
    const { stored } = await store.start("acme", startTracking("+14155550999", instant(0)), { dueAt: 0 });
    await until(
      async () => (await store.load("acme", "+14155550999"))!.version > stored.version,
      10_000,
      "a check",
    );
  });
});

describe("the compact record encoding", () => {
  const InstantArbitrary = fc
    .integer({ min: Date.parse("2020-01-01"), max: Date.parse("2035-01-01") })
    .map((ms) => new Date(ms).toISOString());
  const StateArbitrary = fc.constantFrom(...ProvisioningStateSchema.options);
  const RecordArbitrary = fc.record(
    {
      number: fc.constant("+14155550100"),
      state: StateArbitrary,
      since: InstantArbitrary,
      lastCheckedAt: InstantArbitrary,
      nextCheckAt: InstantArbitrary,
      transitions: fc.array(
        fc.record({ from: StateArbitrary, to: StateArbitrary, at: InstantArbitrary, cause: fc.string() }),
        { maxLength: 5 },
      ),
      provider: fc.string(),
      raw: fc.record({ provider: fc.string(), entity: fc.string(), value: fc.string() }),
      kind: fc.constantFrom("10dlc" as const, "toll-free" as const),
      stage: fc.constantFrom("brand" as const, "campaign" as const, "number" as const),
      lastObservedAt: InstantArbitrary,
      reasons: fc.array(fc.string(), { maxLength: 3 }),
      deadline: InstantArbitrary,
      flags: fc.array(fc.string(), { maxLength: 3 }),
      requestedAt: InstantArbitrary,
    },
    { requiredKeys: ["number", "state", "since", "transitions"] },
  );

  it("gives back exactly the record it was given", () => {
    fc.assert(
      fc.property(
        RecordArbitrary,
        fc.nat(),
        fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
        (record, version, userId) => {
          const stored = { version, record: record as ProvisioningRecord, ...(userId ? { userId } : {}) };
          expect(decodeRecord(record.number, encodeRecord(stored))).toEqual(stored);
        },
      ),
    );
  });

  it("reads records written before requestedAt was stored", () => {
    const old = JSON.stringify([
      3,
      3,
      Date.parse("2026-05-01T12:00:00Z"),
      null,
      null,
      "sandbox",
      null,
      2,
      null,
      null,
      null,
      null,
      null,
      [],
      "u1",
    ]);
    const { record, version, userId } = decodeRecord("+14155550100", old);
    expect({ version, userId, state: record.state, requestedAt: record.requestedAt }).toEqual({
      version: 3,
      userId: "u1",
      state: "AWAITING_NUMBER",
      requestedAt: undefined,
    });
  });

  it("refuses anything it did not write", () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        expect(() => decodeRecord("+14155550100", text)).toThrow();
      }),
    );
  });

  it("keeps a tracked number with three transitions small", () => {
    let record: ProvisioningRecord = startTracking("+14155550100", instant(0), { provider: "sandbox" });
    for (const [entity, value, at] of [
      ["number", "PENDING_ASSIGNMENT", 1],
      ["number", "ASSIGNED", 20],
      ["number", "FAILED_UNASSIGNMENT", 30],
    ] as const) {
      record = observeProviderStatus(
        record,
        { provider: "telnyx", entity, value, observedAt: instant(at * HOUR) },
        instant(at * HOUR),
      ).record;
    }
    expect(record.transitions).toHaveLength(3);
    expect(encodeRecord({ version: 7, record }).length).toBeLessThan(JSON.stringify(record).length / 2);
  });
});
