// Generated requests over real HTTP, every route: whatever comes in, the answer is never a 500 and the
// process keeps serving. Bounded in count; `bench/api-bulkheads.bench.ts` runs more and quotes the figures.

import { Queue } from "bullmq";
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildStatusApi } from "../src/api/status-api.js";
import { sha256Hex } from "../src/config.js";
import { producerConnection, type RedisClient, whenReady } from "../src/redis/connections.js";
import { TrackingStore } from "../src/tracking/tracking-store.js";
import { apiRequests, sendRequest } from "./support/api-requests.js";
import { dropPrefix, uniquePrefix, useRedisServer } from "./support/redis.js";

const redis = useRedisServer();
const TOKEN = "acme-token-0123456789";
// Bounded: 300 by default; FUZZ_RUNS=5000 for a longer hunt.
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const prefix = uniquePrefix();
let connection: RedisClient;
let queue: Queue;
let app: FastifyInstance;
let baseUrl: string;

beforeAll(async () => {
  connection = producerConnection(redis.url());
  await whenReady(connection);
  queue = new Queue("provisioning", { connection, prefix });
  app = await buildStatusApi({
    store: new TrackingStore(connection, { prefix }),
    redis: connection,
    queue,
    tokens: [{ tenant: "acme", sha256: sha256Hex(TOKEN) }],
    provider: "sandbox",
    providerWebhookKeys: { sandbox: { secret: "carrier-webhook-secret" } },
    rateLimits: { perTenantPerMinute: 1e6, perAddressPerMinute: 1e6, failedAuthPerAddressPerMinute: 1e6 },
  });
  baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await app.close();
  await queue.close();
  connection.disconnect();
  await dropPrefix(redis.url(), prefix);
});

describe("fuzzing the status API", () => {
  it("answers every generated request with a status below 500, errors with a code, and keeps serving", async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(apiRequests(TOKEN), async (request) => {
        const { status, body } = await sendRequest(baseUrl, request);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        expect(status, `${request.method} ${request.path}`).toBeLessThan(500);
        if (status >= 400)
          expect((body as { error?: { code?: unknown } }).error?.code).toEqual(expect.any(String));
      }),
      { numRuns: RUNS },
    );
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(RUNS);
    // Still serving after all that.
    expect(
      (
        await sendRequest(baseUrl, {
          method: "GET",
          path: "/readyz",
          query: {},
          token: undefined,
          body: undefined,
        })
      ).status,
    ).toBe(200);
  });
});
