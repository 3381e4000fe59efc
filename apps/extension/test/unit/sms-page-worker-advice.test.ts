// @vitest-environment node
/**
 * The SMS page panel's worker advice against the real worker status API over real Redis: which numbers the worker
 * would like re-read (console-tracked, not seen for 12 hours) and each Pending number's per-carrier readiness,
 * worded by the background.
 */
import { createHash } from "node:crypto";
import { CONSOLE_PROVIDER, type ProvisioningRecord, startTracking } from "@sms-doctor/core";
import {
  buildStatusApi,
  ConsoleSource,
  RedisServerProcess,
  storeConnection,
  TrackingStore,
} from "@sms-doctor/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Doctor } from "../../src/background/doctor";
import { HistoryStore } from "../../src/background/history-store";
import { memorySettings } from "../../src/background/settings-store";
import { memoryArea } from "../../src/background/storage-area";

const HOUR = 3_600_000;
const STARTED = Date.parse("2026-12-01T08:00:00.000Z");
const TOKEN = "acme-token-0123456789";
const SEEN_BY_CONSOLE = "+14155550100";
const ON_CARRIER = "+14155550101";

let redis: RedisServerProcess;
let store: TrackingStore;
let apiUrl: string;
let now = STARTED;
const closers: (() => unknown)[] = [];

beforeAll(async () => {
  redis = await RedisServerProcess.start();
  closers.push(() => redis.stop());
  // Offline queue on: commands wait for the connection instead of failing while it is still being made.
  const connection = storeConnection(redis.url);
  closers.push(() => connection.disconnect());
  store = new TrackingStore(connection, { prefix: "{ext-advice}" });
  const app = await buildStatusApi({
    store,
    redis: connection,
    tokens: [{ tenant: "acme", sha256: createHash("sha256").update(TOKEN).digest("hex") }],
    provider: CONSOLE_PROVIDER,
    now: () => now,
  });
  closers.push(() => app.close());
  apiUrl = await app.listen({ host: "127.0.0.1", port: 0 });
  const at = new Date(STARTED).toISOString();
  await store.start("acme", startTracking(SEEN_BY_CONSOLE, at, { provider: CONSOLE_PROVIDER }), {
    dueAt: STARTED,
    userId: "u-ann",
  });
  const carrierRecord: ProvisioningRecord = {
    ...startTracking(ON_CARRIER, at, { provider: "telnyx" }),
    state: "AWAITING_NUMBER",
    carriers: [
      { carrier: "T-Mobile", readiness: "live", value: "COMPLETE" },
      { carrier: "AT&T/Verizon", readiness: "pending", value: "PENDING" },
    ],
  };
  await store.start("acme", carrierRecord, { dueAt: STARTED });
  // A redis-server of its own and the worker's API: slow to start on a loaded machine.
}, 60_000);
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

const registration = (observedAt: number) => ({
  observedAt: new Date(observedAt).toISOString(),
  brand: { status: "verified" as const },
  campaign: { status: "verified" as const, errors: [] },
  enabledNumbers: [
    { number: "(415) 555-0100", status: "pending" as const },
    { number: "(415) 555-0101", status: "pending" as const },
  ],
});

const doctorAt = (at: number) =>
  new Doctor({
    history: new HistoryStore(memoryArea()),
    settings: memorySettings({ apiUrl, token: TOKEN }),
    now: () => new Date(at),
  });

describe("the SMS page panel's advice from the worker", () => {
  it("lists a console-tracked number not seen for 12 hours, worded, and the carriers' readiness of each Pending number", async () => {
    now = STARTED + 14 * HOUR;
    const view = await doctorAt(now).explainSmsPage(registration(now));
    expect(view.numbersToReRead).toEqual({
      summary: "Numbers to re-read",
      items: [
        {
          key: SEEN_BY_CONSOLE,
          text: "+1 415-555-0100: not seen on a console for 14 hours. Open the page of user u-ann so SMS Doctor shows the worker where it stands.",
        },
      ],
      notes: [expect.stringMatching(/only through what administrators' consoles show/)],
    });
    const carrier = view.pendingNumbers.find((p) => p.number === "(415) 555-0101");
    expect(carrier?.tracking).toMatchObject({
      kind: "tracked",
      tracking: { state: "AWAITING_NUMBER", carrierReadiness: "T-Mobile live; AT&T/Verizon pending" },
    });
    const seen = view.pendingNumbers.find((p) => p.number === "(415) 555-0100")!;
    expect(seen.tracking).toMatchObject({ kind: "tracked", tracking: { state: "REQUESTED" } });
    expect(seen.tracking.kind === "tracked" && "carrierReadiness" in seen.tracking.tracking).toBe(false);
  });

  it("asks nothing before 12 hours, and says nothing of re-reading without a worker", async () => {
    now = STARTED + 11 * HOUR;
    expect((await doctorAt(now).explainSmsPage(registration(now))).numbersToReRead).toBeUndefined();
    const alone = new Doctor({ history: new HistoryStore(memoryArea()), settings: memorySettings() });
    expect((await alone.explainSmsPage(registration(now))).numbersToReRead).toBeUndefined();
  });
});

describe("the SMS page read with a worker that follows numbers through consoles", () => {
  it("sends the page's numbers and statuses to the worker: a number it waits on becomes live when the page shows it Enabled", async () => {
    const connection = storeConnection(redis.url);
    const consoleStore = new TrackingStore(connection, { prefix: "{ext-sms-page}" });
    const at = STARTED + HOUR;
    const app = await buildStatusApi({
      store: consoleStore,
      redis: connection,
      tokens: [{ tenant: "acme", sha256: createHash("sha256").update(TOKEN).digest("hex") }],
      provider: CONSOLE_PROVIDER,
      consoleSource: new ConsoleSource({
        store: consoleStore,
        providerOf: () => CONSOLE_PROVIDER,
        now: () => at,
      }),
      now: () => at,
    });
    try {
      const url = await app.listen({ host: "127.0.0.1", port: 0 });
      await consoleStore.start(
        "acme",
        startTracking(SEEN_BY_CONSOLE, new Date(STARTED).toISOString(), { provider: CONSOLE_PROVIDER }),
        {
          dueAt: STARTED,
        },
      );
      const doctor = new Doctor({
        history: new HistoryStore(memoryArea()),
        settings: memorySettings({ apiUrl: url, token: TOKEN }),
        now: () => new Date(at),
      });
      await doctor.explainSmsPage({
        ...registration(at),
        enabledNumbers: [{ number: "(415) 555-0100", status: "enabled" as const }],
      });
      expect((await consoleStore.load("acme", SEEN_BY_CONSOLE))?.record).toMatchObject({
        state: "ACTIVE",
        raw: { provider: CONSOLE_PROVIDER, value: "enabled" },
      });
    } finally {
      await app.close();
      connection.disconnect();
    }
  });
});
