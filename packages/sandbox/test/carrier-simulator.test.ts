import { describe, expect, it, onTestFinished } from "vitest";
import {
  verifyWebhook,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
} from "../src/carrier/webhook-signature.js";
import { carrierApi, carrierControl } from "./support/carrier.js";
import { json } from "./support/json.js";
import { startSandboxForTest } from "./support/start.js";
import { startWebhookReceiver } from "./support/webhook-receiver.js";

function start(options: Parameters<typeof startSandboxForTest>[0] = {}) {
  return startSandboxForTest({ scenario: "verification-pending", speed: 0, ...options });
}

describe("carrier registry simulator: Telnyx 10DLC shape", () => {
  it("answers a number's campaign assignment, and 401 without the Bearer key", async () => {
    const s = await start();
    const denied = await fetch(`${s.carrierUrl}/v2/10dlc/phone_number_campaigns/+16175550105`);
    expect(denied.status).toBe(401);
    expect((await json(denied)).errors[0].code).toBe("10009");

    const response = await carrierApi(s, "/phone_number_campaigns/+16175550105");
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body).toMatchObject({
      phoneNumber: "+16175550105",
      campaignId: expect.any(String),
      assignmentStatus: "PENDING_ASSIGNMENT",
      failureReasons: null,
      tmobileNumberMappingStatus: expect.any(String),
      nonTmobileNumberMappingStatus: "PENDING",
    });
    expect(Date.parse(body.createdAt)).toBeLessThanOrEqual(Date.parse(body.updatedAt));

    const brand = await json(carrierApi(s, `/brand/${s.world.carrier.brand.brandId}`));
    expect(brand.identityStatus).toBe("VERIFIED");
    const campaign = await json(carrierApi(s, `/campaign/${s.world.carrier.campaign!.campaignId}`));
    expect(campaign.campaignStatus).toBe("MNO_PROVISIONED");
    expect((await carrierApi(s, "/phone_number_campaigns/+19995550000")).status).toBe(404);
  });

  it("moves a registered number to ASSIGNED as simulated time passes, and the console follows", async () => {
    const s = await start();
    const registered = await carrierControl(s, "/numbers", { phoneNumbers: ["+15125550100"], afterHours: 2 });
    expect(registered.status).toBe(201);
    expect((await json(registered)).records[0].assignmentStatus).toBe("PENDING_ASSIGNMENT");
    await carrierControl(s, "/clock", { advanceHours: 2 });
    expect((await json(carrierApi(s, "/phone_number_campaigns/+15125550100"))).assignmentStatus).toBe(
      "ASSIGNED",
    );

    // u-erin's number needs 30 hours (scenario): the console's Pending turns Enabled after that.
    expect(s.world.number("+16175550105")!.sms.status).toBe("pending");
    await carrierControl(s, "/clock", { advanceHours: 30 });
    expect(s.world.number("+16175550105")!.sms.status).toBe("enabled");
  });

  it("turns days of review into seconds with a speed factor", async () => {
    const s = await start({ speed: 3_600 * 20 }); // 20 simulated hours per real second
    await carrierControl(s, "/numbers", { phoneNumbers: ["+15125550101"], afterHours: 4 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await json(carrierApi(s, "/phone_number_campaigns/+15125550101"))).assignmentStatus).toBe(
      "ASSIGNED",
    );
  });
});

