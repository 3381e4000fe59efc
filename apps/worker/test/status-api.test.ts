import { createHmac, generateKeyPairSync, sign } from "node:crypto";
import { DiagnosisResponseSchema } from "@sms-doctor/contracts";
import { startTracking } from "@sms-doctor/core";
import { Queue } from "bullmq";
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { buildStatusApi } from "../src/api/status-api.js";
import { sha256Hex } from "../src/config.js";
import { WorkerMetrics } from "../src/metrics.js";
import { producerConnection, type RedisClient, whenReady } from "../src/redis/connections.js";
import { RedisServerProcess } from "../src/redis/redis-server-process.js";
import { TrackingStore } from "../src/tracking/tracking-store.js";
import { dropPrefix, uniquePrefix, useRedisServer } from "./support/redis.js";

const redis = useRedisServer();
const ACME = "acme-token-0123456789";
const GLOBEX = "globex-token-0123456789";
const ADMIN = "admin-token-0123456789";
const ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";
const WEBHOOK_SECRET = "carrier-webhook-secret";
// Telnyx signs its webhooks with Ed25519; its portal shows the raw public key in base64.
const telnyxKeys = generateKeyPairSync("ed25519");
const TELNYX_PUBLIC_KEY = telnyxKeys.publicKey
  .export({ format: "der", type: "spki" })
  .subarray(12)
  .toString("base64");

let app: FastifyInstance;
let connection: RedisClient;
let store: TrackingStore;
let queue: Queue;
const prefix = uniquePrefix();
/** The API's clock: real time, unless a test holds it still (a diagnosis's elapsed time follows it). */
let heldAt: number | undefined;

async function api(options: { rateLimitPerMinute?: number; connection?: RedisClient; prefix?: string } = {}) {
  const conn = options.connection ?? connection;
  const s = new TrackingStore(conn, { prefix: options.prefix ?? prefix });
  return await buildStatusApi({
    store: s,
    redis: conn,
    tokens: [
      { tenant: "acme", sha256: sha256Hex(ACME) },
      { tenant: "globex", sha256: sha256Hex(GLOBEX) },
    ],
    adminTokenSha256: sha256Hex(ADMIN),
    corsOrigins: [ORIGIN],
    rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000,
    provider: "sandbox",
    providerWebhookKeys: { sandbox: { secret: WEBHOOK_SECRET }, telnyx: { publicKey: TELNYX_PUBLIC_KEY } },
    metrics: new WorkerMetrics(),
    now: () => heldAt ?? Date.now(),
    ...(options.connection ? {} : { queue }),
  });
}

beforeAll(async () => {
  connection = producerConnection(redis.url());
  await whenReady(connection);
  store = new TrackingStore(connection, { prefix });
  queue = new Queue("provisioning", { connection, prefix });
  app = await api();
});
afterAll(async () => {
  await app.close();
  await queue.close();
  connection.disconnect();
  await dropPrefix(redis.url(), prefix);
});

const auth = (token = ACME) => ({ authorization: `Bearer ${token}` });

