import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { FindingsPageSchema } from "@sms-doctor/contracts";
import { AdminApiUserSchema } from "@sms-doctor/core";
import { type Sandbox, startSandbox } from "@sms-doctor/sandbox";
import type { FastifyInstance } from "fastify";
import { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildStatusApi } from "../src/api/status-api.js";
import { sha256Hex } from "../src/config.js";
import { AdminApiClient } from "../src/directory/admin-api-client.js";
import { directoryKeys } from "../src/directory/directory-keys.js";
import { type SyncSummary, syncDirectory, syncFailure } from "../src/directory/directory-sync.js";
import { DirectorySyncWorker } from "../src/directory/directory-sync-worker.js";
import { createLogger } from "../src/logger.js";
import { TransitionNotifier } from "../src/notify/transition-notifier.js";
import { verifyWebhook } from "../src/notify/webhook-signature.js";
import { TrackingStore } from "../src/tracking/tracking-store.js";
import { cliEnv, runCli } from "./support/cli.js";
import { dropPrefix, uniquePrefix, until, useRedisServer } from "./support/redis.js";

const redisServer = useRedisServer();
const TOKEN = "acme-token-0123456789abcdef";
const WEBHOOK_SECRET = "webhook-secret-0123456789";
const logger = createLogger({ level: "silent" });

