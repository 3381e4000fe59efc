// Bulkheads of the status API, measured: (1) generated requests over every route (the fuzz test's
// generators, more of them): how many, which statuses, how many 500s; (2) the API's heap in a process
// limited to a 256 MB heap while one tenant sends maximal bodies as fast as it can, first within its rate
// limit, then with the limit lifted (every body parsed, validated and stored), while another tenant's reads
// are timed. Not a test: nothing here fails; it prints figures.
//
//   pnpm --filter @sms-doctor/worker bench:bulkheads        (BENCH_QUICK=1 for a shorter run)
import { type ChildProcess, spawn } from "node:child_process";
import { Agent, get } from "node:http";
import { createInterface } from "node:readline";
import fc from "fast-check";
import { DEFAULT_TENANT_QUOTAS, observationBodyBytes } from "../src/api/api-limits.js";
import { buildStatusApi } from "../src/api/status-api.js";
import { sha256Hex } from "../src/config.js";
import { producerConnection, whenReady } from "../src/redis/connections.js";
import { RedisServerProcess } from "../src/redis/redis-server-process.js";
import { TrackingStore } from "../src/tracking/tracking-store.js";
import { apiRequests, sendRequest } from "../test/support/api-requests.js";

const QUICK = process.env.BENCH_QUICK === "1";
const FUZZ_REQUESTS = QUICK ? 1000 : 5000;
const LOAD_SECONDS = QUICK ? 6 : 15;
const HEAP_MB = 256;
const ACME = "acme-token-0123456789";
const GLOBEX = "globex-token-0123456789";
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

const server = await RedisServerProcess.start();
try {
  await fuzz();
  await heap("over its rate limit (10/min): the rest refused in onRequest, bodies unread", {
    perTenantPerMinute: 10,
  });
  await heap("within the tenant's rate limit (600/min)", {});
  await heap("rate limit lifted: every maximal body parsed and stored", { perTenantPerMinute: 1e9 });
} finally {
  await server.stop();
}

