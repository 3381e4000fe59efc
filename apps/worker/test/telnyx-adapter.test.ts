import { afterEach, describe, expect, it } from "vitest";
import { CircuitBreaker } from "../src/providers/circuit-breaker.js";
import { ProviderError } from "../src/providers/provider-adapter.js";
import { createTelnyxAdapter } from "../src/providers/telnyx-adapter.js";
import { assignment, type CarrierScript, FakeCarrier } from "./support/fake-carrier.js";

const NOW = "2026-05-01T12:00:00.000Z";
const carriers: FakeCarrier[] = [];
afterEach(async () => {
  for (const carrier of carriers.splice(0)) await carrier.close();
});

async function adapterFor(
  script: CarrierScript,
  options: { breaker?: CircuitBreaker; timeoutMs?: number } = {},
) {
  const carrier = await FakeCarrier.start(script);
  carriers.push(carrier);
  const adapter = createTelnyxAdapter({
    baseUrl: carrier.baseUrl,
    apiKey: "secret-key",
    timeoutMs: options.timeoutMs ?? 300,
    retries: 2,
    backoffMs: 10,
    ...(options.breaker ? { breaker: options.breaker } : {}),
  });
  return { carrier, adapter };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("the telnyx adapter", () => {
  it("reports the assignment status verbatim, with the provider's time and failure reasons", async () => {
    const { adapter } = await adapterFor(({ number }) => ({
      body: {
        ...assignment(number, "FAILED_ASSIGNMENT", "2026-04-30T10:00:00Z"),
        failureReasons: "Number already in use",
      },
    }));
    expect(await adapter.check("+14155550100", { now: NOW })).toEqual([
      {
        provider: "telnyx",
        entity: "number",
        value: "FAILED_ASSIGNMENT",
        observedAt: "2026-04-30T10:00:00.000Z",
        reasons: ["Number already in use"],
      },
    ]);
  });

  it("says nothing for a number the provider does not know yet (404)", async () => {
    const { adapter } = await adapterFor(() => ({ status: 404, body: { errors: [{ code: "10005" }] } }));
    expect(await adapter.check("+14155550100", { now: NOW })).toEqual([]);
  });

  it("reports a campaign still under review instead of the pending assignment", async () => {
    const { adapter } = await adapterFor(({ number, path }) =>
      path.includes("/campaign/")
        ? { body: { campaignId: "c1", campaignStatus: "MNO_PENDING" } }
        : { body: { ...assignment(number, "PENDING_ASSIGNMENT"), campaignId: "c1" } },
    );
    expect(await adapter.check("+14155550100", { now: NOW })).toEqual([
      { provider: "telnyx", entity: "campaign", value: "MNO_PENDING", observedAt: NOW },
    ]);
  });

  it("retries 5xx with backoff and succeeds", async () => {
    const { adapter, carrier } = await adapterFor(({ number, asked }) =>
      asked < 3 ? { status: 503 } : { body: assignment(number, "ASSIGNED") },
    );
    expect((await adapter.check("+14155550100", { now: NOW }))[0]!.value).toBe("ASSIGNED");
    expect(carrier.requests).toBe(3);
  });

  it("turns timeouts and malformed bodies into `unavailable`, after retrying", async () => {
    const hanging = await adapterFor(() => ({ hang: true }), { timeoutMs: 100 });
    const timedOut = await failure(hanging.adapter.check("+14155550100", { now: NOW }));
    expect(timedOut.kind).toBe("unavailable");
    expect(timedOut.message).toMatch(/timed out/);
    // Three attempts; on a loaded machine the last may be aborted before the server has parsed it.
    expect(hanging.carrier.requests).toBeGreaterThanOrEqual(2);

    const garbage = await adapterFor(() => ({ rawBody: "{not json" }));
    expect((await failure(garbage.adapter.check("+14155550100", { now: NOW }))).kind).toBe("unavailable");
    const wrongShape = await adapterFor(() => ({ body: { phoneNumber: 42, assignmentStatus: ["x"] } }));
    const malformed = await failure(wrongShape.adapter.check("+14155550100", { now: NOW }));
    expect(malformed.message).toMatch(/malformed: phoneNumber/);
  });

  it("reports 429 at once with Retry-After and the provider's code, without retrying", async () => {
    const { adapter, carrier } = await adapterFor(() => ({
      status: 429,
      headers: { "retry-after": "7" },
      body: { errors: [{ code: "10011", title: "Too many requests" }] },
    }));
    const error = await failure(adapter.check("+14155550100", { now: NOW }));
    expect(error.kind).toBe("rate-limited");
    expect(error.details).toMatchObject({ httpStatus: 429, retryAfterMs: 7000, code: "10011" });
    expect(carrier.requests).toBe(1);
  });

  it("refuses on 401 (a configuration problem) and sends the API key", async () => {
    const { adapter, carrier } = await adapterFor(() => ({
      status: 401,
      body: { errors: [{ code: "10009" }] },
    }));
    expect((await failure(adapter.check("+14155550100", { now: NOW }))).kind).toBe("refused");
    expect(carrier.authorizations).toEqual(["Bearer secret-key"]);
  });

  it("opens the circuit after repeated failures and closes it after a successful probe", async () => {
    let clock = 0;
    let healthy = false;
    const breaker = new CircuitBreaker({ failureThreshold: 2, openMs: 1000, now: () => clock });
    const { adapter, carrier } = await adapterFor(
      ({ number }) => (healthy ? { body: assignment(number, "ASSIGNED") } : { status: 500 }),
      { breaker },
    );
    await failure(adapter.check("+14155550100", { now: NOW }));
    await failure(adapter.check("+14155550100", { now: NOW }));
    expect(breaker.state).toBe("open");
    const before = carrier.requests;
    const open = await failure(adapter.check("+14155550100", { now: NOW }));
    expect(open.kind).toBe("circuit-open");
    expect(carrier.requests).toBe(before);
    clock = 1001;
    healthy = true;
    expect(breaker.state).toBe("half-open");
    expect((await adapter.check("+14155550100", { now: NOW }))[0]!.value).toBe("ASSIGNED");
    expect(breaker.state).toBe("closed");
  });
});
