// The console as the source of provisioning status (8x8 customers without a carrier account): real Redis, the
// real status API over HTTP, the real tracker with the `console` provider on a fast clock.
import type { FindingAlert } from "@sms-doctor/contracts";
import type { SmsStatus } from "@sms-doctor/core";
import { startSandbox } from "@sms-doctor/sandbox";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { buildStatusApi } from "../src/api/status-api.js";
import { sha256Hex } from "../src/config.js";
import { createTelnyxAdapter } from "../src/providers/telnyx-adapter.js";
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

  it("asks for a number no console has shown for 12 hours to be read again, and stops once one has", async () => {
    const start = Date.parse("2026-12-01T09:00:00Z");
    let now = start;
    const clock = { now: () => now, realMsUntil: () => 0 };
    const { call } = await setup(clock);
    const path = `/v1/numbers/${encodeURIComponent(NUMBER)}`;
    expect((await call("POST", "/v1/observations", { snapshot: user(start, "pending") })).status).toBe(200);
    now = start + 12 * HOUR - 1;
    expect((await call("GET", path)).body.wantsReRead).toBeUndefined();
    now = start + 12 * HOUR;
    expect((await call("GET", path)).body).toMatchObject({ state: "AWAITING_NUMBER", wantsReRead: true });
    const listed = await call("GET", "/v1/numbers");
    expect(listed.body.items).toEqual([expect.objectContaining({ number: NUMBER, wantsReRead: true })]);
    // An administrator opens the page again: still Pending, but seen, so nothing more is asked.
    now = start + 13 * HOUR;
    expect((await call("POST", "/v1/observations", { snapshot: user(now, "pending") })).status).toBe(200);
    const seen = await call("GET", path);
    expect(seen.body).toMatchObject({ state: "AWAITING_NUMBER", lastObservedAt: iso(now) });
    expect(seen.body.wantsReRead).toBeUndefined();
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

  it("follows a number through the SMS page alone (no user's page): Pending tracked, Enabled applied, bad input named", async () => {
    const start = Date.parse("2026-12-01T09:00:00Z");
    let now = start;
    const clock = { now: () => now, realMsUntil: () => 0 };
    const { call } = await setup(clock);

    const pending = await call("POST", "/v1/observations/registration", {
      company: company(start, "pending"),
    });
    expect(pending).toEqual({ status: 200, body: { started: 1, transitions: 1 } });
    let view = await call("GET", `/v1/numbers/${encodeURIComponent(NUMBER)}`);
    expect(view.body).toMatchObject({ state: "AWAITING_NUMBER", provider: "console" });

    now = start + 2 * HOUR;
    const enabled = await call("POST", "/v1/observations/registration", {
      company: company(start + 2 * HOUR, "enabled"),
    });
    expect(enabled).toEqual({ status: 200, body: { started: 0, transitions: 1 } });
    view = await call("GET", `/v1/numbers/${encodeURIComponent(NUMBER)}`);
    expect(view.body.state).toBe("ACTIVE");

    // The same page posted again changes nothing; a body without its registration is refused, naming it.
    expect(
      (await call("POST", "/v1/observations/registration", { company: company(start + 2 * HOUR, "enabled") }))
        .body,
    ).toEqual({
      started: 0,
      transitions: 0,
    });
    const bad = await call("POST", "/v1/observations/registration", { snapshot: user(start, "pending") });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/company|snapshot/);
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

describe("console and carrier disagree (sms-sync-issue)", () => {
  it("the carrier simulator says unassigned, the console says Enabled: the finding, and one alert with a support request", async () => {
    const sandbox = await startSandbox({
      scenario: "verification-pending",
      speed: 3600,
      carrierApiKey: "carrier-key",
    });
    cleanups.push(() => sandbox.close());
    // The carrier has the number pending assignment for a long while (a week), whatever the console shows.
    const registered = await fetch(`${sandbox.carrierUrl}/_control/numbers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ phoneNumbers: [NUMBER], afterHours: 24 * 7 }),
    });
    expect(registered.status).toBe(201);
    const clock = {
      now: () => sandbox.world.clock.now(),
      realMsUntil: (at: number) => sandbox.world.clock.realDelayUntil(at),
    };
    const prefix = uniquePrefix();
    const connection = producerConnection(redis.url());
    await whenReady(connection);
    const store = new TrackingStore(connection, { prefix });
    // This tenant follows its numbers through its carrier (the simulator speaking Telnyx).
    const source = new ConsoleSource({ store, providerOf: () => "sandbox", now: () => clock.now() });
    const app = await buildStatusApi({
      store,
      redis: connection,
      tokens: [{ tenant: "acme", sha256: sha256Hex(TOKEN) }],
      rateLimitPerMinute: 100_000,
      provider: "sandbox",
      consoleSource: source,
      now: () => clock.now(),
    });
    const url = await app.listen({ host: "127.0.0.1", port: 0 });
    const adapter = createTelnyxAdapter({
      name: "sandbox",
      baseUrl: `${sandbox.carrierUrl}/v2`,
      apiKey: "carrier-key",
    });
    const harness = await startTracker(redis.url(), prefix, adapter, { clock });
    cleanups.push(async () => {
      await harness.close();
      await app.close();
      connection.disconnect();
      await dropPrefix(redis.url(), prefix);
    });
    const post = async (body: unknown) =>
      (await fetch(`${url}/v1/observations`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then((r) => r.json())) as { diagnosis: { findings: { ruleId: string; messageId: string }[] } };

    // The SMS page lists it Pending: tracked through the carrier, which the tracker asks.
    await post({ snapshot: user(clock.now(), "pending"), company: company(clock.now(), "pending") });
    await until(
      async () => (await store.load("acme", NUMBER))?.record.raw?.value === "PENDING_ASSIGNMENT",
      20_000,
      "checked at the carrier",
    );
    // The console now shows Enabled (posted by two admins), while the carrier still has it pending.
    const first = await post({ snapshot: user(clock.now(), "enabled") });
    const second = await post({ snapshot: user(clock.now(), "enabled") });
    for (const reply of [first, second]) {
      expect(reply.diagnosis.findings.map((f) => `${f.ruleId}:${f.messageId}`)).toContain(
        "sms-sync-issue:enabledButUnassigned",
      );
    }
    const findings = (await fetch(`${url}/v1/findings`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    }).then((r) => r.json())) as { items: FindingAlert[] };
    const sync = findings.items.filter((a) => a.finding.ruleId === "sms-sync-issue");
    expect(sync).toHaveLength(1);
    expect(sync[0]).toMatchObject({ number: NUMBER, userId: "u1" });
    expect(sync[0]!.steps.join("\n")).toContain("SMS Disabled and Save");
    expect(sync[0]!.supportRequest!.body).toContain("other than the carrier shows it");
    // The record still follows the carrier: the console's Enabled changed nothing there.
    expect((await store.load("acme", NUMBER))!.record.state).toBe("AWAITING_NUMBER");
  });
});