describe("carrier webhooks", () => {
  it("sends signed 10dlc.phone_number.update events and redelivers with meta.attempt incremented", async () => {
    // The receiver fails the first delivery: the simulator must send the same event again.
    const receiver = await startWebhookReceiver((_hook, index) => (index === 0 ? 500 : 200));
    onTestFinished(receiver.close);
    const s = await start({ carrierWebhookUrl: receiver.url, webhookRetryDelaysMs: [50] });
    await carrierControl(s, "/numbers", { phoneNumbers: ["+15125550102"], afterHours: 1 });
    const hooks = await receiver.until((r) => r.length >= 2);
    const [first, second] = hooks as [(typeof hooks)[0], (typeof hooks)[0]];
    expect(first.json.data.event_type).toBe("10dlc.phone_number.update");
    expect(first.json.data.payload).toMatchObject({
      phoneNumber: "+15125550102",
      assignmentStatus: "PENDING_ASSIGNMENT",
    });
    expect(second.json.data.id).toBe(first.json.data.id);
    expect([first.json.meta.attempt, second.json.meta.attempt]).toEqual([1, 2]);
    expect(first.json.meta.delivered_to).toBe(receiver.url);

    for (const hook of hooks) {
      expect(hook.headers[WEBHOOK_TIMESTAMP_HEADER]).toMatch(/^\d+$/);
      expect(verifyWebhook(s.carrierWebhookSecret, hook.headers, hook.body)).toEqual({ ok: true });
    }
    expect(verifyWebhook("another-secret", first.headers, first.body)).toEqual({
      ok: false,
      reason: "bad-signature",
    });
    expect(
      verifyWebhook(s.carrierWebhookSecret, first.headers, first.body.replace("PENDING", "ASSIGNED")).ok,
    ).toBe(false);
    const signature = String(first.headers[WEBHOOK_SIGNATURE_HEADER]);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);

    await carrierControl(s, "/clock", { advanceHours: 1 });
    const all = await receiver.until((r) =>
      r.some((h) => h.json.data.payload.assignmentStatus === "ASSIGNED"),
    );
    expect(all.at(-1)!.json.data.occurred_at > first.json.data.occurred_at).toBe(true);
    const log = await json(carrierControl(s, "/webhooks", undefined, "GET"));
    expect(log.deliveries.some((d: { status: number }) => d.status === 500)).toBe(true);
  });

  it("delivers out of order and duplicates when those faults are on", async () => {
    const receiver = await startWebhookReceiver();
    onTestFinished(receiver.close);
    const s = await start({
      carrierWebhookUrl: receiver.url,
      // A wide window, so a slow machine still gets all three events into one batch.
      carrierFaults: { webhooks: { outOfOrder: true, duplicateRate: 1, reorderWindowMs: 1_500 } },
    });
    await carrierControl(s, "/numbers", { phoneNumbers: ["+15125550103"], afterHours: 1 });
    await carrierControl(s, "/clock", { advanceHours: 2 });
    const hooks = await receiver.until((r) => r.filter((h) => h.json.meta.attempt === 1).length >= 3);
    const firsts = hooks.filter((h) => h.json.meta.attempt === 1).slice(0, 3);
    const times = firsts.map((h) => h.json.data.occurred_at);
    expect(times).toEqual([...times].sort().reverse());
    expect(firsts[0]!.json.data.payload.assignmentStatus).toBe("ASSIGNED");
    await receiver.until((r) => r.some((h) => h.json.meta.attempt === 2));
  });
});

