// One tenant, one address or one slow client cannot hurt the others: quotas and rate limits with bodies
// naming the limit, bad cursors and instants as 4xx, one user-id limit, user ids such as "__proto__" kept
// like any other. Real Redis, real HTTP where a socket matters.
import { connect } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RateLimits, TenantQuotas } from "../src/api/api-limits.js";
import { buildStatusApi } from "../src/api/status-api.js";
import { sha256Hex } from "../src/config.js";
import { historyKeys } from "../src/history/shared-history.js";
import { producerConnection, type RedisClient, whenReady } from "../src/redis/connections.js";
import { TrackingStore } from "../src/tracking/tracking-store.js";
import { dropPrefix, uniquePrefix, useRedisServer } from "./support/redis.js";

const redis = useRedisServer();
const ACME = "acme-token-0123456789";
const GLOBEX = "globex-token-0123456789";
const auth = (token = ACME) => ({ authorization: `Bearer ${token}` });

let connection: RedisClient;
const prefixes: string[] = [];
const apps: FastifyInstance[] = [];

async function api(
  options: {
    quotas?: Partial<TenantQuotas>;
    rateLimits?: Partial<RateLimits>;
    requestTimeoutMs?: number;
  } = {},
) {
  const prefix = uniquePrefix();
  prefixes.push(prefix);
  const app = await buildStatusApi({
    store: new TrackingStore(connection, { prefix }),
    redis: connection,
    tokens: [
      { tenant: "acme", sha256: sha256Hex(ACME) },
      { tenant: "globex", sha256: sha256Hex(GLOBEX) },
    ],
    provider: "sandbox",
    rateLimits: { perTenantPerMinute: 100_000, perAddressPerMinute: 100_000, ...options.rateLimits },
    ...(options.quotas ? { quotas: options.quotas } : {}),
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
  });
  apps.push(app);
  return { app, store: new TrackingStore(connection, { prefix }) };
}

beforeAll(async () => {
  connection = producerConnection(redis.url());
  await whenReady(connection);
});
afterAll(async () => {
  for (const app of apps) await app.close();
  connection.disconnect();
  for (const prefix of prefixes) await dropPrefix(redis.url(), prefix);
});

const snapshot = (userId: string, extra: Record<string, unknown> = {}) => ({
  userId,
  observedAt: "2026-05-01T12:00:00Z",
  license: "X Series - X4",
  phoneNumber: "+1 (415) 555-0142",
  sms: { number: "+14155550142", enabled: true, status: "enabled" },
  ...extra,
});
const registration = (numbers: number) => ({
  observedAt: "2026-05-01T11:00:00Z",
  brand: { status: "verified" },
  campaign: { status: "verified", errors: [] },
  enabledNumbers: Array.from({ length: numbers }, (_, i) => ({
    number: `+1617555${String(i % 10_000).padStart(4, "0")}`,
    status: "enabled",
  })),
});

