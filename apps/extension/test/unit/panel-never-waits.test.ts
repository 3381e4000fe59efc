// @vitest-environment node
// The panel never waits on the worker: the background's first view is the local diagnosis, whatever the worker
// does; the worker's answer (one observation, with the shared history in its reply, and a Pending number's
// tracking asked for beside it) redoes the same diagnosis once, over the merged local and shared history.
import { describe, expect, it } from "vitest";
import { Doctor } from "../../src/background/doctor";
import { HistoryStore } from "../../src/background/history-store";
import { memorySettings } from "../../src/background/settings-store";
import { memoryArea } from "../../src/background/storage-area";
import { snapshot } from "../support/snapshots";

const settings = { apiUrl: "http://127.0.0.1:4100", token: "secret-token" };
const NOW = "2026-06-01T15:00:00.000Z";

/** A worker whose answers the test releases: each request waits until `release` is called. */
function heldWorker() {
  const asked: string[] = [];
  const waiting: (() => void)[] = [];
  let reply: (url: string) => Response = () => new Response("{}", { status: 503 });
  const fetchImpl: typeof fetch = (input, init) =>
    new Promise((resolve, reject) => {
      asked.push(`${init?.method ?? "GET"} ${new URL(String(input)).pathname}`);
      init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      waiting.push(() => resolve(reply(String(input))));
    });
  return {
    asked,
    fetchImpl,
    answerWith(next: (url: string) => Response) {
      reply = next;
    },
    release() {
      for (const go of waiting.splice(0)) go();
    },
  };
}

const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status });

describe("the panel never waits on the worker", () => {
  it("gives the local diagnosis while the worker has not answered, then the one redone with its answer", async () => {
    const worker = heldWorker();
    const history = new HistoryStore(memoryArea());
    const doctor = new Doctor({
      history,
      settings: memorySettings(settings),
      now: () => new Date(NOW),
      fetch: worker.fetchImpl,
    });
    const current = snapshot({
      observedAt: "2026-06-01T14:59:00.000Z",
      phoneNumber: "+16175550188",
      sms: { number: "+16175550188", enabled: false, status: null },
    });
    const first = await doctor.diagnoseUser(current);
    // Nothing answered yet, and the view is there: this browser has never seen the user before.
    expect(worker.asked).toEqual(["POST /v1/observations"]);
    expect(first.view.worker).toMatchObject({ state: "asking", requestId: expect.any(String) });
    expect(first.view.findings[0]?.certainty).not.toBe("confirmed");

    // Another administrator's browser saw the user with SMS on for the old number: the shared history says so.
    worker.answerWith(() =>
      json(200, {
        diagnosis: { verdict: "unknown", findings: [] },
        history: [
          { ...snapshot({ observedAt: "2026-05-01T15:00:00.000Z" }), source: "console" },
          { ...current, source: "console" },
        ],
      }),
    );
    worker.release();
    const answered = await doctor.workerAnswer(first.view.worker!.requestId!);
    expect(answered.view.worker).toMatchObject({ state: "answered" });
    expect(answered.view.findings[0]).toMatchObject({
      ruleId: "phone-number-changed",
      certainty: "confirmed",
    });
    expect(answered.view.verdict).toBe("cannot-send");
    await doctor.verdictsStored();
    expect(await history.verdicts(["u-alice"])).toEqual({ "u-alice": "cannot-send" });
    // The history was not asked for again, and the answer is claimed once.
    expect(worker.asked).toEqual(["POST /v1/observations"]);
    await expect(doctor.workerAnswer(first.view.worker!.requestId!)).rejects.toThrow(/no longer waiting/);
  });

  it("asks to track a Pending number beside the observation, not after it", async () => {
    const worker = heldWorker();
    const doctor = new Doctor({
      history: new HistoryStore(memoryArea()),
      settings: memorySettings(settings),
      now: () => new Date(NOW),
      fetch: worker.fetchImpl,
    });
    const { view } = await doctor.diagnoseUser(
      snapshot({ sms: { number: "+16175550101", enabled: true, status: "pending" } }),
    );
    expect(view.worker?.words).toMatch(/carrier tracking/);
    // Both in flight before either answered.
    expect(worker.asked.sort()).toEqual(["POST /v1/numbers", "POST /v1/observations"]);
    worker.answerWith((url) =>
      url.endsWith("/v1/numbers")
        ? json(202, {
            number: "+16175550101",
            state: "AWAITING_NUMBER",
            since: "2026-06-01T12:00:00.000Z",
            transitions: [],
            stalled: false,
          })
        : json(200, { diagnosis: { verdict: "pending", findings: [] }, history: [] }),
    );
    worker.release();
    const answered = await doctor.workerAnswer(view.worker!.requestId!);
    expect(answered.view.sharedHistory).toMatchObject({
      kind: "shown",
      nothingChanged: "Nothing changed in the shared history (0 snapshots).",
    });
    expect(answered.view.tracking).toMatchObject({
      kind: "tracked",
      tracking: { number: "+16175550101", numberForPeople: "+1 617-555-0101", state: "AWAITING_NUMBER" },
    });
  });

  it("says the worker could not be reached, and keeps the local diagnosis", async () => {
    const worker = heldWorker();
    const doctor = new Doctor({
      history: new HistoryStore(memoryArea()),
      settings: memorySettings(settings),
      now: () => new Date(NOW),
      fetch: worker.fetchImpl,
    });
    const { view } = await doctor.diagnoseUser(snapshot());
    worker.release(); // answers 503
    const answered = await doctor.workerAnswer(view.worker!.requestId!);
    expect(answered.view.worker?.state).toBe("unreachable");
    expect(answered.view.worker?.words).toMatch(/could not be reached.*503/);
    expect(answered.view.verdict).toBe(view.verdict);
    expect(answered.view.sharedHistory).toMatchObject({ kind: "error" });
  });

  it("without a worker, says nothing of one", async () => {
    const doctor = new Doctor({ history: new HistoryStore(memoryArea()), settings: memorySettings() });
    const { view } = await doctor.diagnoseUser(snapshot());
    expect(view.worker).toBeUndefined();
  });
});
