import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildStatusApi } from "../src/api/status-api.js";
import { sha256Hex } from "../src/config.js";
import { createInstantProvider } from "../src/providers/instant-provider.js";
import {
  producerConnection,
  type RedisTarget,
  storeConnection,
  whenReady,
  workerConnection,
} from "../src/redis/connections.js";
import { RedisServerProcess } from "../src/redis/redis-server-process.js";
import { ProvisioningTracker } from "../src/tracking/provisioning-tracker.js";
import { fastClock } from "../src/tracking/tracker-clock.js";
import { TrackingStore } from "../src/tracking/tracking-store.js";
import { uniquePrefix, until } from "./support/redis.js";
import { silentLogger } from "./support/tracker-harness.js";

const run = promisify(execFile);
const nodes: RedisServerProcess[] = [];

beforeAll(async () => {
  for (let i = 0; i < 3; i++) {
    nodes.push(
      await RedisServerProcess.start({
        args: [
          "--cluster-enabled",
          "yes",
          "--cluster-config-file",
          "nodes.conf",
          "--cluster-node-timeout",
          "2000",
        ],
      }),
    );
  }
  await run("redis-cli", [
    "--cluster",
    "create",
    ...nodes.map((n) => `127.0.0.1:${n.port}`),
    "--cluster-replicas",
    "0",
    "--cluster-yes",
  ]);
  await until(
    async () => {
      const infos = await Promise.all(
        nodes.map((n) => run("redis-cli", ["-p", String(n.port), "cluster", "info"])),
      );
      return infos.every(({ stdout }) => stdout.includes("cluster_state:ok"));
    },
    20_000,
    "cluster_state:ok",
  );
});
afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
});

describe("on Redis Cluster", () => {
  it("tracks numbers and serves the API: every key under one hash tag, scripts and BullMQ included", async () => {
    const target: RedisTarget = { cluster: nodes.map((n) => ({ host: "127.0.0.1", port: n.port })) };
    const prefix = uniquePrefix();
    const connection = workerConnection(target);
    const storeRedis = storeConnection(target);
    const api = producerConnection(target);
    await Promise.all([whenReady(connection, 10_000), whenReady(storeRedis, 10_000), whenReady(api, 10_000)]);
    const asked = new Map<string, number>();
    const provider = createInstantProvider((number, now) => {
      const n = (asked.get(number) ?? 0) + 1;
      asked.set(number, n);
      return [
        {
          provider: "telnyx",
          entity: "number",
          value: n === 1 ? "PENDING_ASSIGNMENT" : "ASSIGNED",
          observedAt: now,
        },
      ];
    });
    const tracker = new ProvisioningTracker({
      connection,
      store: new TrackingStore(storeRedis, { prefix }),
      provider,
      logger: silentLogger,
      sweepEveryMs: 100,
      clock: fastClock(600),
    });
    await tracker.start();
    const queue = new Queue("provisioning", { connection: api, prefix });
    const app = await buildStatusApi({
      store: new TrackingStore(api, { prefix }),
      redis: api,
      queue,
      tokens: [{ tenant: "acme", sha256: sha256Hex("acme-token-0123456789") }],
      provider: "instant",
    });
    const headers = { authorization: "Bearer acme-token-0123456789" };
    try {
      const numbers = ["+14155550100", "+14155550101", "+14155550102"];
      for (const number of numbers) {
        const response = await app.inject({
          method: "POST",
          url: "/v1/numbers",
          headers,
          payload: { number },
        });
        expect(response.statusCode).toBe(202);
      }
      await until(
        async () => {
          const states = await Promise.all(
            numbers.map(
              async (n) =>
                (await app.inject({ method: "GET", url: `/v1/numbers/${n}`, headers })).json().state,
            ),
          );
          return states.every((s) => s === "ACTIVE");
        },
        20_000,
        "ACTIVE on the cluster",
      );
      const record = (await app.inject({ method: "GET", url: "/v1/numbers/+14155550100", headers })).json();
      expect(record.transitions.map((t: { to: string }) => t.to)).toEqual(["AWAITING_NUMBER", "ACTIVE"]);
      const listed = (await app.inject({ method: "GET", url: "/v1/numbers?state=ACTIVE", headers })).json();
      expect(listed.items).toHaveLength(3);
      expect((await app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
    } finally {
      await app.close();
      await tracker.close();
      await queue.close();
      connection.disconnect();
      storeRedis.disconnect();
      api.disconnect();
    }
  });
});
