// Each carrier API the worker speaks, against the sandbox's simulator speaking that provider's dialect (written
// from the providers' published references): the adapters' wire schemas parse the simulator's answers
// (contract), a number is followed from Pending to ACTIVE through each, and storms of 429s and 5xx lose and
// double nothing. Real Redis, real HTTP, the real tracker.
import { type ProvisioningState, startTracking } from "@sms-doctor/core";
import {
  bandwidthDialect,
  type Dialect,
  type DialectCredentials,
  type Sandbox,
  sinchDialect,
  startDialectServer,
  startSandbox,
  twilioDialect,
} from "@sms-doctor/sandbox";
import { afterEach, describe, expect, it } from "vitest";
import type { z } from "zod";
import { buildStatusApi } from "../src/api/status-api.js";
import { sha256Hex } from "../src/config.js";
import { createBandwidthAdapter } from "../src/providers/bandwidth-adapter.js";
import {
  BandwidthErrorSchema,
  BandwidthOrderListSchema,
  BandwidthOrderSchema,
  parseBandwidthXml,
} from "../src/providers/bandwidth-wire.js";
import type { ProviderAdapter } from "../src/providers/provider-adapter.js";
import {
  bandwidthScheme,
  sinchScheme,
  twilioScheme,
  type WebhookScheme,
} from "../src/providers/provider-webhook-schemes.js";
import { createSinchAdapter } from "../src/providers/sinch-adapter.js";
import { SinchActiveNumberSchema, SinchErrorSchema } from "../src/providers/sinch-wire.js";
import { createTwilioAdapter } from "../src/providers/twilio-adapter.js";
import {
  TwilioBrandRegistrationSchema,
  TwilioErrorSchema,
  TwilioServicePhoneNumbersPageSchema,
  TwilioUsa2pPageSchema,
} from "../src/providers/twilio-wire.js";
import { decideCheck } from "../src/tracking/check-number.js";
import type { TrackingStore } from "../src/tracking/tracking-store.js";
import { until, useRedisServer } from "./support/redis.js";
import { expectNothingLostOrDoubled, freshStore, startTracker } from "./support/tracker-harness.js";

const redis = useRedisServer();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

const TWILIO: DialectCredentials = {
  account: `AC${"1".repeat(32)}`,
  user: `AC${"1".repeat(32)}`,
  secret: "twilio-auth-token",
  service: `MG${"2".repeat(32)}`,
};
const BANDWIDTH: DialectCredentials = {
  account: "9900000",
  user: "bandwidth-api-user",
  secret: "bandwidth-password",
  webhookSecret: "bw-callback:bw-callback-password",
};
const SINCH: DialectCredentials = {
  account: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
  user: "sinch-key-id",
  secret: "sinch-key-secret",
  webhookSecret: "sinch-hmac-secret",
};

interface Provider {
  dialect: Dialect;
  credentials: DialectCredentials;
  adapter: (baseUrl: string, fast?: boolean) => ProviderAdapter;
  /** Paths the contract test reads, and the schema of each answer. */
  contract: (number: string) => { path: string; schema: z.ZodType }[];
  errorSchema: z.ZodType;
  /** How the provider's bodies are read (JSON; XML for Bandwidth). */
  read?: (text: string) => unknown;
  /** How the worker verifies this provider's webhooks, with the simulator's secrets. */
  scheme: WebhookScheme;
}

const fast = { timeoutMs: 300, retries: 1, backoffMs: 20 };
const PROVIDERS: Record<"twilio" | "sinch" | "bandwidth", Provider> = {
  bandwidth: {
    dialect: bandwidthDialect,
    credentials: BANDWIDTH,
    adapter: (baseUrl, storm) =>
      createBandwidthAdapter({
        baseUrl,
        accountId: BANDWIDTH.account,
        username: BANDWIDTH.user,
        password: BANDWIDTH.secret,
        // The simulator has no 30/min limit of its own: the test runs at simulated speed.
        requestsPerSecond: 200,
        ...(storm ? fast : {}),
      }),
    contract: (number) => [
      {
        path: `/api/accounts/${BANDWIDTH.account}/tnoptions?tn=${number.slice(2)}`,
        schema: BandwidthOrderListSchema,
      },
    ],
    errorSchema: BandwidthErrorSchema,
    read: parseBandwidthXml,
    scheme: bandwidthScheme(BANDWIDTH.webhookSecret!),
  },
  twilio: {
    dialect: twilioDialect,
    credentials: TWILIO,
    adapter: (baseUrl, storm) =>
      createTwilioAdapter({
        baseUrl,
        accountSid: TWILIO.user,
        authToken: TWILIO.secret,
        messagingServiceSid: TWILIO.service!,
        ...(storm ? fast : {}),
      }),
    contract: () => [
      { path: `/v1/Services/${TWILIO.service}/Compliance/Usa2p`, schema: TwilioUsa2pPageSchema },
      {
        path: `/v1/Services/${TWILIO.service}/PhoneNumbers?PageSize=2`,
        schema: TwilioServicePhoneNumbersPageSchema,
      },
    ],
    errorSchema: TwilioErrorSchema,
    scheme: twilioScheme(TWILIO.secret),
  },
  sinch: {
    dialect: sinchDialect,
    credentials: SINCH,
    adapter: (baseUrl, storm) =>
      createSinchAdapter({
        baseUrl,
        projectId: SINCH.account,
        keyId: SINCH.user,
        keySecret: SINCH.secret,
        ...(storm ? fast : {}),
      }),
    contract: (number) => [
      { path: `/v1/projects/${SINCH.account}/activeNumbers/${number}`, schema: SinchActiveNumberSchema },
    ],
    errorSchema: SinchErrorSchema,
    scheme: sinchScheme(SINCH.webhookSecret!),
  },
};

