// The Administration API client against answers the sandbox doesn't give but 8x8 documents: a 408
// (downstream timeout), rate-limit headers that are absent or carry a Unix time, a page that says where
// the next one is only in _links.next, an ErrorResponse. The server here stands in for 8x8, scripted
// per request; the client is the real one, over real HTTP.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { AdminApiClient, AdminApiError } from "../src/directory/admin-api-client.js";

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

async function scriptedApi(answers: Answer[]) {
  const requests: { url: string; headers: IncomingMessage["headers"] }[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ url: req.url ?? "", headers: req.headers });
    const answer = answers.shift() ?? { status: 500, body: { status: 500, title: "script ran out" } };
    res.writeHead(answer.status, { "content-type": "application/vnd.users.v1+json", ...answer.headers });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin-provisioning`,
    requests,
  };
}
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
});

/** Waits the client asks for, recorded and skipped, so a test sees a 2-minute wait without taking it. */
function recordedSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

const page = (userIds: string[], pagination: Record<string, unknown>, links?: Record<string, unknown>) => ({
  data: userIds.map((userId) => ({ basicInfo: { userId } })),
  pagination,
  ...(links ? { _links: links } : {}),
});

describe("Administration API client", () => {
  it("asks for the first page with pageSize and the next ones with scrollId alone, the versioned media type, the key", async () => {
    const api = await scriptedApi([
      { status: 200, body: page(["a"], { pageSize: 1, hasMore: true, nextScrollId: "s/1+" }) },
      { status: 200, body: page(["b"], { pageSize: 1, hasMore: false, nextScrollId: null }) },
    ]);
    const client = new AdminApiClient({ baseUrl: api.baseUrl, apiKey: "k-123" });
    const first = await client.page("users", 1);
    expect(first).toEqual({ items: [{ basicInfo: { userId: "a" } }], nextScrollId: "s/1+" });
    const second = await client.page("users", 1, first.nextScrollId!);
    expect(second.nextScrollId).toBeNull();
    expect(api.requests.map((r) => r.url)).toEqual([
      "/admin-provisioning/users?pageSize=1",
      "/admin-provisioning/users?scrollId=s%2F1%2B",
    ]);
    for (const r of api.requests) {
      expect(r.headers.accept).toBe("application/vnd.users.v1+json");
      expect(r.headers["x-api-key"]).toBe("k-123");
    }
  });

  it("follows _links.next when the page gives no nextScrollId, and stops on hasMore: false", async () => {
    const api = await scriptedApi([
      {
        status: 200,
        body: page(["a"], { hasMore: null }, { next: { href: "/users?pageSize=100&scrollId=abc%3D" } }),
      },
      { status: 200, body: page([], { hasMore: false, nextScrollId: "ignored" }) },
      { status: 200, body: { data: null, pagination: null } },
    ]);
    const client = new AdminApiClient({ baseUrl: api.baseUrl, apiKey: "k" });
    expect((await client.page("users", 100)).nextScrollId).toBe("abc=");
    expect((await client.page("users", 100, "abc=")).nextScrollId).toBeNull();
    // data: null is an empty page, not an error.
    expect(await client.page("users", 100)).toEqual({ items: [], nextScrollId: null });
  });

  it("retries a 408 (downstream timeout) like a 5xx", async () => {
    const api = await scriptedApi([
      { status: 408, body: { status: 408, title: "Request Timeout", errors: [{ code: "REQUEST_TIMEOUT" }] } },
      { status: 503, body: { status: 503, title: "Service unavailable" } },
      { status: 200, body: page(["a"], { hasMore: false }) },
    ]);
    const { sleep, waits } = recordedSleep();
    const client = new AdminApiClient({ baseUrl: api.baseUrl, apiKey: "k", sleep });
    expect((await client.page("users", 100)).items).toHaveLength(1);
    expect(client.requests).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it("goes on without rate-limit headers, and reads a reset given as a Unix time without overflowing a timer", async () => {
    const epoch = (secondsAhead: number) => String(Math.floor(Date.now() / 1000) + secondsAhead);
    const api = await scriptedApi([
      { status: 200, body: page(["a"], { hasMore: true, nextScrollId: "1" }) }, // no x-ratelimit-* at all
      {
        status: 200,
        body: page(["b"], { hasMore: true, nextScrollId: "2" }),
        headers: { "x-ratelimit-limit": "100", "x-ratelimit-remaining": "0", "x-ratelimit-reset": epoch(3) },
      },
      {
        status: 200,
        body: page(["c"], { hasMore: true, nextScrollId: "3" }),
        // A reset 30 years ahead: as milliseconds it would be past 2^31 and fire a timer at once.
        headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": epoch(30 * 365 * 86_400) },
      },
      {
        status: 429,
        body: { status: 429, title: "Too Many Requests", errors: [{ code: "RATE_LIMIT_EXCEEDED" }] },
        headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": epoch(2) },
      },
      { status: 200, body: page(["d"], { hasMore: false }) },
    ]);
    const { sleep, waits } = recordedSleep();
    const client = new AdminApiClient({ baseUrl: api.baseUrl, apiKey: "k", sleep });
    await client.page("users", 1);
    expect(waits).toEqual([]);
    await client.page("users", 1, "1");
    await client.page("users", 1, "2");
    // The window reset 3 s ahead: the next request waits about that long.
    expect(waits[0]).toBeGreaterThan(1_000);
    expect(waits[0]).toBeLessThanOrEqual(3_000);
    await client.page("users", 1, "3");
    expect(client.rateLimited).toBe(1);
    // Every wait is a real duration, capped at two minutes; none is a far-future instant.
    for (const wait of waits) {
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThanOrEqual(125_000);
    }
    expect(waits.some((w) => w >= 100_000)).toBe(true);
  });

  it("gives up at once on a 400, saying what the ErrorResponse says and never the key", async () => {
    const api = await scriptedApi([
      {
        status: 400,
        body: {
          status: 400,
          title: "Conflicting query parameters",
          errors: [
            {
              code: "CONFLICTING_QUERY_PARAMETER",
              message: "Cannot use scrollId with other first-page query parameters",
            },
          ],
        },
      },
    ]);
    const client = new AdminApiClient({ baseUrl: api.baseUrl, apiKey: "secret-key-42" });
    const error = await client.page("users", 100).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminApiError);
    expect((error as AdminApiError).status).toBe(400);
    expect((error as Error).message).toMatch(
      /answered 400 \(Conflicting query parameters: CONFLICTING_QUERY_PARAMETER: Cannot use scrollId/,
    );
    expect((error as Error).message).not.toContain("secret-key-42");
    expect(client.requests).toBe(1);
  });

  it("names the field when a page is not a page", async () => {
    const api = await scriptedApi([{ status: 200, body: { data: "users", pagination: {} } }]);
    const client = new AdminApiClient({ baseUrl: api.baseUrl, apiKey: "k" });
    await expect(client.page("users", 100)).rejects.toThrow(
      /not a page of \{ data, pagination, _links \} \(data: /,
    );
  });
});