describe("bad input is a 4xx naming the field, never a 500", () => {
  it.each([
    ["/v1/numbers?cursor=18446744073709551616", "cursor"],
    ["/v1/numbers?state=AWAITING_NUMBER&cursor=99999999999999999999999", "cursor"],
    ["/v1/findings?since=1969-12-31T23:59:59Z", "since"],
    ["/v1/findings?since=0000-01-01T00:00:00Z", "since"],
  ])("GET %s → 400 naming %s", async (url, field) => {
    const { app } = await api();
    const response = await app.inject({ method: "GET", url, headers: auth() });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe(field);
  });

  it("refuses an enabledAt past year 9999, which would come back as a six-digit year", async () => {
    const { app } = await api();
    const response = await app.inject({
      method: "POST",
      url: "/v1/numbers",
      headers: auth(),
      payload: { number: "+14155550100", enabledAt: "9999-12-31T23:59:59-23:59" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe("enabledAt");
  });

  it("refuses a snapshot with a megabyte license naming the field, before it reaches any memo", async () => {
    const { app } = await api();
    const response = await app.inject({
      method: "POST",
      url: "/v1/observations",
      headers: auth(),
      payload: { snapshot: snapshot("u1", { license: "X".repeat(1024 * 1024) }) },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe("snapshot.license");
  });
});

describe("user ids", () => {
  it("have one length limit everywhere: a 128-character id is stored and read back, a 129-character one is a 400", async () => {
    const { app } = await api();
    const longest = "u".repeat(128);
    const stored = await app.inject({
      method: "POST",
      url: "/v1/observations",
      headers: auth(),
      payload: { snapshot: snapshot(longest) },
    });
    expect(stored.statusCode).toBe(200);
    for (const path of ["history", "diagnosis"]) {
      const read = await app.inject({ method: "GET", url: `/v1/users/${longest}/${path}`, headers: auth() });
      expect(read.statusCode, path).toBe(200);
      const tooLong = await app.inject({
        method: "GET",
        url: `/v1/users/${longest}u/${path}`,
        headers: auth(),
      });
      expect(tooLong.statusCode, path).toBe(400);
      expect(tooLong.json().error.field).toBe("userId");
    }
  });

  it('keep a user "__proto__" like any other: its verdict is listed', async () => {
    const { app } = await api();
    for (const userId of ["__proto__", "u1"]) {
      const posted = await app.inject({
        method: "POST",
        url: "/v1/observations",
        headers: auth(),
        payload: { snapshot: snapshot(userId) },
      });
      expect(posted.statusCode).toBe(200);
    }
    const response = await app.inject({
      method: "GET",
      url: "/v1/users/verdicts?userIds=__proto__,u1",
      headers: auth(),
    });
    expect(response.statusCode).toBe(200);
    const { verdicts } = JSON.parse(response.body);
    expect(Object.hasOwn(verdicts, "__proto__")).toBe(true);
    const proto = Object.getOwnPropertyDescriptor(verdicts, "__proto__")?.value;
    expect(proto).toEqual(expect.any(String));
    expect(proto).toBe(verdicts.u1);
  });
});

describe("per-tenant quotas", () => {
  it("bounds the users with history: a new user over the quota is a 429 naming it, known users and other tenants go on", async () => {
    const { app } = await api({ quotas: { usersWithHistory: 2 } });
    const observe = (userId: string, token = ACME) =>
      app.inject({
        method: "POST",
        url: "/v1/observations",
        headers: auth(token),
        payload: { snapshot: snapshot(userId) },
      });
    expect((await observe("a")).statusCode).toBe(200);
    expect((await observe("b")).statusCode).toBe(200);
    const refused = await observe("c");
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: "quota-exceeded", limit: "users-with-history" });
    expect(refused.json().error.message).toContain("2");
    expect((await observe("a")).statusCode).toBe(200);
    expect((await observe("c", GLOBEX)).statusCode).toBe(200);
  });

  it("bounds the tracked numbers: a new number over the quota is a 429 naming it; tracking a known one again is fine", async () => {
    const { app } = await api({ quotas: { trackedNumbers: 2 } });
    const track = (number: string, token = ACME) =>
      app.inject({ method: "POST", url: "/v1/numbers", headers: auth(token), payload: { number } });
    expect((await track("+14155550101")).statusCode).toBe(202);
    expect((await track("+14155550102")).statusCode).toBe(202);
    const refused = await track("+14155550103");
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: "quota-exceeded", limit: "tracked-numbers" });
    expect((await track("+14155550101")).statusCode).toBe(202);
    expect((await track("+14155550103", GLOBEX)).statusCode).toBe(202);
  });

  it("bounds the registration and the body with 413s naming the limit", async () => {
    const { app } = await api({ quotas: { registrationBytes: 4096 } });
    const big = await app.inject({
      method: "POST",
      url: "/v1/observations",
      headers: auth(),
      payload: { snapshot: snapshot("u1"), company: registration(200) },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatchObject({
      code: "quota-exceeded",
      limit: "registration-bytes",
      field: "company",
    });
    const huge = await app.inject({
      method: "POST",
      url: "/v1/observations",
      headers: auth(),
      payload: { snapshot: snapshot("u1"), company: registration(20_000) },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toMatchObject({ code: "quota-exceeded", limit: "body-bytes" });
    const small = await app.inject({
      method: "POST",
      url: "/v1/observations",
      headers: auth(),
      payload: { snapshot: snapshot("u1"), company: registration(20) },
    });
    expect(small.statusCode).toBe(200);
  });

  it("keeps the registration parsed: diagnoses do not read it from Redis again until it changes", async () => {
    const { app, store } = await api();
    const posted = await app.inject({
      method: "POST",
      url: "/v1/observations",
      headers: auth(),
      payload: { snapshot: snapshot("u1"), company: registration(10_000) },
    });
    expect(posted.statusCode).toBe(200);
    // OBJECT IDLETIME counts the seconds since a key was last read or written.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    for (let i = 0; i < 5; i++) {
      const diagnosed = await app.inject({ method: "GET", url: "/v1/users/u1/diagnosis", headers: auth() });
      expect(diagnosed.statusCode).toBe(200);
    }
    expect(
      Number(await connection.object("IDLETIME", historyKeys(store.keys.prefix).company("acme"))),
    ).toBeGreaterThanOrEqual(2);
  });
});

describe("rate limits", () => {
  it("limit wrong tokens per address, apart from the tenants' own limits", async () => {
    const { app } = await api({ rateLimits: { failedAuthPerAddressPerMinute: 3 } });
    const codes = [];
    for (let i = 0; i < 4; i++)
      codes.push(
        (await app.inject({ method: "GET", url: "/v1/numbers", headers: auth(`wrong-${i}-0123456789`) }))
          .statusCode,
      );
    expect(codes).toEqual([401, 401, 401, 429]);
    const refused = await app.inject({ method: "GET", url: "/v1/numbers" });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: "rate-limited", limit: "failed-auth" });
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    // Another address is not affected, nor is a tenant with a valid token from the same address.
    expect(
      (
        await app.inject({
          method: "GET",
          url: "/v1/numbers",
          headers: auth("wrong-0123456789"),
          remoteAddress: "10.0.0.2",
        })
      ).statusCode,
    ).toBe(401);
    expect((await app.inject({ method: "GET", url: "/v1/numbers", headers: auth() })).statusCode).toBe(200);
  });

  it("limit /readyz and provider webhooks per address", async () => {
    const { app } = await api({ rateLimits: { perAddressPerMinute: 2 } });
    const ready = [];
    for (let i = 0; i < 3; i++) ready.push((await app.inject({ method: "GET", url: "/readyz" })).statusCode);
    expect(ready).toEqual([200, 200, 429]);
    const webhook = await app.inject({ method: "POST", url: "/v1/webhooks/sandbox", payload: {} });
    expect(webhook.statusCode).toBe(429);
    expect(webhook.json().error.limit).toBe("address-requests");
    expect((await app.inject({ method: "GET", url: "/readyz", remoteAddress: "10.0.0.3" })).statusCode).toBe(
      200,
    );
  });

  it("limit a tenant before its body is read: a megabyte of bad JSON over the limit is a 429, not a 400", async () => {
    const { app } = await api({ rateLimits: { perTenantPerMinute: 1 } });
    const first = await app.inject({ method: "GET", url: "/v1/numbers", headers: auth() });
    expect(first.statusCode).toBe(200);
    const flood = await app.inject({
      method: "POST",
      url: "/v1/observations",
      headers: { ...auth(), "content-type": "application/json" },
      payload: `{${"x".repeat(1024 * 1024)}`,
    });
    expect(flood.statusCode).toBe(429);
    expect(flood.json().error).toMatchObject({ code: "rate-limited", limit: "tenant-requests" });
    expect((await app.inject({ method: "GET", url: "/v1/numbers", headers: auth(GLOBEX) })).statusCode).toBe(
      200,
    );
  });
});

describe("observations in flight", () => {
  it("are read two at a time per tenant; past 64 waiting a tenant's next one is a 429, other tenants go on", async () => {
    const { app } = await api();
    const url = await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as { port: number };
    const sockets = Array.from({ length: 2 + 64 }, () => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.write(
          `POST /v1/observations HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${ACME}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{`,
        );
      });
      socket.on("error", () => {});
      return socket;
    });
    try {
      const post = (token: string) =>
        fetch(`${url}/v1/observations`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ snapshot: snapshot("u1") }),
        });
      let refused: Response | undefined;
      for (let attempt = 0; attempt < 50 && refused?.status !== 429; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        refused = await Promise.race([
          post(ACME),
          new Promise<Response>((resolve) =>
            setTimeout(() => resolve(new Response(null, { status: 599 })), 300),
          ),
        ]);
      }
      expect(refused?.status).toBe(429);
      expect(((await refused!.json()) as { error: unknown }).error).toMatchObject({
        code: "quota-exceeded",
        limit: "observations-in-flight",
      });
      expect((await post(GLOBEX)).status).toBe(200);
      // The waiting and reading ones give up: every turn they held or waited for is free again.
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const after = await Promise.all([post(ACME), post(ACME), post(ACME)]);
      expect(after.map((r) => r.status)).toEqual([200, 200, 200]);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });
});

describe("slow clients", () => {
  it("are cut off when their request does not arrive within the request timeout", async () => {
    const { app } = await api({ requestTimeoutMs: 1000 });
    await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as { port: number };
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.write(
          `POST /v1/numbers HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${ACME}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{`,
        );
      });
      let text = "";
      socket.on("data", (chunk) => {
        text += chunk;
      });
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
      setTimeout(() => reject(new Error("the connection is still open after 10 s")), 10_000).unref();
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