async function world(
  numbers: string[],
  options: { campaignUnderReview?: boolean; afterHours?: number } = {},
): Promise<Sandbox> {
  const sandbox = await startSandbox({
    scenario: "verification-pending",
    speed: 3600,
    carrierApiKey: "carrier-key",
  });
  cleanups.push(() => sandbox.close());
  if (options.campaignUnderReview) {
    await fetch(`${sandbox.carrierUrl}/_control/campaign`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ campaignStatus: "MNO_PENDING" }),
    });
  }
  const response = await fetch(`${sandbox.carrierUrl}/_control/numbers`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ phoneNumbers: numbers, afterHours: options.afterHours ?? 2 }),
  });
  expect(response.status).toBe(201);
  return sandbox;
}

async function dialectServer(sandbox: Sandbox, provider: Provider, faults = {}) {
  const server = await startDialectServer({
    world: sandbox.world,
    dialect: provider.dialect,
    credentials: provider.credentials,
    faults,
  });
  cleanups.push(() => server.close());
  return server;
}

async function follow(
  sandbox: Sandbox,
  adapter: ProviderAdapter,
  numbers: string[],
  name: string,
  /** Runs before the tracker starts, with the store it will use. */
  before?: (store: TrackingStore) => Promise<void>,
) {
  const { prefix, store } = await freshStore(redis.url(), cleanups);
  const clock = {
    now: () => sandbox.world.clock.now(),
    realMsUntil: (at: number) => sandbox.world.clock.realDelayUntil(at),
  };
  await before?.(store);
  const harness = await startTracker(redis.url(), prefix, adapter, { clock, maxBackoffMs: 1500 });
  cleanups.push(() => harness.close());
  for (const number of numbers) {
    await store.start(
      "acme",
      startTracking(number, new Date(clock.now()).toISOString(), { provider: name }),
      {
        dueAt: clock.now(),
      },
    );
  }
  const states = async (): Promise<ProvisioningState[]> =>
    Promise.all(numbers.map(async (n) => (await store.load("acme", n))!.record.state));
  await until(async () => (await states()).every((s) => s === "ACTIVE"), 60_000, `${name}: ACTIVE`);
  return store;
}

const numbersFrom = (first: number, count: number) =>
  Array.from({ length: count }, (_, i) => `+1212555${String(first + i).padStart(4, "0")}`);