/** A real HTTP receiver for the signed webhooks. */
async function webhookReceiver() {
  const received: { body: string; verified: boolean }[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c;
    });
    req.on("end", () => {
      const signature = req.headers["x-sms-doctor-signature"] as string | undefined;
      received.push({
        body,
        verified: verifyWebhook(WEBHOOK_SECRET, body, signature, Math.floor(Date.now() / 1000)),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("directory sync from the Administration API", () => {
  let prefix: string;
  let sandbox: Sandbox;
  let redis: Redis;
  let api: FastifyInstance;
  const workers: DirectorySyncWorker[] = [];
  const connections: Redis[] = [];
  const syncs: SyncSummary[] = [];

  const connection = (worker = false) => {
    const c = new Redis(redisServer.url(), worker ? { maxRetriesPerRequest: null } : {});
    connections.push(c);
    return c;
  };

  async function startWorker(pageSize: number): Promise<DirectorySyncWorker> {
    const worker = new DirectorySyncWorker({
      connection: connection(true),
      redis: connection(),
      tenants: [{ tenant: "acme", adminApiUrl: sandbox.adminApiUrl, apiKey: sandbox.adminApiKey }],
      intervalMs: 3_600_000,
      prefix,
      pageSize,
      logger,
      onSync: (_tenant, summary) => syncs.push(summary),
    });
    workers.push(worker);
    await worker.start();
    return worker;
  }

  async function startSandboxAndApi(scenario: string, adminRateLimit: { limit: number; windowMs: number }) {
    sandbox = await startSandbox({ scenario, adminRateLimit });
    const store = new TrackingStore(redis, { prefix });
    api = await buildStatusApi({
      store,
      redis,
      tokens: [{ tenant: "acme", sha256: sha256Hex(TOKEN) }],
      provider: "sandbox",
    });
  }

  const get = async (url: string) => {
    const response = await api.inject({ method: "GET", url, headers: { authorization: `Bearer ${TOKEN}` } });
    return { status: response.statusCode, body: response.json() };
  };

  beforeEach(() => {
    prefix = uniquePrefix();
    redis = connection();
    syncs.length = 0;
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.close();
    await api?.close();
    await sandbox?.close();
    for (const c of connections.splice(0)) c.disconnect();
    await dropPrefix(redisServer.url(), prefix);
  });

  it("pages through users and numbers inside the rate limit, waits out 429s, and resumes after a restart without duplicates", async () => {
    await startSandboxAndApi("healthy-company", { limit: 3, windowMs: 600 });
    const keys = directoryKeys("acme", prefix);
    // Another client on the same key keeps using up the window until the sync has met a 429.
    const burn = () =>
      fetch(`${sandbox.adminApiUrl}/users?pageSize=1`, {
        headers: { "x-api-key": sandbox.adminApiKey },
      }).then((r) => r.body?.cancel());
    await Promise.all([burn(), burn(), burn()]);
    const first = await startWorker(1);
    const burner = setInterval(() => {
      if (first.client("acme")!.rateLimited === 0) void burn();
    }, 50);
    await until(
      async () =>
        (await redis.hget(keys.checkpoint, "phase")) === "users" &&
        (await redis.hlen(keys.fingerprints)) >= 1,
      20_000,
      "the sync to store its first user",
    );
    clearInterval(burner);
    expect(first.client("acme")!.rateLimited).toBeGreaterThan(0);
    await first.close(); // stops at a page boundary; the checkpoint stays
    const stoppedAt = await redis.hgetall(keys.checkpoint);
    expect(stoppedAt.phase).toBe("users");
    const storedBefore = await redis.hlen(keys.fingerprints);
    expect(syncs.at(-1)).toMatchObject({ status: "interrupted" });

    const second = await startWorker(1); // sees the checkpoint and resumes at once
    await until(() => syncs.at(-1)?.status === "completed", 30_000, "the resumed sync to complete");
    expect(await redis.exists(keys.checkpoint)).toBe(0);
    const users = sandbox.world.users().filter((u) => u.extensionType === "user");
    // The resumed run read only the users the first one had not stored.
    expect(syncs.at(-1)!.usersSeen).toBe(users.length - storedBefore);
    for (const user of users) {
      const history = (await redis.lrange(keys.history(user.id), 0, -1)).map((s) => JSON.parse(s));
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({
        userId: user.id,
        source: "admin-api",
        sms: null,
        license: user.licenseName,
      });
    }
    const alice = JSON.parse((await redis.lindex(keys.history("u-alice"), 0))!);
    expect(alice).toMatchObject({
      phoneNumber: "+16175550101",
      numberCategory: "local",
      numberStatus: "assigned",
    });

    // Nothing changed: a re-sync writes nothing.
    await second.syncNow("acme");
    await until(() => syncs.length >= 3 && syncs.at(-1)?.status === "completed", 30_000, "the re-sync");
    expect(syncs.at(-1)).toMatchObject({ usersSeen: users.length, usersChanged: 0, alerts: 0 });
    // The key is in no job's data.
    const jobs = await second.queue.getJobs(["completed", "delayed", "waiting", "active"]);
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) expect(JSON.stringify(job.data)).toBe('{"tenant":"acme"}');
  });

  it("diagnoses from the published shapes what only the API shows: toll-free, a port-in's temporary number, Basic behind a DID license", async () => {
    for (const [scenario, userId, ruleId, seen] of [
      ["toll-free-number", "u-hank", "toll-free-number", { numberCategory: "toll-free" }],
      ["number-not-ported-yet", "u-jamal", "number-not-ported-yet", { numberStatus: "temporary" }],
      ["license-without-sms", "u-gina", "license-without-sms", { license: "X Series - Basic" }],
    ] as const) {
      const company = await startSandbox({ scenario, adminRateLimit: { limit: 100, windowMs: 1000 } });
      try {
        const client = new AdminApiClient({ baseUrl: company.adminApiUrl, apiKey: company.adminApiKey });
        const tenant = `t-${scenario}`;
        const summary = await syncDirectory({ redis, client, tenant, prefix, pageSize: 1 });
        expect(summary, scenario).toMatchObject({
          status: "completed",
          users: { skipped: 0 },
          numbers: { skipped: 0 },
        });
        const keys = directoryKeys(tenant, prefix);
        expect(JSON.parse((await redis.lindex(keys.history(userId), 0))!), scenario).toMatchObject({
          userId,
          source: "admin-api",
          userStatus: "active",
          ...seen,
        });
        expect(await redis.hget(keys.verdicts, userId), scenario).toBe("cannot-send");
        expect((await redis.hget(keys.lastFindings, userId))?.split(",")[0], scenario).toBe(ruleId);
        expect(await redis.hget(keys.verdicts, "u-bob"), scenario).not.toBe("cannot-send");
      } finally {
        await company.close();
      }
    }
  });

  it("a sync that resumes after its last page read nothing new, and is no failure for it", async () => {
    const company = await startSandbox({ scenario: "healthy-company" });
    try {
      const client = new AdminApiClient({ baseUrl: company.adminApiUrl, apiKey: company.adminApiKey });
      const keys = directoryKeys("acme", prefix);
      // A worker stored the last page and died before clearing its checkpoint.
      await redis.hset(keys.checkpoint, { phase: "done", scrollId: "", startedAt: new Date().toISOString() });
      const resumed = await syncDirectory({ redis, client, tenant: "acme", prefix });
      expect(resumed).toMatchObject({
        status: "completed",
        resumedFrom: "done",
        users: { read: 0 },
        requests: 0,
      });
      expect(syncFailure(resumed, "acme")).toBeNull();
      expect(await redis.exists(keys.checkpoint)).toBe(0);
      // The same nothing, read from the start, is a failure.
      const { resumedFrom: _, ...fromStart } = resumed;
      expect(syncFailure(fromStart, "acme")).toBe(
        "no users were read from acme's Administration API: nothing was checked",
      );
    } finally {
      await company.close();
    }
  });

  it("alerts by signed webhook and GET /v1/findings when an SMS-enabled user's number changes between two syncs", async () => {
    await startSandboxAndApi("phone-number-changed", { limit: 100, windowMs: 1000 });
    const hooks = await webhookReceiver();
    const notifier = new TransitionNotifier({
      redis: connection(),
      stream: new TrackingStore(redis, { prefix }).keys.transitions,
      url: hooks.url,
      secret: WEBHOOK_SECRET,
      consumer: "test",
      logger,
    });
    await notifier.start();
    try {
      // Bob's page was opened in the console with SMS on: the extension fed that to the shared history.
      const seen = await api.inject({
        method: "POST",
        url: "/v1/observations",
        headers: { authorization: `Bearer ${TOKEN}` },
        payload: { snapshot: sandbox.world.snapshot("u-bob") },
      });
      expect(seen.statusCode).toBe(200);
      const worker = await startWorker(100);
      await until(() => syncs.at(-1)?.status === "completed", 20_000, "the first sync");
      expect(syncs.at(-1)!.alerts).toBe(0);
      const since = new Date().toISOString();

      expect(sandbox.world.changePhoneNumber("u-bob", "+16175550101").ok).toBe(true);
      await worker.syncNow("acme");
      await until(() => syncs.length >= 2 && syncs.at(-1)?.status === "completed", 20_000, "the second sync");
      expect(syncs.at(-1)).toMatchObject({ usersChanged: 1 });

      const listed = await get(`/v1/findings?since=${encodeURIComponent(since)}`);
      expect(listed.status).toBe(200);
      const alerts = FindingsPageSchema.parse(listed.body).items; // the page is what core says it is
      expect(alerts.map((a) => [a.userId, a.finding.ruleId])).toContainEqual([
        "u-bob",
        "phone-number-changed",
      ]);
      const alert = alerts.find((a) => a.finding.ruleId === "phone-number-changed")!;
      expect(alert.finding.evidence).toContainEqual(
        expect.objectContaining({ field: "phoneNumber", before: "+16175550102", after: "+16175550101" }),
      );
      expect(alert.steps.length).toBeGreaterThan(0);

      await until(
        () => hooks.received.some((h) => h.body.includes('"phone-number-changed"')),
        15_000,
        "the webhook",
      );
      const hook = hooks.received.find((h) => h.body.includes('"phone-number-changed"'))!;
      expect(hook.verified).toBe(true);
      expect(JSON.parse(hook.body)).toMatchObject({ type: "finding.new", tenant: "acme", userId: "u-bob" });

      // The shared history shows who changed what, newest first: the sync's snapshot over the console's.
      const history = await redis.lrange(directoryKeys("acme", prefix).history("u-bob"), 0, -1);
      expect(history.map((s) => [JSON.parse(s).source, JSON.parse(s).phoneNumber])).toEqual([
        ["admin-api", "+16175550101"],
        ["admin-api", "+16175550102"],
        ["console", "+16175550102"],
      ]);
      // The same through the API, newest last, and the badge verdicts cover users no console opened.
      const shared = await get("/v1/users/u-bob/history");
      expect(shared.body.items.map((s: { source: string }) => s.source)).toEqual([
        "console",
        "admin-api",
        "admin-api",
      ]);
      const verdicts = await get("/v1/users/verdicts?userIds=u-bob,u-alice");
      expect(verdicts.body.verdicts).toMatchObject({ "u-bob": alert.verdict, "u-alice": expect.any(String) });

      // Paginated, tenant-scoped, and bad queries name the field.
      const firstPage = await get("/v1/findings?limit=1");
      expect(firstPage.body.items).toHaveLength(1);
      if (firstPage.body.nextCursor) {
        const next = await get(`/v1/findings?limit=1&cursor=${firstPage.body.nextCursor}`);
        expect(next.body.items[0]?.id).not.toBe(firstPage.body.items[0].id);
      }
      const bad = await get("/v1/findings?since=yesterday");
      expect(bad.status).toBe(400);
      expect(bad.body.error.field).toBe("since");
    } finally {
      await notifier.close();
      await hooks.close();
    }
  });

  it("sms-doctor sync reads the scenario company and prints the alert for the user whose number changed", async () => {
    await startSandboxAndApi("phone-number-changed", { limit: 100, windowMs: 1000 });
    const env = cliEnv({
      LOG_LEVEL: "silent",
      REDIS_URL: redisServer.url(),
      SMS_DOCTOR_PREFIX: prefix,
      SMS_DOCTOR_DIRECTORY_URLS: `acme=${sandbox.adminApiUrl}`,
      SMS_DOCTOR_DIRECTORY_KEYS: `acme:${sandbox.adminApiKey}`,
    });
    const sync = () => runCli(["sync", "--tenant", "acme"], env).done;
    await api.inject({
      method: "POST",
      url: "/v1/observations",
      headers: { authorization: `Bearer ${TOKEN}` },
      payload: { snapshot: sandbox.world.snapshot("u-bob") },
    });
    const baseline = await sync();
    expect(baseline.code).toBe(0);
    expect(baseline.stdout).toMatch(/^sync completed: 2 users read, 2 changed, 0 new findings/);
    expect(sandbox.world.changePhoneNumber("u-bob", "+16175550101").ok).toBe(true);
    const after = await sync();
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/sync completed: 2 users read, 1 changed, 1 new findings/);
    expect(after.stdout).toMatch(/ALERT u-bob \(Bob Martinez\): .*\[phone-number-changed, likely\]/);
    expect(after.stdout).toMatch(/^ {2}2 users read, 2 used, 0 skipped$/m);
    expect(after.stdout).toMatch(/^ {2}\d+ phone numbers read, \d+ used, 0 skipped$/m);
    expect(after.stdout + after.stderr).not.toContain(sandbox.adminApiKey);

    // An administrator makes Alice INACTIVE through the API (a whole-user PUT): she can no longer send.
    const headers = { "x-api-key": sandbox.adminApiKey, "content-type": "application/vnd.users.v1+json" };
    const alice = AdminApiUserSchema.parse(
      await (await fetch(`${sandbox.adminApiUrl}/users/u-alice`, { headers })).json(),
    );
    alice.basicInfo.status = "INACTIVE";
    const put = await fetch(`${sandbox.adminApiUrl}/users/u-alice`, {
      method: "PUT",
      headers,
      body: JSON.stringify(alice),
    });
    expect(put.status).toBe(202);
    await until(() => sandbox.world.user("u-alice")?.status === "INACTIVE", 5_000, "the PUT to complete");
    const inactive = await sync();
    expect(inactive.code).toBe(0);
    expect(inactive.stdout).toMatch(
      /ALERT u-alice \(.*\): The user's account is inactive \[user-inactive, confirmed\]/,
    );
    const verdicts = await get("/v1/users/verdicts?userIds=u-alice");
    expect(verdicts.body.verdicts).toEqual({ "u-alice": "cannot-send" });
  });

  it("sms-doctor sync fails, naming the likely cause, when the API's users don't look like Administration API users", async () => {
    await startSandboxAndApi("healthy-company", { limit: 100, windowMs: 1000 });
    // An API answering in the shape SMS Doctor used to expect (a top-level id, extensions beside
    // serviceInfo): a real server of the outside world, not our code.
    const oldShape = createServer((req, res) => {
      const users = req.url?.startsWith("/admin-provisioning/users");
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          data: users
            ? [1, 2, 3].map((i) => ({ id: `u${i}`, extensions: [{ primaryPhoneNumber: "+14155550100" }] }))
            : [],
          pagination: { hasMore: false },
        }),
      );
    });
    await new Promise<void>((resolve) => oldShape.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(oldShape.address() as AddressInfo).port}/admin-provisioning`;
      const run = await runCli(
        ["sync", "--tenant", "acme"],
        cliEnv({
          LOG_LEVEL: "silent",
          REDIS_URL: redisServer.url(),
          SMS_DOCTOR_PREFIX: prefix,
          SMS_DOCTOR_DIRECTORY_URLS: `acme=${url}`,
          SMS_DOCTOR_DIRECTORY_KEYS: "acme:some-key",
        }),
      ).done;
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^sync completed: 0 users read/);
      expect(run.stdout).toMatch(/3 users read, 0 used, 3 skipped \(first reasons: basicInfo: .* ×3\)/);
      expect(run.stderr).toMatch(
        /sync failed: every one of the users read from acme's Administration API were skipped .*these don't look like Administration API users: basicInfo/,
      );

      // The scheduled sync's job fails with the same words instead of completing.
      const worker = new DirectorySyncWorker({
        connection: connection(true),
        redis: connection(),
        tenants: [{ tenant: "acme", adminApiUrl: url, apiKey: "some-key" }],
        intervalMs: 3_600_000,
        prefix,
        logger,
        onSync: (_tenant, summary) => syncs.push(summary),
      });
      workers.push(worker);
      await worker.start();
      await until(async () => (await worker.queue.getFailedCount()) > 0, 20_000, "the sync job to fail");
      const [failed] = await worker.queue.getFailed();
      expect(failed!.failedReason).toMatch(/^directory sync: every one of the users read .* basicInfo/);
      expect(syncs.at(-1)).toMatchObject({ status: "completed", users: { read: 3, skipped: 3 } });
    } finally {
      await new Promise((resolve) => oldShape.close(resolve));
    }
  });
});
