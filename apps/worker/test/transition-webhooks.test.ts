import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import { startTracking } from "@sms-doctor/core";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";
import { TransitionNotifier } from "../src/notify/transition-notifier.js";
import {
  SIGNATURE_HEADER,
  verifySmsDoctorWebhook as verifyWebhook,
} from "../src/notify/webhook-signature.js";
import { producerConnection, whenReady, workerConnection } from "../src/redis/connections.js";
import { TrackingStore } from "../src/tracking/tracking-store.js";
import { dropPrefix, uniquePrefix, until, useRedisServer } from "./support/redis.js";

const redis = useRedisServer();
const SECRET = "webhook-secret-0123456789";
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

interface Received {
  id: string;
  verified: boolean;
  body: { id: string; number: string; transition: { to: string } };
}

/** A real HTTP receiver: fails the first `failures` deliveries, then verifies and records. */
async function receiver(failures: number) {
  const received: Received[] = [];
  let failing = failures;
  const server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      if (failing-- > 0) {
        res.writeHead(500).end();
        return;
      }
      received.push({
        id: String(req.headers["x-sms-doctor-event-id"]),
        verified: verifyWebhook(
          SECRET,
          body,
          req.headers[SIGNATURE_HEADER] as string,
          Math.floor(Date.now() / 1000),
        ),
        body: JSON.parse(body),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return {
    received,
    url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`,
  };
}

describe("transition webhooks", () => {
  it("deliver every committed transition, signed, at least once, retrying after failures", async () => {
    const prefix = uniquePrefix();
    const connection = producerConnection(redis.url());
    await whenReady(connection);
    const store = new TrackingStore(connection, { prefix });
    const hook = await receiver(2);
    const notifier = new TransitionNotifier({
      redis: workerConnection(redis.url()),
      stream: store.keys.transitions,
      url: hook.url,
      secret: SECRET,
      consumer: "test",
      logger: createLogger({ level: "silent" }),
      reclaimAfterMs: 300,
    });
    await notifier.start();
    cleanups.push(async () => {
      await notifier.close();
      connection.disconnect();
      await dropPrefix(redis.url(), prefix);
    });

    const now = new Date().toISOString();
    const { stored } = await store.start("acme", startTracking("+14155550100", now), { dueAt: Date.now() });
    const transitions = [
      { from: "REQUESTED" as const, to: "AWAITING_NUMBER" as const, at: now, cause: "number pending" },
      { from: "AWAITING_NUMBER" as const, to: "ACTIVE" as const, at: now, cause: "number approved" },
    ];
    const next = { ...stored.record, state: "ACTIVE" as const, transitions };
    expect((await store.commit("acme", stored, next, transitions, undefined)).outcome).toBe("written");

    await until(() => hook.received.length >= 2, 10_000, "two deliveries");
    expect(hook.received.every((r) => r.verified)).toBe(true);
    expect(hook.received.map((r) => r.body.transition.to).sort()).toEqual(["ACTIVE", "AWAITING_NUMBER"]);
    expect(hook.received.map((r) => r.id).sort()).toEqual(hook.received.map((r) => r.body.id).sort());
    // Acknowledged: nothing left pending.
    await until(
      async () => {
        const pending = (await connection.xpending(store.keys.transitions, "webhooks")) as [number];
        return pending[0] === 0;
      },
      5000,
      "acknowledgements",
    );
  });

  it("signatures fail for a changed body, another secret or an old timestamp", () => {
    const now = Math.floor(Date.now() / 1000);
    const body = '{"id":"x"}';
    const header = `t=${now},v1=${createHmac("sha256", SECRET).update(`${now}.${body}`).digest("hex")}`;
    expect(verifyWebhook(SECRET, body, header, now)).toBe(true);
    expect(verifyWebhook(SECRET, '{"id":"y"}', header, now)).toBe(false);
    expect(verifyWebhook("another-secret", body, header, now)).toBe(false);
    expect(verifyWebhook(SECRET, body, header, now + 301)).toBe(false);
    expect(verifyWebhook(SECRET, body, undefined, now)).toBe(false);
  });
});
