// The console as the source of provisioning status (8x8 customers without a carrier account): real Redis, the
// real status API over HTTP, the real tracker with the `console` provider on a fast clock.
import type { FindingAlert, SmsStatus } from "@sms-doctor/core";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { buildStatusApi } from "../src/api/status-api.js";
import { sha256Hex } from "../src/config.js";
import { producerConnection, whenReady } from "../src/redis/connections.js";
import {
  ConsoleSource,
  consoleObservationsOf,
  createConsoleProvider,
} from "../src/tracking/console-provider.js";
import { fastClock, type TrackerClock } from "../src/tracking/tracker-clock.js";
import { TrackingStore } from "../src/tracking/tracking-store.js";
import { dropPrefix, uniquePrefix, until, useRedisServer } from "./support/redis.js";
import { startTracker } from "./support/tracker-harness.js";

const redis = useRedisServer();
const TOKEN = "acme-token-0123456789";
const NUMBER = "+14155550100";
const HOUR = 3_600_000;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(clock: TrackerClock, options: { tracker?: boolean } = {}) {
  const prefix = uniquePrefix();
  const connection = producerConnection(redis.url());
  await whenReady(connection);
  const store = new TrackingStore(connection, { prefix });
  const source = new ConsoleSource({ store, providerOf: () => "console", now: () => clock.now() });
  const app: FastifyInstance = await buildStatusApi({
    store,
    redis: connection,
    tokens: [{ tenant: "acme", sha256: sha256Hex(TOKEN) }],
    rateLimitPerMinute: 100_000,
    provider: "console",
    consoleSource: source,
    now: () => clock.now(),
  });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  const harness = options.tracker
    ? await startTracker(redis.url(), prefix, createConsoleProvider(), {
        clock,
        afterCommit: (tenant, record, userId, at) => source.afterCommit(tenant, record, userId, at),
      })
    : undefined;
  cleanups.push(async () => {
    await harness?.close();
    await app.close();
    connection.disconnect();
    await dropPrefix(redis.url(), prefix);
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { store, connection, call, prefix };
}

const iso = (ms: number) => new Date(ms).toISOString();
const company = (observedAt: number, status: string, number = "(415) 555-0100") => ({
  observedAt: iso(observedAt),
  brand: { status: "verified" },
  campaign: { status: "verified", errors: [] },
  enabledNumbers: [{ number, status }],
});
const user = (observedAt: number, status: SmsStatus, enabled = true) => ({
  userId: "u1",
  observedAt: iso(observedAt),
  license: "X Series - X4",
  phoneNumber: "(415) 555-0100",
  sms: { number: "(415) 555-0100", enabled, status },
});

describe("the console provider", () => {
  it("reads each number's status from both pages, leaving out what says nothing about provisioning", () => {
    const at = Date.parse("2026-12-01T00:00:00Z");
    const seen = consoleObservationsOf(user(at, "pending", false), {
      ...company(at, "enabled"),
      enabledNumbers: [
        { number: "(415) 555-0100", status: "enabled" },
        { number: "(415) 555-0101", status: "disabling-failed" },
        { number: "+44 20 7946 0018", status: "pending" },
        { number: "(415) 555-0102", status: null },
      ],
    } as never);
    expect(seen).toEqual([{ number: NUMBER, status: "enabled", observedAt: iso(at) }]);
  });

  it("follows a number Pending → Enabled through console observations only: stale ignored, one transition per change", async () => {
    const start = Date.parse("2026-12-01T09:00:00Z");
    let now = start;
    const clock = { now: () => now, realMsUntil: () => 0 };
    const { call, store, connection } = await setup(clock);

    // The SMS page lists the number Pending: it is tracked at once, by the console provider.
    const first = await call("POST", "/v1/observations", {
      snapshot: user(start, "pending"),
      company: company(start, "pending"),
    });
    expect(first.status).toBe(200);
    let view = await call("GET", `/v1/numbers/${encodeURIComponent(NUMBER)}`);
    expect(view.body).toMatchObject({ state: "AWAITING_NUMBER", provider: "console", userId: "u1" });
    expect(view.body.expectedRemaining).toBeDefined();

    // Another admin posts the same Pending later: no second transition.
    now = start + HOUR;
    await call("POST", "/v1/observations", {
      snapshot: user(start + HOUR, "pending"),
      company: company(start + HOUR, "pending"),
    });
    // The console shows Enabled.
    now = start + 3 * HOUR;
    await call("POST", "/v1/observations", { snapshot: user(start + 3 * HOUR, "enabled") });
    // A late post of an older page (Pending, observed before the Enabled one) changes nothing.
    now = start + 4 * HOUR;
    await call("POST", "/v1/observations", {
      snapshot: user(start + 2 * HOUR, "pending"),
      company: company(start + 2 * HOUR, "pending"),
    });

    view = await call("GET", `/v1/numbers/${encodeURIComponent(NUMBER)}`);
    expect(view.body.state).toBe("ACTIVE");
    expect((view.body.transitions as { from: string; to: string }[]).map((t) => `${t.from}>${t.to}`)).toEqual(
      ["REQUESTED>AWAITING_NUMBER", "AWAITING_NUMBER>ACTIVE"],
    );
    expect(view.body.raw).toEqual({ provider: "console", entity: "number", value: "enabled" });
    // The same transition stream as carrier checks, each transition once.
    const events = (await connection.xrange(store.keys.transitions, "-", "+")).map(([, f]) =>
      JSON.parse(f[1]!),
    );
    expect(events.map((e) => e.transition.to)).toEqual(["AWAITING_NUMBER", "ACTIVE"]);
  });

  it("Enabling Failed: ACTION_REQUIRED and one alert with a support request, however often it is posted", async () => {
    const start = Date.parse("2026-12-01T09:00:00Z");
    let now = start;
    const clock = { now: () => now, realMsUntil: () => 0 };
    const { call } = await setup(clock);
    await call("POST", "/v1/observations", { snapshot: user(start, "pending") });
    for (let i = 1; i <= 3; i++) {
      now = start + i * HOUR;
      await call("POST", "/v1/observations", { snapshot: user(now, "enabling-failed") });
    }
    const view = await call("GET", `/v1/numbers/${encodeURIComponent(NUMBER)}`);
    expect(view.body).toMatchObject({ state: "ACTION_REQUIRED", reasons: ["Enabling Failed"] });
    const findings = await call("GET", "/v1/findings");
    const items = findings.body.items as FindingAlert[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ number: NUMBER, userId: "u1", verdict: "cannot-send" });
    expect(items[0]!.finding).toMatchObject({ ruleId: "verification-pending", messageId: "actionRequired" });
    expect(items[0]!.supportRequest!.to).toBe("8x8 support");
    expect(items[0]!.supportRequest!.body).toContain(`Number: ${NUMBER}`);
    expect(items[0]!.supportRequest!.body).toContain("Enabling Failed");
  });

  it("a number Pending past 48 simulated hours stalls between observations: one alert, not one per check", async () => {
    // 48 simulated hours in about two real seconds; the tracker keeps checking every few simulated hours after.
    const clock = fastClock(100_000);
    const { call, connection, store, prefix } = await setup(clock, { tracker: true });
    const start = clock.now();
    await call("POST", "/v1/observations", {
      snapshot: user(start, "pending"),
      company: company(start, "pending"),
    });
    await until(
      async () => (await store.load("acme", NUMBER))?.record.state === "STALLED",
      30_000,
      "STALLED",
    );
    // Let the tracker check the stalled number several more times (every 6 simulated hours).
    const stalledAt = clock.now();
    await until(() => clock.now() > stalledAt + 48 * HOUR, 10_000, "48 more hours");
    const { record } = (await store.load("acme", NUMBER))!;
    expect(Date.parse(record.lastCheckedAt!)).toBeGreaterThan(stalledAt + 24 * HOUR);
    expect(record.transitions.map((t) => t.to)).toEqual(["AWAITING_NUMBER", "STALLED"]);
    const items = (await call("GET", "/v1/findings")).body.items as FindingAlert[];
    expect(items).toHaveLength(1);
    expect(items[0]!.finding).toMatchObject({ ruleId: "verification-pending", messageId: "stalled" });
    expect(items[0]!.supportRequest!.subject).toContain("STALLED");
    expect(items[0]!.supportRequest!.body).toMatch(/longer than the 2 days/);
    // The webhook outbox got the alert once too (besides the two transitions).
    const outbox = (await connection.xrange(`${prefix}:transitions`, "-", "+")).map(([, f]) =>
      JSON.parse(f[1]!),
    );
    expect(outbox.filter((e) => e.type === "finding.new")).toHaveLength(1);
  });
});
