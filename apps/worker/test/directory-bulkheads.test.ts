// Outside text from the Administration API: a user whose id is "__proto__" is synced like any other, and
// `sms-doctor sync` prints names as text, never as terminal escapes. The Administration API here is a
// plain HTTP server serving pages in its shape (the outside world, not one of our parts).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { TEXT_LIMITS, UserSnapshotSchema } from "@sms-doctor/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildStatusApi } from "../src/api/status-api.js";
import { ConfigError, loadConfig, sha256Hex } from "../src/config.js";
import { AdminApiClient, AdminApiError } from "../src/directory/admin-api-client.js";
import { adminUserSnapshot, PhoneNumberDirectory } from "../src/directory/admin-user-snapshot.js";
import { directoryKeys } from "../src/directory/directory-keys.js";
import { producerConnection, type RedisClient, whenReady } from "../src/redis/connections.js";
import { TrackingStore } from "../src/tracking/tracking-store.js";
import { cliEnv, runCli } from "./support/cli.js";
import { dropPrefix, uniquePrefix, useRedisServer } from "./support/redis.js";

const redisServer = useRedisServer();
const TOKEN = "acme-token-0123456789abcdef";
const HOSTILE_NAME = "Eve \u001b[31mRed\u001b]0;pwned\u0007";

const users = [
  {
    id: "__proto__",
    basicInfo: { firstName: "Eve", lastName: "\u001b[31mRed\u001b]0;pwned\u0007", status: "ACTIVE" },
    serviceInfo: { licenses: [{ name: "X Series - X4" }] },
    extensions: [{ extensionNumber: "1001", primaryPhoneNumber: "+14155550142" }],
  },
  {
    id: "u2",
    basicInfo: { firstName: "Bob", lastName: "Plain", status: "ACTIVE" },
    serviceInfo: { licenses: [{ name: "X Series - X4" }] },
    extensions: [{ extensionNumber: "1002", primaryPhoneNumber: "+14155550199" }],
  },
];

let adminApi: Server;
let adminApiUrl: string;
let redis: RedisClient;
const prefix = uniquePrefix();

beforeAll(async () => {
  adminApi = createServer((req, res) => {
    const list = req.url?.startsWith("/users") ? users : [];
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ data: list, pagination: { hasMore: false, nextScrollId: null } }));
  });
  await new Promise<void>((resolve) => adminApi.listen(0, "127.0.0.1", resolve));
  adminApiUrl = `http://127.0.0.1:${(adminApi.address() as AddressInfo).port}`;
  redis = producerConnection(redisServer.url());
  await whenReady(redis);
});
afterAll(async () => {
  await new Promise<void>((resolve) => adminApi.close(() => resolve()));
  redis.disconnect();
  await dropPrefix(redisServer.url(), prefix);
});

describe("directory sync of outside text", () => {
  it('syncs a user "__proto__" whose change is alone on its page, and prints its name without terminal escapes', async () => {
    const api = await buildStatusApi({
      store: new TrackingStore(redis, { prefix }),
      redis,
      tokens: [{ tenant: "acme", sha256: sha256Hex(TOKEN) }],
      provider: "sandbox",
    });
    try {
      // The console saw the user sending SMS from its number: the history a changed number is judged by.
      const observed = await api.inject({
        method: "POST",
        url: "/v1/observations",
        headers: { authorization: `Bearer ${TOKEN}` },
        payload: {
          snapshot: {
            userId: "__proto__",
            observedAt: new Date(Date.now() - 86_400_000).toISOString(),
            license: "X Series - X4",
            phoneNumber: "+14155550142",
            sms: { number: "+14155550142", enabled: true, status: "enabled" },
          },
        },
      });
      expect(observed.statusCode).toBe(200);
    } finally {
      await api.close();
    }
    const env = cliEnv({
      LOG_LEVEL: "silent",
      REDIS_URL: redisServer.url(),
      SMS_DOCTOR_PREFIX: prefix,
      SMS_DOCTOR_DIRECTORY_URLS: `acme=${adminApiUrl}`,
      SMS_DOCTOR_DIRECTORY_KEYS: "acme:admin-api-key-0123456789",
    });
    const sync = () => runCli(["sync", "--tenant", "acme"], env).done;
    const baseline = await sync();
    expect(baseline.code, baseline.stderr).toBe(0);
    expect(baseline.stdout).toMatch(/^sync completed: 2 users read, 2 changed/);

    users[0]!.extensions[0]!.primaryPhoneNumber = "+14155550143";
    const after = await sync();
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toMatch(/^sync completed: 2 users read, 1 changed, 1 new findings/);
    expect(after.stdout).toContain("ALERT __proto__ (Eve \ufffd[31mRed\ufffd]0;pwned\ufffd)");
    expect(after.stdout).not.toContain(HOSTILE_NAME);
    expect([...after.stdout].filter((c) => c !== "\n" && c.charCodeAt(0) < 32)).toEqual([]);
    const keys = directoryKeys("acme", prefix);
    expect(await redis.hexists(keys.fingerprints, "__proto__")).toBe(1);
    expect(await redis.exists(keys.checkpoint)).toBe(0);
  });
});