describe.each(Object.entries(PROVIDERS))("the %s dialect", (name, provider) => {
  it("answers in shapes the adapter's wire schemas parse (contract), errors included", async () => {
    const [number] = numbersFrom(3000, 1);
    const sandbox = await world([number!]);
    await fetch(`${sandbox.carrierUrl}/_control/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advanceHours: 3 }),
    });
    const server = await dialectServer(sandbox, provider);
    const auth = `Basic ${Buffer.from(`${provider.credentials.user}:${provider.credentials.secret}`).toString("base64")}`;
    for (const { path, schema } of provider.contract(number!)) {
      const response = await fetch(`${server.url}${path}`, { headers: { authorization: auth } });
      expect(response.status, path).toBe(200);
      const body = (provider.read ?? JSON.parse)(await response.text());
      expect(schema.safeParse(body).error, path).toBeUndefined();
    }
    if (name === "bandwidth") {
      const list = BandwidthOrderListSchema.parse(
        parseBandwidthXml(
          await (
            await fetch(`${server.url}${provider.contract(number!)[0]!.path}`, {
              headers: { authorization: auth },
            })
          ).text(),
        ),
      );
      const orderId = list.TnOptionOrders.TnOptionOrderSummary![0]!.OrderId;
      const order = await fetch(`${server.url}/api/accounts/${BANDWIDTH.account}/tnoptions/${orderId}`, {
        headers: { authorization: auth },
      });
      expect(BandwidthOrderSchema.safeParse(parseBandwidthXml(await order.text())).error).toBeUndefined();
    }
    if (name === "twilio") {
      const usa2p = TwilioUsa2pPageSchema.parse(
        await (
          await fetch(`${server.url}/v1/Services/${TWILIO.service}/Compliance/Usa2p`, {
            headers: { authorization: auth },
          })
        ).json(),
      );
      const brand = await fetch(
        `${server.url}/v1/a2p/BrandRegistrations/${usa2p.compliance[0]!.brand_registration_sid}`,
        {
          headers: { authorization: auth },
        },
      );
      expect(TwilioBrandRegistrationSchema.safeParse(await brand.json()).error).toBeUndefined();
    }
    const unauthorized = await fetch(`${server.url}${provider.contract(number!)[0]!.path}`);
    expect(unauthorized.status).toBe(401);
    expect(
      provider.errorSchema.safeParse((provider.read ?? JSON.parse)(await unauthorized.text())).error,
    ).toBeUndefined();
    const missing = await fetch(`${server.url}/v1/nothing-here`, { headers: { authorization: auth } });
    expect(missing.status).toBe(404);
    expect(
      provider.errorSchema.safeParse((provider.read ?? JSON.parse)(await missing.text())).error,
    ).toBeUndefined();
  });

  it("follows numbers from Pending to ACTIVE through the provider's API", async () => {
    const numbers = numbersFrom(3100, 5);
    // Eight simulated hours (eight real seconds) to assign: the first check sees the number pending even on a
    // loaded machine.
    const sandbox = await world(numbers, { afterHours: 8 });
    const server = await dialectServer(sandbox, provider);
    const store = await follow(sandbox, provider.adapter(server.url), numbers, name);
    const { record } = (await store.load("acme", numbers[0]!))!;
    expect(record.transitions.map((t) => t.to)).toEqual(["AWAITING_NUMBER", "ACTIVE"]);
    expect(record.raw?.provider).toBe(name);
    await expectNothingLostOrDoubled(store, numbers);
  });

  it("survives a storm of 429s (with the provider's headers), 5xx, timeouts and stale answers: 0 lost, 0 doubled", async () => {
    const numbers = numbersFrom(3200, 15);
    const sandbox = await world(numbers);
    const server = await dialectServer(sandbox, provider, {
      errorRates: { "429": 0.2, "500": 0.1, "503": 0.1 },
      retryAfterSeconds: 1,
      timeoutRate: 0.05,
      staleRate: 0.1,
      seed: 11,
    });
    const store = await follow(sandbox, provider.adapter(server.url, true), numbers, name);
    expect(server.answered.get(429) ?? 0).toBeGreaterThan(0);
    await expectNothingLostOrDoubled(store, numbers);
  });

  it("takes the provider's signed webhooks, duplicated and out of order, as hints only: 0 lost, 0 doubled", async () => {
    const numbers = numbersFrom(3300, 10);
    const sandbox = await world(numbers);
    let server: Awaited<ReturnType<typeof startDialectServer>> | undefined;
    const adapter: ProviderAdapter = {
      name,
      check: (number, context) => provider.adapter(server!.url).check(number, context),
    };
    const store = await follow(sandbox, adapter, numbers, name, async (shared) => {
      // The API shares the tracker's store: a webhook brings the number's next check forward.
      const api = await buildStatusApi({
        store: shared,
        redis: shared.redis,
        tokens: [{ tenant: "acme", sha256: sha256Hex("acme-token-0123456789") }],
        rateLimitPerMinute: 100_000,
        provider: name,
        webhookSchemes: { [name]: provider.scheme },
      });
      // Twilio signs the URL it called: the API's own address here.
      const apiUrl = await api.listen({ host: "127.0.0.1", port: 0 });
      cleanups.push(() => api.close());
      server = await startDialectServer({
        world: sandbox.world,
        dialect: provider.dialect,
        credentials: provider.credentials,
        faults: { webhooks: { duplicateRate: 0.5, outOfOrder: true, reorderWindowMs: 200 }, seed: 5 },
        webhookUrl: `${apiUrl}/v1/webhooks/${name}`,
      });
      cleanups.push(() => server!.close());
    });
    await expectNothingLostOrDoubled(store, numbers);
    const deliveries = server!.webhooks!.deliveries;
    // Every webhook verified (none refused), some delivered twice and answered as duplicates.
    expect(deliveries.length).toBeGreaterThan(numbers.length);
    expect(deliveries.filter((d) => d.status === 401 || d.status === 400)).toEqual([]);
    expect(deliveries.filter((d) => d.status === 202).length).toBeGreaterThan(0);
    expect(deliveries.filter((d) => d.status === 200).length).toBeGreaterThan(0);
  });

  it.skipIf(name === "bandwidth")(
    "says the campaign is what a number waits on while the carriers review it",
    async () => {
      // Bandwidth's TN Option Orders say nothing of the campaign (Bandwidth refuses an unapproved one upfront).
      const [number] = numbersFrom(3400, 1);
      const sandbox = await world([number!], { campaignUnderReview: true });
      const server = await dialectServer(sandbox, provider);
      const now = new Date(sandbox.world.clock.now()).toISOString();
      const statuses = await provider.adapter(server.url).check(number!, { now });
      const record = startTracking(number!, now, { provider: name });
      const decision = decideCheck(record, statuses, Date.parse(now));
      expect(decision.record.state).toBe("AWAITING_CAMPAIGN");
      expect(decision.record.raw?.provider).toBe(name);
    },
  );
});
