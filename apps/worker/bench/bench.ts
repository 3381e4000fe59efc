// The worker's benchmark: prints figures measured side by side in one run, against Redis servers it
// starts itself (so nothing else's keys are counted or disturbed). Not a test: nothing here fails.
//
//   pnpm --filter @sms-doctor/worker bench          (BENCH_QUICK=1 for a shorter run)
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { type ProviderStatus, startTracking } from "@sms-doctor/core";
import { startSandbox } from "@sms-doctor/sandbox";
import { DelayedError, Queue, Worker } from "bullmq";
import Fastify from "fastify";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { buildStatusApi } from "../src/api/status-api.js";
import { sha256Hex } from "../src/config.js";
import { createInstantProvider } from "../src/providers/instant-provider.js";
import type { ProviderAdapter } from "../src/providers/provider-adapter.js";
import { createTelnyxAdapter } from "../src/providers/telnyx-adapter.js";
import {
  producerConnection,
  storeConnection,
  whenReady,
  workerConnection,
} from "../src/redis/connections.js";
import { freePort, RedisServerProcess } from "../src/redis/redis-server-process.js";
import { ProvisioningTracker } from "../src/tracking/provisioning-tracker.js";
import { encodeRecord } from "../src/tracking/record-codec.js";
import { TrackingStore } from "../src/tracking/tracking-store.js";

const QUICK = process.env.BENCH_QUICK === "1";
const CONCURRENCY = 50;
const CYCLE_NUMBERS = QUICK ? 5_000 : 20_000;
const MEMORY_NUMBERS = 100_000;
const HTTP_SECONDS = QUICK ? 3 : 8;
const silent = pino({ level: "silent" });
const run = promisify(execFile);

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const numberAt = (i: number) =>
  `+1${200 + Math.floor(i / 10_000_000)}${String(2_000_000 + (i % 8_000_000)).padStart(7, "0")}`;

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info("memory");
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

/** Tracks `count` numbers due at `at`, a few hundred scripts in flight at a time. */
async function trackMany(store: TrackingStore, count: number, at: number, provider: string): Promise<void> {
  const since = new Date(at).toISOString();
  for (let i = 0; i < count; i += 500) {
    const batch = [];
    for (let j = i; j < Math.min(count, i + 500); j++) {
      batch.push(store.start("bench", startTracking(numberAt(j), since, { provider }), { dueAt: at }));
    }
    await Promise.all(batch);
  }
}

/** Runs the real tracker until `checks` checks have been committed; returns checks per second. */
async function drain(
  url: string,
  prefix: string,
  provider: ProviderAdapter,
  now: () => number,
  checks: number,
): Promise<{ perSecond: number; seconds: number }> {
  const connection = workerConnection(url);
  const storeRedis = storeConnection(url);
  const store = new TrackingStore(storeRedis, { prefix });
  let done = 0;
  let finished: () => void = () => {};
  const allDone = new Promise<void>((resolve) => {
    finished = resolve;
  });
  const tracker = new ProvisioningTracker({
    connection,
    store,
    provider,
    logger: silent,
    concurrency: CONCURRENCY,
    sweepEveryMs: 200,
    now,
  });
  tracker.worker.on("completed", (job) => {
    if (job.name === "check" && ++done >= checks) finished();
  });
  const started = performance.now();
  await tracker.start();
  if (checks === 0) finished();
  await allDone;
  const seconds = (performance.now() - started) / 1000;
  await tracker.close();
  connection.disconnect();
  storeRedis.disconnect();
  return { perSecond: checks / seconds, seconds };
}

/** A bare BullMQ processor: updateData + moveToDelayed(now) + DelayedError, over `jobs` jobs, for `ms`. */
async function bareLoop(url: string, jobs: number, ms: number): Promise<number> {
  const connection = workerConnection(url);
  const queue = new Queue("bare", { connection, prefix: "{bench-bare}" });
  await queue.addBulk(
    Array.from({ length: jobs }, (_, i) => ({ name: "loop", data: { n: 0 }, opts: { jobId: `bare-${i}` } })),
  );
  let cycles = 0;
  let counting = false;
  const worker = new Worker(
    "bare",
    async (job, token) => {
      await job.updateData({ n: (job.data as { n: number }).n + 1 });
      await job.moveToDelayed(Date.now(), token);
      if (counting) cycles++;
      throw new DelayedError();
    },
    {
      connection,
      prefix: "{bench-bare}",
      concurrency: CONCURRENCY,
      limiter: { max: 1_000_000, duration: 1000 },
    },
  );
  await new Promise((resolve) => setTimeout(resolve, 1000)); // warm up
  counting = true;
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  counting = false;
  const perSecond = cycles / ((performance.now() - started) / 1000);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  return perSecond;
}