describe("carrier fault injection", () => {
  it("answers 429 with Retry-After, 500 and 503 at the configured rates", async () => {
    const s = await start();
    await carrierControl(s, "/faults", { errorRates: { "429": 1 }, retryAfterSeconds: 7 });
    const limited = await carrierApi(s, "/phone_number_campaigns/+16175550105");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect((await json(limited)).errors[0].code).toBe("10011");

    await carrierControl(s, "/faults", { errorRates: { "500": 1 } });
    expect((await carrierApi(s, "/phone_number_campaigns/+16175550105")).status).toBe(500);
    await carrierControl(s, "/faults", { errorRates: { "503": 1 } });
    expect((await carrierApi(s, "/phone_number_campaigns/+16175550105")).status).toBe(503);

    // A rate of one half gives a mix, the same mix for the same seed.
    const statuses = async () => {
      await carrierControl(s, "/faults", { errorRates: { "500": 0.5 }, seed: 42 });
      const list: number[] = [];
      for (let i = 0; i < 20; i++)
        list.push((await carrierApi(s, "/phone_number_campaigns/+16175550105")).status);
      return list;
    };
    const run = await statuses();
    expect(run).toContain(200);
    expect(run).toContain(500);
    expect(await statuses()).toEqual(run);

    await carrierControl(s, "/faults", undefined, "DELETE");
    expect((await carrierApi(s, "/phone_number_campaigns/+16175550105")).status).toBe(200);
  });

  it("adds latency, and accepts requests it never answers", async () => {
    const s = await start({ carrierFaults: { latencyMs: 300 } });
    const started = Date.now();
    expect((await carrierApi(s, "/phone_number_campaigns/+16175550105")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    await carrierControl(s, "/faults", { timeoutRate: 1 });
    const request = carrierApi(s, "/phone_number_campaigns/+16175550105", {
      signal: AbortSignal.timeout(500),
    });
    await expect(request).rejects.toThrow(/abort|timeout/i);
  });

  it("sends malformed bodies, unknown status words and stale answers", async () => {
    const s = await start();
    await carrierControl(s, "/faults", { malformedRate: 1 });
    const malformed = await carrierApi(s, "/phone_number_campaigns/+16175550105");
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();

    await carrierControl(s, "/faults", { unknownStatusRate: 1, unknownStatusWord: "HELD_FOR_REVIEW" });
    expect((await json(carrierApi(s, "/phone_number_campaigns/+16175550105"))).assignmentStatus).toBe(
      "HELD_FOR_REVIEW",
    );

    await carrierControl(s, "/faults", {});
    await carrierControl(s, "/clock", { advanceHours: 30 });
    const fresh = await json(carrierApi(s, "/phone_number_campaigns/+16175550105"));
    expect(fresh.assignmentStatus).toBe("ASSIGNED");
    await carrierControl(s, "/faults", { staleRate: 1 });
    const stale = await json(carrierApi(s, "/phone_number_campaigns/+16175550105"));
    expect(Date.parse(stale.updatedAt)).toBeLessThan(Date.parse(fresh.updatedAt));
    expect(stale.assignmentStatus).toBe("PENDING_ASSIGNMENT");
  });

  it("answers bad input with 400 naming the field, unknown paths with 404, and keeps serving", async () => {
    const s = await start();
    const badRate = await carrierControl(s, "/faults", { errorRates: { "429": 2 } });
    expect(badRate.status).toBe(400);
    expect((await json(badRate)).errors[0].source.pointer).toBe("/errorRates/429");
    const unknownKey = await carrierControl(s, "/faults", { explode: true });
    expect(unknownKey.status).toBe(400);
    const notJson = await fetch(`${s.carrierUrl}/_control/numbers`, { method: "POST", body: "{nope" });
    expect(notJson.status).toBe(400);
    const badNumber = await carrierApi(s, "/phone_number_campaigns/not-a-number");
    expect(badNumber.status).toBe(400);
    expect((await json(badNumber)).errors[0].source.pointer).toBe("/phoneNumber");
    const badPage = await carrierApi(s, "/phone_number_campaigns?page[size]=0");
    expect((await json(badPage)).errors[0].source.pointer).toBe("/page[size]");
    expect((await fetch(`${s.carrierUrl}/v2/nothing/here`)).status).toBe(404);
    expect((await fetch(`${s.carrierUrl}/_control/faults`, { method: "PUT" })).status).toBe(405);
    expect((await carrierControl(s, "/clock", {})).status).toBe(400);
    expect((await carrierApi(s, "/phone_number_campaigns/+16175550105")).status).toBe(200);
  });
});

describe("a scenario's own faults", () => {
  it("flaky-carrier starts with its faults on, and DELETE /_control/faults restores them", async () => {
    const s = await start({ scenario: "flaky-carrier" });
    const faults = await json(carrierControl(s, "/faults", undefined, "GET"));
    expect(faults.errorRates).toEqual({ "429": 0.1, "500": 0.05, "503": 0.1 });
    expect(faults.webhooks).toEqual({ duplicateRate: 0.3, outOfOrder: true, reorderWindowMs: 300 });
    await carrierControl(s, "/faults", {});
    expect((await json(carrierControl(s, "/faults", undefined, "DELETE"))).seed).toBe(7);
  });
});
