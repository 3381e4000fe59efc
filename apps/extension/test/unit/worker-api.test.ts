// @vitest-environment node
import { describe, expect, it } from "vitest";
import { Doctor } from "../../src/background/doctor";
import { HistoryStore } from "../../src/background/history-store";
import { memorySettings } from "../../src/background/settings-store";
import { memoryArea } from "../../src/background/storage-area";
import { WorkerApi } from "../../src/background/worker-api";
import { snapshot } from "../support/snapshots";
import { withWorkerAnswer } from "../support/worker-answer";

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
      return json(200, {
        diagnosis: { verdict: "pending", findings: [] },
        provisioning: record,
        // The user's shared history, oldest first.
        history: [
          snapshot({ observedAt: "2026-05-01T15:00:00.000Z" }),
          // The Administration API cannot see SMS: its null says nothing about the switch.
          snapshot({
            observedAt: "2026-05-02T15:00:00.000Z",
            phoneNumber: "+16175550188",
            sms: null,
            source: "admin-api",
          }),
        ],
      });
    }
    if (url.endsWith("/v1/numbers")) return json(202, record);
    if (url.includes("/v1/users/verdicts?")) {
      const ids = new URL(url).searchParams.get("userIds")!.split(",");
      const known: Record<string, string> = {
        "u-bob": "cannot-send",
        "u-carol": "unknown",
        "u-dave": "can-send",
      };
      return json(200, {
        verdicts: Object.fromEntries(ids.filter((id) => known[id]).map((id) => [id, known[id]])),
      });
    }
    return json(404, { error: { code: "not-found", message: "not tracked" } });
  };
  return { calls, fetchImpl };
}

describe("talking to the worker's status API", () => {
  it("sends the bearer token and reads the observation's diagnosis and provisioning record", async () => {
    const worker = workerLike();
    const reply = await new WorkerApi(settings, worker.fetchImpl).observe(snapshot());
    expect(reply.diagnosis.verdict).toBe("pending");
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
    const view = await withWorkerAnswer(
      doctor,
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

  it("adds the worker's shared history to the user's view as what changed, newest last", async () => {
    const worker = workerLike();
    const doctor = new Doctor({
      history: new HistoryStore(memoryArea()),
      settings: memorySettings(settings),
      now: () => new Date("2026-06-01T15:00:00.000Z"),
      fetch: worker.fetchImpl,
    });
    const view = await withWorkerAnswer(doctor, snapshot());
    // Numbers as people read them (E.164 stays in the data).
    expect(view.sharedHistory).toEqual({
      kind: "shown",
      snapshots: 2,
      changes: [
        {
          field: "phoneNumber",
          before: "+1 617-555-0101",
          after: "+1 617-555-0188",
          at: "2026-05-02T15:00:00.000Z",
          source: "admin-api",
          sourceWords: "from the Administration API (directory sync)",
        },
      ],
    });
    // One round trip: the observation's reply carries the history (this visit included); nothing fetches it again.
    const paths = worker.calls.map((c) => new URL(c.url).pathname);
    expect(paths).toEqual(["/v1/observations"]);
    // Without a worker there is no shared history at all.
    const alone = new Doctor({ history: new HistoryStore(memoryArea()), settings: memorySettings() });
    expect((await alone.diagnoseUser(snapshot())).view.sharedHistory).toBeUndefined();
  });

  it("badges the Users list from the worker's verdicts, falling back to this browser's", async () => {
    const worker = workerLike();
    const history = new HistoryStore(memoryArea());
    await history.setVerdict("u-carol", "pending");
    await history.setVerdict("u-dave", "cannot-send");
    await history.setVerdict("u-erin", "pending");
    const ids = ["u-bob", "u-carol", "u-dave", "u-erin", "u-frank"];
    const doctor = new Doctor({ history, settings: memorySettings(settings), fetch: worker.fetchImpl });
    // The worker wins; its "unknown" (no SMS visible) neither overrides nor badges; local fills the gaps.
    expect(await doctor.usersListVerdicts(ids)).toEqual({
      "u-bob": "cannot-send",
      "u-carol": "pending",
      "u-dave": "can-send",
      "u-erin": "pending",
    });
    const down = new Doctor({
      history,
      settings: memorySettings(settings),
      fetch: async () => new Response("{}", { status: 503 }),
    });
    expect(await down.usersListVerdicts(ids)).toEqual({
      "u-carol": "pending",
      "u-dave": "cannot-send",
      "u-erin": "pending",
    });
    const alone = new Doctor({ history, settings: memorySettings() });
    expect(await alone.usersListVerdicts(["u-dave"])).toEqual({ "u-dave": "cannot-send" });
  });

  it("asks for verdicts in batches the worker accepts, with the ids encoded", async () => {
    const worker = workerLike();
    const ids = Array.from({ length: 450 }, (_, i) => `u-${i}`);
    await new WorkerApi(settings, worker.fetchImpl).verdicts([...ids, "u-bob"]);
    const asked = worker.calls.map((c) => new URL(c.url).searchParams.get("userIds")!.split(","));
    expect(asked.map((batch) => batch.length)).toEqual([200, 200, 51]);
  });

  it("rejects a history answer of the wrong shape", async () => {
    const odd: typeof fetch = async () =>
      new Response(
        JSON.stringify({ diagnosis: { verdict: "unknown", findings: [] }, history: [{ userId: 1 }] }),
      );
    await expect(new WorkerApi(settings, odd).observe(snapshot())).rejects.toThrow(/shared history/);
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
    const view = await withWorkerAnswer(doctor, snapshot());
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
    const view = await withWorkerAnswer(
      doctor,
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