async function benchCycles(): Promise<{ tracker: number; bare: number }> {
  console.log(
    `\n(a) check cycles per second, concurrency ${CONCURRENCY}, one worker process, loopback Redis (AOF everysec)`,
  );
  const redis = await RedisServerProcess.start();
  const admin = producerConnection(redis.url, { commandTimeoutMs: 30_000 });
  await whenReady(admin);
  const store = new TrackingStore(admin, { prefix: "{bench-a}" });

  // The real tracker with a provider that answers at once: first check pending, second assigned.
  let clock = Date.now();
  const answers = createInstantProvider((number, now): ProviderStatus[] => [
    {
      provider: "telnyx",
      entity: "number",
      value: asked.has(number) ? "ASSIGNED" : "PENDING_ASSIGNMENT",
      observedAt: now,
    },
  ]);
  const asked = new Set<string>();
  const provider: ProviderAdapter = {
    name: "instant",
    check: async (number, context) => {
      const result = await answers.check(number, context);
      asked.add(number);
      return result;
    },
  };
  await trackMany(store, CYCLE_NUMBERS, clock, "instant");
  const first = await drain(redis.url, "{bench-a}", provider, () => clock, CYCLE_NUMBERS);
  clock += 2 * 60_000; // every number is due again one minute after its first check
  const second = await drain(redis.url, "{bench-a}", provider, () => clock, CYCLE_NUMBERS);
  const tracker = Math.max(first.perSecond, second.perSecond);
  const bare = await bareLoop(redis.url, CYCLE_NUMBERS, QUICK ? 3000 : 6000);
  console.log(
    `  tracker, instant provider   ${fmt(first.perSecond)} checks/s (cold, ${CYCLE_NUMBERS} numbers), ${fmt(second.perSecond)} checks/s (second round, each a transition)`,
  );
  console.log(
    `  bare BullMQ loop            ${fmt(bare)} cycles/s (updateData + moveToDelayed + DelayedError)`,
  );
  console.log(`  ratio tracker / bare        ${fmt(tracker / bare, 2)}  (target ≥ 0.5)`);

  // The telnyx adapter over HTTP against the sandbox's carrier simulator (in this same process).
  const sandboxNumbers = QUICK ? 1000 : 3000;
  const sandbox = await startSandbox({
    scenario: "verification-pending",
    speed: 1,
    carrierApiKey: "bench-key",
  });
  for (let i = 0; i < sandboxNumbers; i += 1000) {
    const phoneNumbers = Array.from({ length: Math.min(1000, sandboxNumbers - i) }, (_, j) =>
      numberAt(500_000 + i + j),
    );
    await fetch(`${sandbox.carrierUrl}/_control/numbers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ phoneNumbers }),
    });
  }
  const telnyx = createTelnyxAdapter({
    name: "sandbox",
    baseUrl: `${sandbox.carrierUrl}/v2`,
    apiKey: "bench-key",
    requestsPerSecond: 1_000_000,
  });
  const since = new Date().toISOString();
  const telnyxStore = new TrackingStore(admin, { prefix: "{bench-t}" });
  await Promise.all(
    Array.from({ length: sandboxNumbers }, (_, i) =>
      telnyxStore.start("bench", startTracking(numberAt(500_000 + i), since, { provider: "sandbox" }), {
        dueAt: Date.now(),
      }),
    ),
  );
  const overHttp = await drain(redis.url, "{bench-t}", telnyx, Date.now, sandboxNumbers);
  console.log(
    `  tracker, telnyx adapter     ${fmt(overHttp.perSecond)} checks/s over HTTP against the sandbox simulator (${sandboxNumbers} numbers; 1–2 GETs per check, simulator in this process)`,
  );
  await sandbox.close();
  admin.disconnect();
  await redis.stop();
  return { tracker, bare };
}

async function benchMemory(): Promise<number> {
  console.log(`\n(b) Redis memory per tracked number, ${fmt(MEMORY_NUMBERS)} numbers, everything included`);
  const redis = await RedisServerProcess.start();
  const admin = producerConnection(redis.url, { commandTimeoutMs: 60_000 });
  await whenReady(admin);
  const prefix = "{sms-doctor}";
  const store = new TrackingStore(admin, { prefix });
  // The queue and its scheduler exist before the baseline: they cost the same for 1 or 10 million numbers.
  await drain(
    redis.url,
    prefix,
    createInstantProvider(() => []),
    Date.now,
    0,
  );
  const before = await usedMemory(admin);

  // Life as it goes: every number checked twice; two in three go live (two transitions), the rest wait
  // on their assignment (one transition). Every transition also went through the capped stream.
  let clock = Date.now();
  const seen = new Set<string>();
  const provider = createInstantProvider((number, now): ProviderStatus[] => {
    const again = seen.has(number);
    seen.add(number);
    const live = again && Number(number.slice(-1)) % 3 !== 0;
    return [
      {
        provider: "telnyx",
        entity: "number",
        value: live ? "ASSIGNED" : "PENDING_ASSIGNMENT",
        observedAt: now,
      },
    ];
  });
  const trackStarted = performance.now();
  await trackMany(store, MEMORY_NUMBERS, clock, "telnyx");
  const trackSeconds = (performance.now() - trackStarted) / 1000;
  const afterTrack = await usedMemory(admin);
  await drain(redis.url, prefix, provider, () => clock, MEMORY_NUMBERS);
  clock += 2 * 60_000;
  await drain(redis.url, prefix, provider, () => clock, MEMORY_NUMBERS);
  const after = await usedMemory(admin);
  const perNumber = (after - before) / MEMORY_NUMBERS;

  const keyUsage = async (key: string) =>
    Number((await admin.call("MEMORY", "USAGE", key, "SAMPLES", "0")) ?? 0);
  const records = await keyUsage(store.keys.records("bench"));
  const due = await keyUsage(store.keys.due);
  const stream = await keyUsage(store.keys.transitions);
  let states = 0;
  for (const state of ["REQUESTED", "AWAITING_NUMBER", "ACTIVE"])
    states += await keyUsage(store.keys.byState("bench", state));
  const jobKeys = (await admin.keys(`${prefix}:provisioning:*`)).length;
  const sample = await admin.hget(store.keys.records("bench"), numberAt(1));
  const active = await admin.scard(store.keys.byState("bench", "ACTIVE"));

  console.log(
    `  tracked ${fmt(MEMORY_NUMBERS)} numbers in ${fmt(trackSeconds, 1)} s (${fmt(MEMORY_NUMBERS / trackSeconds)}/s); after 2 checks each: ${fmt(active)} ACTIVE, the rest AWAITING_NUMBER`,
  );
  console.log(
    `  used_memory grew by         ${fmt((after - before) / 1024 / 1024, 1)} MiB → ${fmt(perNumber)} B per number (target ≤ 1024)`,
  );
  console.log(
    `  right after tracking        ${fmt((afterTrack - before) / MEMORY_NUMBERS)} B per number (not yet checked)`,
  );
  console.log(
    `  of which: records hash ${fmt(records / MEMORY_NUMBERS)} B, due set ${fmt(due / MEMORY_NUMBERS)} B, state sets ${fmt(states / MEMORY_NUMBERS)} B, transitions stream (capped at 10 000) ${fmt(stream / MEMORY_NUMBERS)} B; BullMQ keys left: ${jobKeys}`,
  );
  console.log(`  a stored record with 2 transitions: ${sample?.length} B  e.g. ${sample?.slice(0, 120)}…`);
  console.log(
    `  for comparison: the same record as the API's JSON is ${JSON.stringify(await store.load("bench", numberAt(1)).then((s) => s?.record)).length} B; encodeRecord: ${encodeRecord((await store.load("bench", numberAt(1)))!).length} B`,
  );
  admin.disconnect();
  await redis.stop();
  return perNumber;
}

interface Cannon {
  requests: { average: number };
  latency: { p99: number; average: number };
  non2xx: number;
  errors: number;
}

async function cannon(url: string, headers: Record<string, string> = {}): Promise<Cannon> {
  const args = ["-c", "100", "-d", String(HTTP_SECONDS), "-j", url];
  for (const [name, value] of Object.entries(headers)) args.push("-H", `${name}=${value}`);
  await run(process.execPath, [AUTOCANNON, "-c", "20", "-d", "1", url, ...args.slice(6)], {
    maxBuffer: 1 << 24,
  }); // warm-up
  const { stdout } = await run(process.execPath, [AUTOCANNON, ...args], { maxBuffer: 1 << 24 });
  return JSON.parse(stdout) as Cannon;
}
const AUTOCANNON = new URL("../node_modules/autocannon/autocannon.js", import.meta.url).pathname;

async function benchHttp(): Promise<{ api: Cannon; bare: Cannon; hgetall: Cannon }> {
  console.log(
    `\n(c) GET /v1/numbers/:n under load: autocannon in its own process, 100 connections, ${HTTP_SECONDS} s each`,
  );
  const redis = await RedisServerProcess.start();
  const connection = producerConnection(redis.url);
  await whenReady(connection);
  const store = new TrackingStore(connection, { prefix: "{bench-c}" });
  const number = "+14155550100";
  const { stored } = await store.start(
    "acme",
    startTracking(number, new Date().toISOString(), { provider: "telnyx" }),
    { dueAt: Date.now() + 3_600_000 },
  );
  const now = new Date().toISOString();
  const t = [
    {
      from: "REQUESTED" as const,
      to: "AWAITING_NUMBER" as const,
      at: now,
      cause: "number pending (telnyx number PENDING_ASSIGNMENT)",
    },
  ];
  await store.commit(
    "acme",
    stored,
    { ...stored.record, state: "AWAITING_NUMBER", stage: "number", transitions: t },
    t,
    Date.now() + 3_600_000,
  );
  // The HGETALL baseline reads a hash of about the same size as the record.
  await connection.hset("{bench-c}:plain", {
    number,
    state: "AWAITING_NUMBER",
    since: now,
    lastCheckedAt: now,
    provider: "telnyx",
    transitions: JSON.stringify(t),
  });

  const bare = Fastify();
  bare.get("/n/:n", async () => ({ number, state: "AWAITING_NUMBER" }));
  const hgetall = Fastify();
  hgetall.get("/n/:n", async () => await connection.hgetall("{bench-c}:plain"));
  const api = await buildStatusApi({
    store,
    redis: connection,
    tokens: [{ tenant: "acme", sha256: sha256Hex("bench-token-0123456789") }],
    provider: "telnyx",
    rateLimitPerMinute: 100_000_000,
    corsOrigins: ["chrome-extension://abcdefghijklmnopabcdefghijklmnop"],
  });
  const listen = async (app: { listen(o: { port: number; host: string }): Promise<string> }) =>
    await app.listen({ port: await freePort(), host: "127.0.0.1" });
  const [bareUrl, hgetallUrl, apiUrl] = [await listen(bare), await listen(hgetall), await listen(api)];

  const results = {
    bare: await cannon(`${bareUrl}/n/1`),
    hgetall: await cannon(`${hgetallUrl}/n/1`),
    api: await cannon(`${apiUrl}/v1/numbers/${encodeURIComponent(number)}`, {
      authorization: "Bearer bench-token-0123456789",
    }),
  };
  const line = (name: string, r: Cannon) =>
    console.log(
      `  ${name.padEnd(34)} ${fmt(r.requests.average).padStart(7)} req/s   p99 ${fmt(r.latency.p99)} ms   (non-2xx ${r.non2xx}, errors ${r.errors})`,
    );
  line("bare Fastify, constant", results.bare);
  line("Fastify + one HGETALL", results.hgetall);
  line("GET /v1/numbers/:n (auth, HGET, view)", results.api);
  console.log(
    `  ratio vs bare                      ${fmt(results.api.requests.average / results.bare.requests.average, 2)}  (target ≥ 0.5)`,
  );
  console.log(
    `  ratio vs HGETALL                   ${fmt(results.api.requests.average / results.hgetall.requests.average, 2)}  (target ≥ 0.8)`,
  );
  await Promise.all([bare.close(), hgetall.close(), api.close()]);
  connection.disconnect();
  await redis.stop();
  return results;
}

function derive(checksPerSecond: number, bytesPerNumber: number): void {
  console.log("\n(d) numbers one 2-core machine keeps on the default schedule (derived from (a) and (b))");
  // One worker process uses about one core; Redis the other. Keep a third of the check capacity spare
  // for bursts (a bulk import polls every minute for five minutes) and 16 GiB of the 24 GiB for Redis.
  const usable = checksPerSecond * (2 / 3);
  const memoryCap = (16 * 1024 ** 3) / bytesPerNumber;
  const regimes = [
    ["all live (ACTIVE, checked daily)", 86_400],
    ["all waiting over a week (every 6 h)", 6 * 3600],
    ["all in their first week (hourly)", 3600],
  ] as const;
  for (const [name, interval] of regimes) {
    const byCpu = usable * interval;
    const kept = Math.min(byCpu, memoryCap);
    console.log(
      `  ${name.padEnd(38)} CPU allows ${fmt(byCpu / 1e6, 1).padStart(6)} M, memory ${fmt(memoryCap / 1e6, 1)} M → ${fmt(kept / 1e6, 1)} M numbers (goal 10 M)`,
    );
  }
  console.log(
    "  (the provider's own rate limit comes first in practice: 20 requests/s is 1.7 M checks a day)",
  );
}

async function main(): Promise<void> {
  console.log(`sms-doctor worker bench — node ${process.version}, ${QUICK ? "quick" : "full"} run`);
  const only = process.env.BENCH_ONLY?.split(",");
  const cycles = !only || only.includes("a") ? await benchCycles() : { tracker: 0, bare: 0 };
  const bytes = !only || only.includes("b") ? await benchMemory() : 1;
  if (!only || only.includes("c")) await benchHttp();
  if (!only) derive(cycles.tracker, bytes);
}

await main();
process.exit(0);
