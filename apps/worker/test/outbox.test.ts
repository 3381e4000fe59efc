// The outbox of transition webhooks: event ids stay unique when Redis rolls back, and reclaiming pending
// entries makes progress past those it cannot deliver, on every supported Redis.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startTracking } from "@sms-doctor/core";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";
import { readAutoclaimReply, TransitionNotifier } from "../src/notify/transition-notifier.js";
import { producerConnection, whenReady, workerConnection } from "../src/redis/connections.js";
import type { TransitionEvent } from "../src/tracking/tracking-store.js";
import { TrackingStore } from "../src/tracking/tracking-store.js";
import { dropPrefix, uniquePrefix, until, useRedisServer } from "./support/redis.js";

const redis = useRedisServer();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

async function storeUnder(prefix: string) {
  const connection = producerConnection(redis.url());
  await whenReady(connection);
  cleanups.push(async () => {
    connection.disconnect();
    await dropPrefix(redis.url(), prefix);
  });
  return { connection, store: new TrackingStore(connection, { prefix }) };
}

const events = async (store: TrackingStore): Promise<TransitionEvent[]> =>
  ((await store.redis.xrange(store.keys.transitions, "-", "+")) as [string, string[]][]).map(
    ([, fields]) => JSON.parse(fields[1]!) as TransitionEvent,
  );

describe("transition event ids", () => {
  it("differ when Redis lost a commit and the same version is written again by another transition", async () => {
    const { connection, store } = await storeUnder(uniquePrefix());
    const number = "+14155550100";
    const at = "2026-05-01T12:00:00.000Z";
    const { stored } = await store.start("acme", startTracking(number, at), { dueAt: Date.now() });
    const before = (await connection.hget(store.keys.records("acme"), number))!;
    const first = { from: "REQUESTED" as const, to: "AWAITING_NUMBER" as const, at, cause: "number pending" };
    await store.commit(
      "acme",
      stored,
      { ...stored.record, state: "AWAITING_NUMBER", transitions: [first] },
      [first],
      undefined,
    );
    // A failover (or AOF everysec) loses the record's write, but the event already went out.
    await connection.hset(store.keys.records("acme"), number, before);
    const second = {
      from: "REQUESTED" as const,
      to: "ACTIVE" as const,
      at: "2026-05-01T12:00:05.000Z",
      cause: "number approved",
    };
    await store.commit(
      "acme",
      stored,
      { ...stored.record, state: "ACTIVE", transitions: [second] },
      [second],
      undefined,
    );
    const [a, b] = await events(store);
    expect(a!.transition.to).toBe("AWAITING_NUMBER");
    expect(b!.transition.to).toBe("ACTIVE");
    expect(a!.id).not.toBe(b!.id);
    expect(a!.id).toMatch(/^acme\.14155550100\.\d+\.0\.[\w-]{12}$/);
  });
});

describe("reclaiming undelivered webhooks", () => {
  it("gets past entries that keep failing to the ones behind them", async () => {
    const prefix = uniquePrefix();
    const { store } = await storeUnder(prefix);
    // Everything fails at first (so every entry is pending); then only the first 60 keep failing.
    let failAll = true;
    const delivered = new Set<string>();
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        const event = JSON.parse(body) as TransitionEvent;
        const index = Number(event.number.slice(-3));
        if (failAll || index < 60) return void res.writeHead(500).end();
        delivered.add(event.number);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const notifier = new TransitionNotifier({
      redis: workerConnection(redis.url()),
      stream: store.keys.transitions,
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
      secret: "webhook-secret-0123456789",
      consumer: "test",
      logger: createLogger({ level: "silent" }),
      reclaimAfterMs: 200,
    });
    await notifier.start();
    cleanups.push(() => notifier.close());
    const at = new Date().toISOString();
    for (let i = 0; i < 70; i++) {
      const number = `+1415555${String(1000 + i)}`;
      const { stored } = await store.start("acme", startTracking(number, at), {
        dueAt: Date.now() + 3_600_000,
      });
      const t = { from: "REQUESTED" as const, to: "AWAITING_NUMBER" as const, at, cause: "number pending" };
      await store.commit(
        "acme",
        stored,
        { ...stored.record, state: "AWAITING_NUMBER", transitions: [t] },
        [t],
        undefined,
      );
    }
    await until(
      async () => ((await store.redis.xpending(store.keys.transitions, "webhooks")) as [number])[0] === 70,
      10_000,
      "70 pending",
    );
    failAll = false;
    await until(() => delivered.size === 10, 10_000, "the 10 deliverable entries behind 60 failing ones");
    expect([...delivered].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `+1415555${1060 + i}`));
  });

  it("reads trimmed entries the way Redis 6.2 and Redis 7 report them", () => {
    // Redis 6.2: [next, [[id, fields] | [id, null]…]]; Redis 7: a third element lists deleted ids.
    expect(
      readAutoclaimReply([
        "5-0",
        [
          ["1-0", ["event", "{}"]],
          ["2-0", null],
        ],
      ]),
    ).toEqual({
      next: "5-0",
      entries: [["1-0", ["event", "{}"]]],
      gone: ["2-0"],
    });
    expect(readAutoclaimReply(["0-0", [["3-0", ["event", "{}"]]], ["2-0"]])).toEqual({
      next: "0-0",
      entries: [["3-0", ["event", "{}"]]],
      gone: ["2-0"],
    });
  });

  it("acknowledges entries trimmed away before delivery instead of retrying them for ever", async () => {
    const prefix = uniquePrefix();
    const { store, connection } = await storeUnder(prefix);
    await connection.xgroup("CREATE", store.keys.transitions, "webhooks", "$", "MKSTREAM");
    for (let i = 0; i < 5; i++)
      await connection.xadd(store.keys.transitions, "*", "event", JSON.stringify({ id: `e${i}` }));
    await connection.xreadgroup(
      "GROUP",
      "webhooks",
      "dead-consumer",
      "COUNT",
      5,
      "STREAMS",
      store.keys.transitions,
      ">",
    );
    await connection.xtrim(store.keys.transitions, "MAXLEN", 0);
    const notifier = new TransitionNotifier({
      redis: workerConnection(redis.url()),
      stream: store.keys.transitions,
      url: "http://127.0.0.1:9/hook",
      secret: "webhook-secret-0123456789",
      consumer: "test",
      logger: createLogger({ level: "silent" }),
      reclaimAfterMs: 100,
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await notifier.start();
    cleanups.push(() => notifier.close());
    await until(
      async () => ((await connection.xpending(store.keys.transitions, "webhooks")) as [number])[0] === 0,
      5000,
      "nothing pending",
    );
  });
});