async function fuzz(): Promise<void> {
  const redis = producerConnection(server.url);
  await whenReady(redis);
  const app = await buildStatusApi({
    store: new TrackingStore(redis, { prefix: "{bench-fuzz}" }),
    redis,
    tokens: [{ tenant: "acme", sha256: sha256Hex(ACME) }],
    provider: "sandbox",
    providerWebhookKeys: { sandbox: { secret: "carrier-webhook-secret" } },
    rateLimits: { perTenantPerMinute: 1e9, perAddressPerMinute: 1e9, failedAuthPerAddressPerMinute: 1e9 },
  });
  const baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
  const requests = fc.sample(apiRequests(ACME), { numRuns: FUZZ_REQUESTS, seed: 14 });
  const statuses = new Map<number, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < requests.length) {
        const { status } = await sendRequest(baseUrl, requests[next++]!);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const ready = (await fetch(`${baseUrl}/readyz`)).status;
  await app.close();
  redis.disconnect();
  const counts = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`);
  const errors = [...statuses.entries()].filter(([s]) => s >= 500).reduce((sum, [, n]) => sum + n, 0);
  console.log(`fuzz: ${requests.length} generated requests over every route (seed 14)`);
  console.log(`  statuses  ${counts.join(", ")}`);
  console.log(`  5xx       ${errors} (goal 0); /readyz afterwards: ${ready}`);
}

/** The largest observation the API accepts: a snapshot at its text limits and a registration near its quota. */
function maximalBody(): string {
  const numbers = 20_000;
  const registration = {
    observedAt: "2026-05-01T11:00:00Z",
    brand: { status: "verified" },
    campaign: { status: "rejected", errors: [] as { field: string; message: string }[] },
    enabledNumbers: [] as { number: string; status: string }[],
  };
  const perNumber = Math.floor((DEFAULT_TENANT_QUOTAS.registrationBytes * 0.97) / numbers) - 34;
  for (let i = 0; i < numbers; i++)
    registration.enabledNumbers.push({ number: `+1 617 555 ${i}`.padEnd(perNumber, " "), status: "enabled" });
  const snapshot = {
    userId: "u".repeat(128),
    observedAt: "2026-05-01T12:00:00Z",
    license: "X Series - X4".padEnd(200, "."),
    phoneNumber: "+1 (415) 555-0142",
    sms: { number: "+14155550142", enabled: true, status: "pending" },
    displayName: "n".repeat(200),
    email: "e".repeat(320),
    site: "s".repeat(200),
  };
  return JSON.stringify({ snapshot, company: registration });
}

async function heap(phase: string, rateLimits: Record<string, number>): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      `--max-old-space-size=${HEAP_MB}`,
      "--import",
      "tsx",
      new URL("support/heap-api.ts", import.meta.url).pathname,
    ],
    {
      env: {
        ...process.env,
        REDIS_URL: server.url,
        PREFIX: `{bench-heap-${Date.now()}}`,
        ACME_TOKEN: ACME,
        GLOBEX_TOKEN: GLOBEX,
        RATE_LIMITS: JSON.stringify(rateLimits),
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const samples: number[] = [];
  const url = await new Promise<string>((resolve) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const message = JSON.parse(line) as { url?: string; heapUsed?: number };
      if (message.url) resolve(message.url);
      if (message.heapUsed) samples.push(message.heapUsed);
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const idle = Math.max(...samples.slice(-3));
  const body = maximalBody();
  const until = Date.now() + LOAD_SECONDS * 1000;
  const statuses = new Map<number, number>();
  let crashed = false;
  const flood = Array.from({ length: 16 }, async () => {
    while (Date.now() < until && !crashed) {
      try {
        const response = await fetch(`${url}/v1/observations`, {
          method: "POST",
          headers: { authorization: `Bearer ${ACME}`, "content-type": "application/json" },
          body,
        });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      } catch {
        statuses.set(0, (statuses.get(0) ?? 0) + 1);
        if (child.exitCode !== null) crashed = true;
      }
    }
  });
  const otherAgent = new Agent({ keepAlive: true });
  const latencies: number[] = [];
  let otherFailures = 0;
  const otherStatuses = new Map<number, number>();
  const other = (async () => {
    while (Date.now() < until && !crashed) {
      const started = performance.now();
      // Its own connections (as another tenant's browser has): fetch's pool is shared with the flood.
      const status = await new Promise<number>((resolve) => {
        get(
          `${url}/v1/numbers`,
          { agent: otherAgent, headers: { authorization: `Bearer ${GLOBEX}` } },
          (response) => {
            response.resume();
            response.on("end", () => resolve(response.statusCode ?? 0));
          },
        ).on("error", () => resolve(0));
      });
      otherStatuses.set(status, (otherStatuses.get(status) ?? 0) + 1);
      // Its own 429s (the same per-tenant limit applies to it) are its limit, not the flood's harm.
      if (status !== 200 && status !== 429) otherFailures++;
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  await Promise.all([...flood, other]);
  otherAgent.destroy();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const peak = Math.max(...samples);
  const alive = child.exitCode === null;
  stop(child);
  await exited;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  const counts = [...statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s === 0 ? "no answer" : s}: ${n}`);
  console.log(
    `heap: one tenant posting ${mb(body.length)} MB observations (the body limit is ${mb(observationBodyBytes(DEFAULT_TENANT_QUOTAS))} MB), 16 at a time for ${LOAD_SECONDS} s, API heap limited to ${HEAP_MB} MB — ${phase}`,
  );
  console.log(`  answers   ${counts.join(", ")}`);
  console.log(
    `  heap used idle ${mb(idle)} MB, peak ${mb(peak)} MB; process ${alive ? "still running" : "CRASHED"}`,
  );
  const otherCounts = [...otherStatuses.entries()]
    .map(([st, n]) => `${st === 0 ? "no answer" : st}: ${n}`)
    .join(", ");
  console.log(
    `  another tenant's GET /v1/numbers meanwhile: ${latencies.length} requests (${otherCounts}), ${otherFailures} failed, p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms`,
  );
}

function stop(child: ChildProcess): void {
  if (child.exitCode === null) child.kill("SIGTERM");
}
