// Per-carrier readiness end to end: the simulator (Telnyx) maps T-Mobile half-way through the assignment; the
// adapter keeps both mapping statuses, the store keeps them, and the API says "T-Mobile live; AT&T/Verizon pending".
import { startTracking } from "@sms-doctor/core";
import { startSandbox } from "@sms-doctor/sandbox";
import { afterAll, describe, expect, it } from "vitest";
import { buildStatusApi } from "../src/api/status-api.js";
import { sha256Hex } from "../src/config.js";
import { createTelnyxAdapter } from "../src/providers/telnyx-adapter.js";
import { decideCheck } from "../src/tracking/check-number.js";
import { useRedisServer } from "./support/redis.js";
import { freshStore } from "./support/tracker-harness.js";

const redis = useRedisServer();
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});
const NUMBER = "+12125554000";
const TOKEN = "acme-token-0123456789";

describe("per-carrier readiness", () => {
  it("shows T-Mobile live while AT&T/Verizon are still pending, then both", async () => {
    // A paused simulated clock: moved by hand, so the half-way point is exact.
    const sandbox = await startSandbox({
      scenario: "verification-pending",
      speed: 0,
      carrierApiKey: "carrier-key",
    });
    cleanups.push(() => sandbox.close());
    const control = (path: string, body: unknown) =>
      fetch(`${sandbox.carrierUrl}/_control/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await control("numbers", { phoneNumbers: [NUMBER], afterHours: 4 })).status).toBe(201);
    const { store } = await freshStore(redis.url(), cleanups);
    const now = () => sandbox.world.clock.now();
    await store.start("acme", startTracking(NUMBER, new Date(now()).toISOString(), { provider: "sandbox" }), {
      dueAt: now(),
    });
    const app = await buildStatusApi({
      store,
      redis: store.redis,
      tokens: [{ tenant: "acme", sha256: sha256Hex(TOKEN) }],
      provider: "sandbox",
      now,
    });
    cleanups.push(() => app.close());
    const adapter = createTelnyxAdapter({
      name: "sandbox",
      baseUrl: `${sandbox.carrierUrl}/v2`,
      apiKey: "carrier-key",
    });
    /** One check as the tracker makes it: ask, decide, commit. */
    const check = async () => {
      const stored = (await store.load("acme", NUMBER))!;
      const decision = decideCheck(
        stored.record,
        await adapter.check(NUMBER, { now: new Date(now()).toISOString() }),
        now(),
      );
      expect(
        (await store.commit("acme", stored, decision.record, decision.transitions, decision.dueAt)).outcome,
      ).toBe("written");
    };
    const view = async () =>
      (
        await app.inject({
          url: `/v1/numbers/${encodeURIComponent(NUMBER)}`,
          headers: { authorization: `Bearer ${TOKEN}` },
        })
      ).json();

    await control("clock", { advanceHours: 3 });
    await check();
    expect(await view()).toMatchObject({
      state: "AWAITING_NUMBER",
      carrierReadiness: "T-Mobile live; AT&T/Verizon pending",
      carriers: [
        { carrier: "T-Mobile", readiness: "live", value: "COMPLETE" },
        { carrier: "AT&T/Verizon", readiness: "pending", value: "PENDING" },
      ],
    });
    await control("clock", { advanceHours: 2 });
    await check();
    expect(await view()).toMatchObject({
      state: "ACTIVE",
      carrierReadiness: "T-Mobile live; AT&T/Verizon live",
    });
  });
});