describe("the numbers API", () => {
  it("tracks a number idempotently and shows it with its expected wait", async () => {
    const first = await app.inject({
      method: "POST",
      url: "/v1/numbers",
      headers: auth(),
      payload: { number: "(415) 555-0100", userId: "u1" },
    });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({
      number: "+14155550100",
      state: "REQUESTED",
      userId: "u1",
      stalled: false,
      transitions: [],
    });
    expect(first.json().expectedRemaining).toEqual({ typical: expect.any(String), max: expect.any(String) });
    const again = await app.inject({
      method: "POST",
      url: "/v1/numbers",
      headers: auth(),
      payload: { number: "+14155550100" },
    });
    expect(again.statusCode).toBe(202);
    expect(again.json().since).toBe(first.json().since);
    const shown = await app.inject({ method: "GET", url: "/v1/numbers/+14155550100", headers: auth() });
    expect(shown.statusCode).toBe(200);
    expect(shown.json().number).toBe("+14155550100");
  });

  it("never lets one tenant read or cancel another tenant's number", async () => {
    await app.inject({
      method: "POST",
      url: "/v1/numbers",
      headers: auth(),
      payload: { number: "+14155550111" },
    });
    const read = await app.inject({ method: "GET", url: "/v1/numbers/+14155550111", headers: auth(GLOBEX) });
    expect(read.statusCode).toBe(404);
    const cancel = await app.inject({
      method: "DELETE",
      url: "/v1/numbers/+14155550111",
      headers: auth(GLOBEX),
    });
    expect(cancel.statusCode).toBe(404);
    const list = await app.inject({ method: "GET", url: "/v1/numbers", headers: auth(GLOBEX) });
    expect(list.json().items.map((i: { number: string }) => i.number)).not.toContain("+14155550111");
    expect((await store.load("acme", "+14155550111"))!.record.state).toBe("REQUESTED");
  });

  it("cancels a number, and lists numbers by state page by page", async () => {
    for (let i = 0; i < 12; i++) {
      await app.inject({
        method: "POST",
        url: "/v1/numbers",
        headers: auth(GLOBEX),
        payload: { number: `+1646555${String(1000 + i)}` },
      });
    }
    const cancelled = await app.inject({
      method: "DELETE",
      url: "/v1/numbers/+16465551000",
      headers: auth(GLOBEX),
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().state).toBe("CANCELLED");
    expect(cancelled.json().transitions.at(-1)).toMatchObject({ from: "REQUESTED", to: "CANCELLED" });
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await app.inject({
        method: "GET",
        url: `/v1/numbers?state=REQUESTED&limit=5${cursor ? `&cursor=${cursor}` : ""}`,
        headers: auth(GLOBEX),
      });
      expect(page.statusCode).toBe(200);
      for (const item of page.json().items) {
        expect(item.state).toBe("REQUESTED");
        seen.add(item.number);
      }
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(seen.size).toBe(11);
    const cancelledList = await app.inject({
      method: "GET",
      url: "/v1/numbers?state=CANCELLED",
      headers: auth(GLOBEX),
    });
    expect(cancelledList.json().items.map((i: { number: string }) => i.number)).toEqual(["+16465551000"]);
  });

  it("answers bad input with 400 naming the field, unknown numbers with 404", async () => {
    const cases = [
      { method: "POST" as const, url: "/v1/numbers", payload: { number: "12" }, field: "number" },
      {
        method: "POST" as const,
        url: "/v1/numbers",
        payload: { number: "+14155550100", colour: "red" },
        field: "colour",
      },
      {
        method: "POST" as const,
        url: "/v1/numbers",
        payload: { number: "+14155550100", enabledAt: "yesterday" },
        field: "enabledAt",
      },
      { method: "GET" as const, url: "/v1/numbers?state=LIVE", field: "state" },
      { method: "GET" as const, url: "/v1/numbers/not-a-number", field: "number" },
      {
        method: "POST" as const,
        url: "/v1/observations",
        payload: { snapshot: { userId: "u1" } },
        field: "snapshot.observedAt",
      },
    ];
    for (const c of cases) {
      const response = await app.inject({
        method: c.method,
        url: c.url,
        headers: auth(),
        ...(c.payload ? { payload: c.payload } : {}),
      });
      expect(response.statusCode, c.url).toBe(400);
      expect(response.json().error.field, c.url).toBe(c.field);
    }
    const malformed = await app.inject({
      method: "POST",
      url: "/v1/numbers",
      headers: { ...auth(), "content-type": "application/json" },
      payload: "{nope",
    });
    expect(malformed.statusCode).toBe(400);
    const unknown = await app.inject({ method: "GET", url: "/v1/numbers/+12125550199", headers: auth() });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe("not-found");
  });

  it("never answers a generated body or path with a 500", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.record(
            {
              number: fc.oneof(fc.string(), fc.integer(), fc.constant("+14155550100")),
              userId: fc.anything(),
              enabledAt: fc.anything(),
            },
            { requiredKeys: [] },
          ),
        ),
        fc.constantFrom("/v1/numbers", "/v1/observations"),
        async (body, url) => {
          const payload = JSON.stringify(body) ?? "null";
          const response = await app.inject({
            method: "POST",
            url,
            headers: { ...auth(), "content-type": "application/json" },
            payload,
          });
          expect(response.statusCode).toBeLessThan(500);
          if (response.statusCode === 400) expect(response.json().error.field).toEqual(expect.any(String));
        },
      ),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string(), async (segment) => {
        const response = await app.inject({
          method: "GET",
          url: `/v1/numbers/${encodeURIComponent(segment)}`,
          headers: auth(),
        });
        expect([200, 400, 404]).toContain(response.statusCode);
      }),
      { numRuns: 100 },
    );
  });

  it("requires a bearer token, and the admin token for /metrics and /admin/queues", async () => {
    expect((await app.inject({ method: "GET", url: "/v1/numbers" })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: "GET", url: "/v1/numbers", headers: auth("wrong-token-0123456789") }))
        .statusCode,
    ).toBe(401);
    expect((await app.inject({ method: "GET", url: "/metrics", headers: auth() })).statusCode).toBe(401);
    const metrics = await app.inject({ method: "GET", url: "/metrics", headers: auth(ADMIN) });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain("sms_doctor_checks_total");
    expect((await app.inject({ method: "GET", url: "/admin/queues", headers: auth() })).statusCode).toBe(401);
    expect((await app.inject({ method: "GET", url: "/admin/queues", headers: auth(ADMIN) })).statusCode).toBe(
      200,
    );
    expect((await app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
  });

  it("allows CORS only for the configured extension origin", async () => {
    const allowed = await app.inject({
      method: "OPTIONS",
      url: "/v1/numbers",
      headers: { origin: ORIGIN, "access-control-request-method": "POST" },
    });
    expect(allowed.headers["access-control-allow-origin"]).toBe(ORIGIN);
    const other = await app.inject({
      method: "OPTIONS",
      url: "/v1/numbers",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("rate-limits per token, answering 429 rate-limited with Retry-After", async () => {
    const limited = await api({ rateLimitPerMinute: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++)
        codes.push((await limited.inject({ method: "GET", url: "/v1/numbers", headers: auth() })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      const refused = await limited.inject({ method: "GET", url: "/v1/numbers", headers: auth() });
      expect(refused.json().error).toMatchObject({
        code: "rate-limited",
        message: expect.stringMatching(/^more than 3/),
      });
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
      expect(
        (await limited.inject({ method: "GET", url: "/v1/numbers", headers: auth(GLOBEX) })).statusCode,
      ).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it("publishes an OpenAPI document of the routes at /docs", async () => {
    const doc = await app.inject({ method: "GET", url: "/docs/json" });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths);
    for (const path of [
      "/v1/numbers",
      "/v1/numbers/{number}",
      "/v1/observations",
      "/v1/users/{userId}/diagnosis",
    ]) {
      expect(paths).toContain(path);
    }
  });
});

describe("observations and diagnoses", () => {
  const snapshot = {
    userId: "u42",
    observedAt: "2026-05-01T12:00:00Z",
    license: "X Series - X4",
    phoneNumber: "+1 (415) 555-0142",
    sms: { number: "+14155550142", enabled: true, status: "pending" },
  };

  it("stores the snapshot in shared history and returns core's diagnosis with the provisioning record", async () => {
    heldAt = Date.now(); // the POST and the GET diagnose at the same moment, so their answers compare equal
    onTestFinished(() => {
      heldAt = undefined;
    });
    await app.inject({
      method: "POST",
      url: "/v1/numbers",
      headers: auth(),
      payload: { number: "+14155550142", userId: "u42" },
    });
    const posted = await app.inject({
      method: "POST",
      url: "/v1/observations",
      headers: auth(),
      payload: { snapshot },
    });
    expect(posted.statusCode).toBe(200);
    expect(posted.json().diagnosis.verdict).toEqual(expect.any(String));
    expect(posted.json().provisioning.number).toBe("+14155550142");
    const again = await app.inject({ method: "GET", url: "/v1/users/u42/diagnosis", headers: auth() });
    expect(again.statusCode).toBe(200);
    expect(again.json().diagnosis).toEqual(posted.json().diagnosis);
    expect(
      (await app.inject({ method: "GET", url: "/v1/users/u42/diagnosis", headers: auth(GLOBEX) })).statusCode,
    ).toBe(404);
  });

  it("leaves out stored snapshots and a registration that no longer read, rather than failing", async () => {
    // Redis holds what another process or an older version wrote: it is parsed again on the way out.
    const historyKey = store.keys.history("acme", "u77");
    const companyKey = store.keys.company("acme");
    const good = { ...snapshot, userId: "u77" };
    await connection.rpush(
      historyKey,
      JSON.stringify(good),
      "not json",
      JSON.stringify({ ...good, sms: "on" }),
    );
    await connection.set(companyKey, "{ not json");
    onTestFinished(async () => {
      await connection.del(historyKey, companyKey);
    });
    const diagnosed = await app.inject({ method: "GET", url: "/v1/users/u77/diagnosis", headers: auth() });
    expect(diagnosed.statusCode).toBe(200);
    expect(DiagnosisResponseSchema.parse(diagnosed.json()).diagnosis.verdict).toBe("pending");
    const history = await app.inject({ method: "GET", url: "/v1/users/u77/history", headers: auth() });
    expect(history.statusCode).toBe(200);
    expect(history.json().items).toEqual([{ ...good, source: "console" }]);
    const observed = await app.inject({
      method: "POST",
      url: "/v1/observations",
      headers: auth(),
      payload: { snapshot: { ...good, observedAt: "2026-05-01T13:00:00Z" } },
    });
    expect(observed.statusCode).toBe(200);
  });

  it("accepts a large company's registration, which lists every one of its SMS enabled numbers", async () => {
    const enabledNumbers = Array.from({ length: 10_000 }, (_, i) => ({
      number: `+1617555${String(i).padStart(4, "0")}`,
      status: "enabled",
    }));
    const company = {
      observedAt: "2026-05-01T11:00:00Z",
      brand: { status: "verified" },
      campaign: { status: "verified", errors: [] },
      enabledNumbers,
      numberLimit: 20_000,
    };
    expect(JSON.stringify(company).length).toBeGreaterThan(256 * 1024);
    const posted = await app.inject({
      method: "POST",
      url: "/v1/observations",
      headers: auth(),
      payload: { snapshot: { ...snapshot, userId: "u43" }, company },
    });
    expect(posted.statusCode).toBe(200);
    expect(posted.json().diagnosis.verdict).toBe("pending");
  });
});

describe("shared history and the Users list's verdicts", () => {
  const observe = (token: string, snapshot: Record<string, unknown>) =>
    app.inject({ method: "POST", url: "/v1/observations", headers: auth(token), payload: { snapshot } });

  it("shows a user's history newest last with each snapshot's source, bounded by limit", async () => {
    const console1 = {
      userId: "h1",
      observedAt: "2026-05-01T10:00:00Z",
      license: "X Series - X4",
      phoneNumber: "+14155550161",
      sms: { number: "+14155550161", enabled: true, status: "enabled" },
    };
    // Posted out of order: the answer is in time order all the same.
    const later = { ...console1, observedAt: "2026-05-03T10:00:00Z", phoneNumber: "+14155550162" };
    const adminApi = { ...console1, observedAt: "2026-05-02T10:00:00Z", sms: null, source: "admin-api" };
    for (const s of [console1, later, adminApi]) expect((await observe(ACME, s)).statusCode).toBe(200);

    const all = await app.inject({ method: "GET", url: "/v1/users/h1/history", headers: auth() });
    expect(all.statusCode).toBe(200);
    expect(all.json().userId).toBe("h1");
    expect(
      all.json().items.map((s: { observedAt: string; source: string }) => [s.observedAt, s.source]),
    ).toEqual([
      ["2026-05-01T10:00:00Z", "console"],
      ["2026-05-02T10:00:00Z", "admin-api"],
      ["2026-05-03T10:00:00Z", "console"],
    ]);
    const bounded = await app.inject({ method: "GET", url: "/v1/users/h1/history?limit=1", headers: auth() });
    expect(bounded.json().items).toHaveLength(1);
    // Another tenant sees nothing of it.
    const other = await app.inject({ method: "GET", url: "/v1/users/h1/history", headers: auth(GLOBEX) });
    expect(other.json()).toEqual({ userId: "h1", items: [] });
  });

  it("lists the verdict of each user's newest snapshot, tenant by tenant", async () => {
    const ok = {
      userId: "v-ok",
      observedAt: "2026-05-02T10:00:00Z",
      license: "X Series - X4",
      phoneNumber: "+14155550171",
      sms: { number: "+14155550171", enabled: true, status: "enabled" },
    };
    const off = {
      ...ok,
      userId: "v-off",
      sms: { number: "+14155550172", enabled: false, status: "disabled" },
    };
    const offVerdict = (await observe(ACME, off)).json().diagnosis.verdict;
    const okVerdict = (await observe(ACME, ok)).json().diagnosis.verdict;
    expect(offVerdict).not.toBe(okVerdict);
    // An older snapshot arriving late does not move the badge.
    await observe(ACME, { ...ok, observedAt: "2026-05-01T10:00:00Z", sms: off.sms });

    const listed = await app.inject({
      method: "GET",
      url: "/v1/users/verdicts?userIds=v-ok,v-off,never-seen",
      headers: auth(),
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual({ verdicts: { "v-ok": okVerdict, "v-off": offVerdict } });
    const other = await app.inject({
      method: "GET",
      url: "/v1/users/verdicts?userIds=v-ok",
      headers: auth(GLOBEX),
    });
    expect(other.json()).toEqual({ verdicts: {} });
  });

  it("answers bad query parameters with 400 naming the field", async () => {
    const cases: [string, string][] = [
      ["/v1/users/verdicts", "userIds"],
      ["/v1/users/verdicts?userIds=", "userIds"],
      ["/v1/users/verdicts?userIds=a,b%20c", "userIds.1"],
      [`/v1/users/verdicts?userIds=${Array.from({ length: 201 }, (_, i) => `u${i}`).join(",")}`, "userIds"],
      ["/v1/users/verdicts?userIds=a&color=red", "color"],
      ["/v1/users/h1/history?limit=0", "limit"],
      ["/v1/users/h1/history?limit=51", "limit"],
      ["/v1/users/h1/history?limit=ten", "limit"],
      ["/v1/users/h1/history?since=yesterday", "since"],
      ["/v1/users/bad%20id/history", "userId"],
    ];
    for (const [url, field] of cases) {
      const response = await app.inject({ method: "GET", url, headers: auth() });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.field, url).toBe(field);
    }
  });
});

describe("provider webhooks", () => {
  const sign = (body: string, timestamp = Math.floor(Date.now() / 1000)) => ({
    "content-type": "application/json",
    "telnyx-timestamp": String(timestamp),
    "telnyx-signature-hmac-sha256": createHmac("sha256", WEBHOOK_SECRET)
      .update(`${timestamp}.${body}`)
      .digest("hex"),
  });

  it("verifies the signature, deduplicates on the event id and only brings the check forward", async () => {
    await app.inject({
      method: "POST",
      url: "/v1/numbers",
      headers: auth(),
      payload: { number: "+14155550177" },
    });
    await store.redis.zadd(store.keys.due, Date.now() + 3_600_000, "acme|+14155550177");
    const body = JSON.stringify({
      data: {
        id: "evt-1",
        event_type: "10dlc.phone_number.update",
        payload: { phoneNumber: "+14155550177", assignmentStatus: "ASSIGNED" },
      },
      meta: { attempt: 1 },
    });
    const forged = await app.inject({
      method: "POST",
      url: "/v1/webhooks/sandbox",
      headers: { ...sign(body), "telnyx-signature-hmac-sha256": "00" },
      payload: body,
    });
    expect(forged.statusCode).toBe(401);
    const old = await app.inject({
      method: "POST",
      url: "/v1/webhooks/sandbox",
      headers: sign(body, Math.floor(Date.now() / 1000) - 3600),
      payload: body,
    });
    expect(old.statusCode).toBe(401);
    const first = await app.inject({
      method: "POST",
      url: "/v1/webhooks/sandbox",
      headers: sign(body),
      payload: body,
    });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ status: "accepted", woken: 1 });
    expect(Number(await store.redis.zscore(store.keys.due, "acme|+14155550177"))).toBeLessThanOrEqual(
      Date.now(),
    );
    // Polling stays the truth: the record itself did not change.
    expect((await store.load("acme", "+14155550177"))!.record.state).toBe("REQUESTED");
    const redelivered = await app.inject({
      method: "POST",
      url: "/v1/webhooks/sandbox",
      headers: sign(body),
      payload: body,
    });
    expect(redelivered.json().status).toBe("duplicate");
    expect(
      (await app.inject({ method: "POST", url: "/v1/webhooks/other", headers: sign(body), payload: body }))
        .statusCode,
    ).toBe(404);
  });
});

describe("Telnyx's own webhooks", () => {
  it("verify with the Ed25519 public key over timestamp|body", async () => {
    await app.inject({
      method: "POST",
      url: "/v1/numbers",
      headers: auth(),
      payload: { number: "+14155550166" },
    });
    await store.redis.zadd(store.keys.due, Date.now() + 3_600_000, "acme|+14155550166");
    const body = JSON.stringify({
      data: {
        id: "evt-ed-1",
        event_type: "10dlc.phone_number.update",
        payload: { phoneNumber: "+14155550166" },
      },
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = sign(null, Buffer.from(`${timestamp}|${body}`), telnyxKeys.privateKey).toString(
      "base64",
    );
    const post = (headers: Record<string, string>) =>
      app.inject({
        method: "POST",
        url: "/v1/webhooks/telnyx",
        headers: { "content-type": "application/json", ...headers },
        payload: body,
      });
    expect(
      (await post({ "telnyx-timestamp": timestamp, "telnyx-signature-ed25519": signature })).json(),
    ).toMatchObject({ status: "accepted", woken: 1 });
    const forged = sign(null, Buffer.from(`${timestamp}|{}`), telnyxKeys.privateKey).toString("base64");
    expect(
      (await post({ "telnyx-timestamp": timestamp, "telnyx-signature-ed25519": forged })).statusCode,
    ).toBe(401);
    expect(
      (
        await post({
          "telnyx-timestamp": String(Number(timestamp) - 600),
          "telnyx-signature-ed25519": signature,
        })
      ).statusCode,
    ).toBe(401);
  });
});

describe("campaign webhooks", () => {
  it("bring forward the checks of numbers waiting on a campaign review", async () => {
    const { stored } = await store.start("acme", startTracking("+14155550188", new Date().toISOString()), {
      dueAt: Date.now() + 3_600_000,
    });
    const waiting = { ...stored.record, state: "AWAITING_CAMPAIGN" as const, stage: "campaign" as const };
    await store.commit("acme", stored, waiting, [], Date.now() + 3_600_000);
    const body = JSON.stringify({
      data: {
        id: "evt-campaign-1",
        event_type: "10dlc.campaign.update",
        payload: { campaignId: "c1", campaignStatus: "MNO_PROVISIONED" },
      },
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await app.inject({
      method: "POST",
      url: "/v1/webhooks/sandbox",
      headers: {
        "content-type": "application/json",
        "telnyx-timestamp": String(timestamp),
        "telnyx-signature-hmac-sha256": createHmac("sha256", WEBHOOK_SECRET)
          .update(`${timestamp}.${body}`)
          .digest("hex"),
      },
      payload: body,
    });
    expect(response.json()).toMatchObject({ status: "accepted", woken: 1 });
    expect(Number(await store.redis.zscore(store.keys.due, "acme|+14155550188"))).toBeLessThanOrEqual(
      Date.now(),
    );
  });
});

describe("when Redis is down", () => {
  it("answers 503 within a second, never hangs or crashes, and recovers", async () => {
    const server = await RedisServerProcess.start();
    const conn = producerConnection(server.url);
    conn.on("error", () => {});
    await whenReady(conn);
    const down = await api({ connection: conn });
    try {
      await server.kill();
      for (const request of [
        { method: "GET" as const, url: "/v1/numbers/+14155550100" },
        { method: "POST" as const, url: "/v1/numbers", payload: { number: "+14155550100" } },
        { method: "GET" as const, url: "/readyz" },
      ]) {
        const started = Date.now();
        const response = await down.inject({ ...request, headers: auth() });
        expect(response.statusCode, request.url).toBe(503);
        expect(Date.now() - started).toBeLessThan(1000);
      }
      await server.restart();
      await whenReady(conn, 10_000);
      expect((await down.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
    } finally {
      await down.close();
      conn.disconnect();
      await server.stop();
    }
  });
});
