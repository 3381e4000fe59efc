// Inbound webhooks of Twilio, Bandwidth and Sinch through the real API route on a real Redis: each verified the
// provider's documented way (signatures computed here from the providers' documents), deduplicated, and only
// bringing the number's next check forward.
import { createHash, createHmac } from "node:crypto";
import { startTracking } from "@sms-doctor/core";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildStatusApi } from "../src/api/status-api.js";
import { sha256Hex } from "../src/config.js";
import { bandwidthScheme, sinchScheme, twilioScheme } from "../src/providers/provider-webhook-schemes.js";
import { producerConnection, type RedisClient, whenReady } from "../src/redis/connections.js";
import { TrackingStore } from "../src/tracking/tracking-store.js";
import { dropPrefix, uniquePrefix, useRedisServer } from "./support/redis.js";

const redis = useRedisServer();
const prefix = uniquePrefix();
const PUBLIC = "https://sms-doctor.example.com";
const TWILIO_TOKEN = "twilio-auth-token-0123";
const SINCH_SECRET = "sinch-hmac-secret";
const BANDWIDTH_CREDENTIALS = "bw-callback:bw-password";
let app: FastifyInstance;
let connection: RedisClient;
let store: TrackingStore;
const DAY_AHEAD = () => Date.now() + 86_400_000;

beforeAll(async () => {
  connection = producerConnection(redis.url());
  await whenReady(connection);
  store = new TrackingStore(connection, { prefix });
  app = await buildStatusApi({
    store,
    redis: connection,
    tokens: [{ tenant: "acme", sha256: sha256Hex("acme-token-0123456789") }],
    rateLimitPerMinute: 100_000,
    provider: "twilio",
    publicUrl: PUBLIC,
    webhookSchemes: {
      twilio: twilioScheme(TWILIO_TOKEN),
      bandwidth: bandwidthScheme(BANDWIDTH_CREDENTIALS),
      sinch: sinchScheme(SINCH_SECRET),
    },
  });
});
afterAll(async () => {
  await app.close();
  connection.disconnect();
  await dropPrefix(redis.url(), prefix);
});

/** Tracks a number due in a day; returns how to read when it is due now. */
async function tracked(number: string) {
  await store.start("acme", startTracking(number, new Date().toISOString(), { provider: "x" }), {
    dueAt: DAY_AHEAD(),
  });
  return async () => Number(await connection.zscore(store.keys.due, `acme|${number}`));
}

describe("Twilio's X-Twilio-Signature", () => {
  // Twilio: HMAC-SHA1 (base64) keyed with the Auth Token over the URL then each POST parameter, sorted, name+value.
  const sign = (url: string, params: Record<string, string>) =>
    createHmac("sha1", TWILIO_TOKEN)
      .update(
        url +
          Object.keys(params)
            .sort()
            .map((k) => k + params[k])
            .join(""),
      )
      .digest("base64");

  it("wakes the number a signed form names, once; refuses a forged or altered one", async () => {
    const dueAt = await tracked("+14155550181");
    const params = { PhoneNumber: "+14155550181", AccountSid: `AC${"1".repeat(32)}`, Status: "registered" };
    const path = "/v1/webhooks/twilio?tenant=ignored";
    const post = (signature: string, body = new URLSearchParams(params).toString(), token = "evt-1") =>
      app.inject({
        method: "POST",
        url: path,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": signature,
          "i-twilio-idempotency-token": token,
        },
        payload: body,
      });
    const signature = sign(PUBLIC + path, params);
    expect((await post("bm90IGl0", undefined, "evt-0")).statusCode).toBe(401);
    expect(
      (await post(signature, new URLSearchParams({ ...params, Status: "x" }).toString(), "evt-0")).statusCode,
    ).toBe(401);
    const accepted = await post(signature);
    expect(accepted.statusCode).toBe(202);
    expect(accepted.json()).toEqual({ status: "accepted", woken: 1 });
    expect(await dueAt()).toBeLessThan(DAY_AHEAD() - 3_600_000);
    expect((await post(signature)).json()).toEqual({ status: "duplicate" });
  });

  it("verifies a JSON body through the bodySHA256 parameter of the signed URL", async () => {
    await tracked("+14155550182");
    const body = JSON.stringify({ id: "CE-1", data: { phone_number: "+14155550182" } });
    const path = `/v1/webhooks/twilio?bodySHA256=${createHash("sha256").update(body).digest("hex")}`;
    const signature = sign(PUBLIC + path, {});
    const answer = await app.inject({
      method: "POST",
      url: path,
      headers: { "content-type": "application/json", "x-twilio-signature": signature },
      payload: body,
    });
    expect(answer.statusCode).toBe(202);
    expect(answer.json().woken).toBe(1);
    const altered = await app.inject({
      method: "POST",
      url: path,
      headers: { "content-type": "application/json", "x-twilio-signature": signature },
      payload: body.replace("CE-1", "CE-2"),
    });
    expect(altered.statusCode).toBe(401);
  });
});

describe("Bandwidth's subscription callbacks (HTTP Basic)", () => {
  const notification = (orderId: string, tn: string) =>
    `<?xml version="1.0"?><Notification><Status>COMPLETE</Status><OrderId>${orderId}</OrderId><OrderType>tn_option</OrderType><LastModifiedDate>2026-12-02T10:00:00Z</LastModifiedDate><CompletedTelephoneNumbers><TelephoneNumber>${tn}</TelephoneNumber></CompletedTelephoneNumbers></Notification>`;
  const post = (authorization: string, body: string) =>
    app.inject({
      method: "POST",
      url: "/v1/webhooks/bandwidth",
      headers: { "content-type": "application/xml", authorization },
      payload: body,
    });

  it("wakes the numbers an order notification names when the credentials match", async () => {
    await tracked("+14155550183");
    const good = `Basic ${Buffer.from(BANDWIDTH_CREDENTIALS).toString("base64")}`;
    expect(
      (
        await post(
          `Basic ${Buffer.from("bw-callback:nope").toString("base64")}`,
          notification("o-1", "4155550183"),
        )
      ).statusCode,
    ).toBe(401);
    const accepted = await post(good, notification("o-1", "4155550183"));
    expect(accepted.statusCode).toBe(202);
    expect(accepted.json().woken).toBe(1);
    expect((await post(good, notification("o-1", "4155550183"))).json()).toEqual({ status: "duplicate" });
    expect((await post(good, "<Other/>")).statusCode).toBe(400);
  });
});

describe("Sinch's X-Sinch-Signature", () => {
  it("wakes the number of a callback whose HMAC-SHA1 of the raw body matches", async () => {
    await tracked("+14155550184");
    const body = JSON.stringify({
      eventId: "ev-1",
      projectId: "p",
      resourceId: "+14155550184",
      resourceType: "ACTIVE_NUMBER",
      eventType: "PROVISIONING_TO_CAMPAIGN",
      status: "SUCCEEDED",
    });
    const post = (signature: string, payload = body) =>
      app.inject({
        method: "POST",
        url: "/v1/webhooks/sinch",
        headers: { "content-type": "application/json", "x-sinch-signature": signature },
        payload,
      });
    const signature = createHmac("sha1", SINCH_SECRET).update(body).digest("hex");
    expect((await post(signature, body.replace("ev-1", "ev-2"))).statusCode).toBe(401);
    const accepted = await post(signature);
    expect(accepted.statusCode).toBe(202);
    expect(accepted.json().woken).toBe(1);
    expect((await post(signature)).json()).toEqual({ status: "duplicate" });
  });
});
