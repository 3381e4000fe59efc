import type { UserSnapshot } from "@sms-doctor/core";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildStatusApi } from "../src/api/status-api.js";
import { sha256Hex } from "../src/config.js";
import { SharedHistory } from "../src/history/shared-history.js";
import { CircuitBreaker } from "../src/providers/circuit-breaker.js";
import { ProviderError } from "../src/providers/provider-adapter.js";
import { producerConnection, type RedisClient, whenReady } from "../src/redis/connections.js";
import { TrackingStore } from "../src/tracking/tracking-store.js";
import { dropPrefix, uniquePrefix, useRedisServer } from "./support/redis.js";

const redis = useRedisServer();
const TOKEN = "acme-token-0123456789";
const prefix = uniquePrefix();
let connection: RedisClient;
let app: FastifyInstance;
let history: SharedHistory;

beforeAll(async () => {
  connection = producerConnection(redis.url());
  await whenReady(connection);
  app = await buildStatusApi({
    store: new TrackingStore(connection, { prefix }),
    redis: connection,
    tokens: [{ tenant: "acme", sha256: sha256Hex(TOKEN) }],
    rateLimitPerMinute: 100_000,
    provider: "sandbox",
  });
  history = new SharedHistory(connection, { prefix });
});
afterAll(async () => {
  await app.close();
  connection.disconnect();
  await dropPrefix(redis.url(), prefix);
});

const snapshotAt = (userId: string, observedAt: string, enabled: boolean): UserSnapshot => ({
  userId,
  observedAt,
  license: "X Series - X4",
  phoneNumber: "+1 (415) 555-0142",
  sms: enabled
    ? { number: "+14155550142", enabled: true, status: "enabled" }
    : { number: null, enabled: false, status: "disabled" },
});

const observe = (snapshot: UserSnapshot) =>
  app.inject({
    method: "POST",
    url: "/v1/observations",
    headers: { authorization: `Bearer ${TOKEN}` },
    payload: { snapshot },
  });

describe("the shared history", () => {
  it("answers an observation with the user's history oldest first, as GET /v1/users/:id/history lists it", async () => {
    await observe(snapshotAt("u1", "2026-05-01T10:00:00Z", false));
    const reply = await observe(snapshotAt("u1", "2026-05-01T12:00:00Z", true));
    expect(reply.statusCode).toBe(200);
    const listed = await app.inject({
      method: "GET",
      url: "/v1/users/u1/history",
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(reply.json().history).toEqual(listed.json().items);
    expect(reply.json().history.map((s: UserSnapshot) => s.observedAt)).toEqual([
      "2026-05-01T10:00:00Z",
      "2026-05-01T12:00:00Z",
    ]);
  });

  it("keeps one verdict rule for both writers: an older snapshot, from a console or a sync, leaves the badge alone", async () => {
    const newest = await observe(snapshotAt("u2", "2026-05-02T12:00:00Z", true));
    const verdict = newest.json().diagnosis.verdict;
    // A late console snapshot, older than the newest one.
    const late = await observe(snapshotAt("u2", "2026-05-02T08:00:00Z", false));
    expect(late.json().diagnosis.verdict).not.toBe(verdict);
    expect(await history.verdicts("acme", ["u2"])).toEqual({ u2: verdict });

    // The directory sync's writer: a snapshot older than the newest is stored, the badge stays.
    const synced = snapshotAt("u2", "2026-05-02T09:00:00Z", false);
    const earlier = (await history.read("acme", "u2")).snapshots;
    const multi = connection.multi();
    history.appendTo(multi, "acme", synced);
    history.recordVerdictsTo(multi, "acme", [
      { snapshot: synced, history: [synced, ...earlier], verdict: late.json().diagnosis.verdict },
    ]);
    await multi.exec();
    expect((await history.read("acme", "u2")).snapshots).toHaveLength(3);
    expect(await history.verdicts("acme", ["u2"])).toEqual({ u2: verdict });
  });
});

describe("a provider's circuit", () => {
  it("closes again when a call that started before it opened gets its answer", async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, openMs: 60_000 });
    let answer!: (value: string) => void;
    const slow = breaker.run(() => new Promise<string>((resolve) => (answer = resolve)));
    const fail = () =>
      breaker.run(async () => {
        throw new ProviderError("unavailable", "503");
      });
    await expect(fail()).rejects.toThrow("503");
    await expect(fail()).rejects.toThrow("503");
    expect(breaker.state).toBe("open");
    await expect(fail()).rejects.toMatchObject({ kind: "circuit-open" });
    answer("ok");
    expect(await slow).toBe("ok");
    expect(breaker.state).toBe("closed");
  });
});