describe("the Administration API client and outside hosts", () => {
  it("refuses redirects, so the key is never sent where a redirect points", async () => {
    const seenKeys: (string | undefined)[] = [];
    const elsewhere = createServer((req, res) => {
      seenKeys.push(req.headers["x-api-key"] as string | undefined);
      res
        .writeHead(200, { "content-type": "application/json" })
        .end('{"data":[],"pagination":{"hasMore":false}}');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    const target = `http://localhost:${(elsewhere.address() as AddressInfo).port}/users`;
    const redirecting = createServer((_req, res) => res.writeHead(302, { location: target }).end());
    await new Promise<void>((resolve) => redirecting.listen(0, "127.0.0.1", resolve));
    try {
      const client = new AdminApiClient({
        baseUrl: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`,
        apiKey: "admin-api-key-0123456789",
      });
      const error = await client.page("users", 10).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AdminApiError);
      expect((error as AdminApiError).status).toBe(302);
      expect(seenKeys).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => redirecting.close(() => resolve()));
      await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
    }
  });

  it("requires https, except to this machine", () => {
    expect(() => new AdminApiClient({ baseUrl: "http://api.example.com/admin", apiKey: "k" })).toThrow(
      /https/,
    );
    expect(
      () => new AdminApiClient({ baseUrl: "https://api.8x8.com/admin-provisioning", apiKey: "k" }),
    ).not.toThrow();
    expect(() => new AdminApiClient({ baseUrl: "http://localhost:4010", apiKey: "k" })).not.toThrow();
    const env = (url: string) => ({
      SMS_DOCTOR_DIRECTORY_URLS: `acme=${url}`,
      SMS_DOCTOR_DIRECTORY_KEYS: "acme:admin-api-key-0123456789",
    });
    const refused = (() => {
      try {
        loadConfig(env("http://api.example.com/admin"));
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).problems[0]?.variable).toBe("SMS_DOCTOR_DIRECTORY_URLS");
    expect(loadConfig(env("http://127.0.0.1:4010")).SMS_DOCTOR_DIRECTORY_URLS).toHaveLength(1);
  });
});

describe("a user whose names are longer than a snapshot keeps", () => {
  it("is still synced, its texts cut to core's bounds", () => {
    const snapshot = adminUserSnapshot(
      {
        basicInfo: {
          userId: "u-long",
          firstName: "F".repeat(1000),
          lastName: "L".repeat(1000),
          primaryEmail: `${"e".repeat(990)}@x.io`,
        },
        serviceInfo: { licenses: [{ name: "X Series - X4" }] },
      },
      new PhoneNumberDirectory(),
      "2026-05-01T12:00:00Z",
    );
    expect(UserSnapshotSchema.safeParse(snapshot).success).toBe(true);
    expect("displayName" in snapshot && snapshot.displayName).toHaveLength(TEXT_LIMITS.name);
  });
});
