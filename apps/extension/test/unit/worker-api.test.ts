// @vitest-environment node
import { describe, expect, it } from "vitest";
import { Doctor } from "../../src/background/doctor";
import { HistoryStore } from "../../src/background/history-store";
import { memorySettings } from "../../src/background/settings-store";
import { memoryArea } from "../../src/background/storage-area";
import { WorkerApi } from "../../src/background/worker-api";
import { snapshot } from "../support/snapshots";

const settings = { apiUrl: "http://127.0.0.1:4100", token: "secret-token" };

/** Answers like apps/worker's status API (see its status-api.ts), recording what it was asked. */
function workerLike() {
  const calls: { method: string; url: string; auth: string | null; body: unknown }[] = [];
  const record = {
    number: "+16175550102",
    state: "AWAITING_NUMBER",
    since: "2026-06-01T12:00:00.000Z",
    lastCheckedAt: "2026-06-01T14:00:00.000Z",
    transitions: [],
    userId: "u-alice",
    stalled: false,
  };
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = String(input);
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({
      method: init?.method ?? "GET",
      url,
      auth: new Headers(init?.headers).get("authorization"),
      body,
    });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status });
    if (url.endsWith("/v1/observations")) {
      return json(200, { diagnosis: { verdict: "pending", findings: [] }, provisioning: record });
    }
    if (url.endsWith("/v1/numbers")) return json(202, record);
    return json(404, { error: { code: "not-found", message: "not tracked" } });
  };
  return { calls, fetchImpl };
}

describe("talking to the worker's status API", () => {
  it("sends the bearer token and reads the observation's diagnosis and provisioning record", async () => {
    const worker = workerLike();
    const reply = await new WorkerApi(settings, worker.fetchImpl).observe(snapshot());
    expect(reply.verdict).toBe("pending");
    expect(reply.provisioning?.state).toBe("AWAITING_NUMBER");
    expect(worker.calls[0]).toMatchObject({ method: "POST", auth: "Bearer secret-token" });
  });

  it("reports a refused token in words the admin can act on", async () => {
    const refusing: typeof fetch = async () => new Response("{}", { status: 401 });
    await expect(new WorkerApi(settings, refusing).check()).rejects.toThrow(/refused the token/);
  });

  it("shows the tracker for a Pending US number, asking the worker with the number in E.164", async () => {
    const worker = workerLike();
    const doctor = new Doctor({
      history: new HistoryStore(memoryArea()),
      settings: memorySettings(settings),
      now: () => new Date("2026-06-01T15:00:00.000Z"),
      fetch: worker.fetchImpl,
    });
    const view = await doctor.diagnoseUser(
      snapshot({
        sms: { number: "+1 (617) 555-0102", enabled: true, status: "pending" },
        phoneNumber: "+1 (617) 555-0102",
      }),
    );
    expect(view.tracking).toMatchObject({
      kind: "tracked",
      tracking: { state: "AWAITING_NUMBER", stalled: false },
    });
    expect(view.verdict).toBe("pending");
  });

  it("keeps the local diagnosis when the worker can't be reached", async () => {
    const down: typeof fetch = async () => {
      throw new TypeError("Failed to fetch");
    };
    const doctor = new Doctor({
      history: new HistoryStore(memoryArea()),
      settings: memorySettings(settings),
      now: () => new Date("2026-06-01T15:00:00.000Z"),
      fetch: down,
    });
    const view = await doctor.diagnoseUser(snapshot());
    expect(view.tracking).toMatchObject({
      kind: "error",
      message: expect.stringMatching(/could not be reached/),
    });
    expect(view.verdict).toBeDefined();
  });

  it("shows the local diagnosis when this browser's history confirms more than the worker's", async () => {
    const worker = workerLike();
    const history = new HistoryStore(memoryArea());
    await history.record(snapshot({ observedAt: "2026-05-01T15:00:00.000Z" }));
    const doctor = new Doctor({
      history,
      settings: memorySettings(settings),
      now: () => new Date("2026-06-01T15:00:00.000Z"),
      fetch: worker.fetchImpl,
    });
    const view = await doctor.diagnoseUser(
      snapshot({
        observedAt: "2026-06-01T14:59:00.000Z",
        phoneNumber: "+16175550188",
        sms: { number: "+16175550188", enabled: false, status: null },
      }),
    );
    expect(view.findings[0]).toMatchObject({ ruleId: "phone-number-changed", certainty: "confirmed" });
    expect(view.verdict).toBe("cannot-send");
  });
});
