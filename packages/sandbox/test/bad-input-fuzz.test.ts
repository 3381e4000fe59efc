// Generated requests over real HTTP to every route of the sandbox's JSON servers (8x8's API, the console
// replica, Telnyx's API, the control plane): whatever the path, query and body, the answer is never a 500 and a
// refusal is in the service's own error format. Bounded: 150 runs a server by default; FUZZ_RUNS=3000 for a
// longer hunt, which also prints how many answers had each status.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Sandbox } from "../src/sandbox.js";
import { startSandboxForTest } from "./support/start.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

interface Route {
  method: string;
  /** `:x` is replaced by a generated path segment. */
  path: string;
}

/** A path segment: generated text, escaped or not, or one the server knows. */
const segment = (known: string[]) =>
  fc.oneof(
    fc.constantFrom(...known, "12", "%", "%zz", "+", "..", "%2F", ""),
    fc.string({ maxLength: 40 }).map(encodeURIComponent),
    fc.string({ maxLength: 40 }).map((text) => text.replace(/[/?#\s]/g, "")),
  );

/** A query string from the server's own parameter names and others, repeated or not. */
const query = (names: string[]) =>
  fc.oneof(
    fc.constant(""),
    fc
      .array(
        fc.tuple(
          fc.constantFrom(...names, "x", ""),
          fc.oneof(fc.string({ maxLength: 30 }), fc.nat().map(String)),
        ),
        {
          maxLength: 4,
        },
      )
      .map((pairs) => `?${new URLSearchParams(pairs)}`),
    fc.string({ maxLength: 30 }).map((text) => `?${text.replace(/[#\s]/g, "")}`),
  );

/** No body, JSON of any shape, or text that is no JSON. */
const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 60 }),
);

/**
 * Sends generated requests to the routes; every answer is below 500 and passes `inItsFormat`. Returns how
 * many answers had each status, to show the requests reached the schemas (400) and the handlers (2xx).
 */
async function fuzz(
  base: string,
  routes: Route[],
  parts: { known: string[]; params: string[]; headers: Record<string, string>[] },
  inItsFormat: (status: number, body: unknown) => void,
): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...routes),
      segment(parts.known),
      query(parts.params),
      body,
      fc.constantFrom(...parts.headers),
      async (route, id, search, text, headers) => {
        const response = await fetch(`${base}${route.path.replace(":x", id)}${search}`, {
          method: route.method,
          headers,
          ...(text === undefined || route.method === "GET" ? {} : { body: text }),
        });
        const answer = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status, `${route.method} ${route.path} ${id} ${search} ${text}`).toBeLessThan(500);
        if (response.status >= 400) inItsFormat(response.status, JSON.parse(answer));
      },
    ),
    { numRuns: RUNS },
  );
  if (process.env.FUZZ_RUNS) console.info(base, Object.fromEntries(statuses));
  return statuses;
}

/** Some answers were refusals by a schema and some were answers: the generator reached both. */
const reachedBoth = (statuses: Map<number, number>) => {
  expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
  expect([...statuses.keys()].some((status) => status >= 200 && status < 300)).toBe(true);
};

const start = (scenario: string) =>
  startSandboxForTest({ scenario, adminRateLimit: { limit: 1_000_000, windowMs: 60_000 } });

describe("generated bad input: never a 500, always the service's own error format", () => {
  it("8x8's Administration API", async () => {
    const s: Sandbox = await start("healthy-company");
    const users = "application/vnd.users.v1+json";
    const statuses = await fuzz(
      s.adminApiUrl,
      [
        { method: "GET", path: "/users" },
        { method: "GET", path: "/users/:x" },
        { method: "POST", path: "/users" },
        { method: "PUT", path: "/users/:x" },
        { method: "DELETE", path: "/users/:x" },
        { method: "GET", path: "/operations/:x" },
        { method: "GET", path: "/phone-numbers" },
        { method: "GET", path: "/phone-numbers/:x" },
      ],
      {
        known: ["u-alice", "u-bob", "%2B16175550101"],
        params: ["pageSize", "filter", "sort", "scrollId"],
        headers: [
          { "x-api-key": s.adminApiKey, "content-type": users },
          { "x-api-key": s.adminApiKey, "content-type": "application/json" },
          { "x-api-key": s.adminApiKey, "content-type": users, accept: "text/html" },
        ],
      },
      (status, answer) => expect(answer).toMatchObject({ status, title: expect.any(String) }),
    );
    reachedBoth(statuses);
  });

  it("the console replica's API", async () => {
    const s = await start("phone-number-changed");
    const statuses = await fuzz(
      s.consoleUrl,
      [
        { method: "GET", path: "/api/users" },
        { method: "GET", path: "/api/users/:x" },
        { method: "PATCH", path: "/api/users/:x" },
        { method: "POST", path: "/api/users/:x/sms" },
        { method: "GET", path: "/api/users/:x/suggested-extension" },
        { method: "POST", path: "/api/sms/campaign" },
        { method: "POST", path: "/api/sms/numbers" },
        { method: "DELETE", path: "/api/sms/numbers/:x" },
        { method: "POST", path: "/api/sms/campaign/deactivate" },
      ],
      {
        known: ["u-alice", "u-bob", "%2B16175550188"],
        params: ["search", "filter", "page", "pageSize"],
        headers: [{ "content-type": "application/json" }, {}],
      },
      (_status, answer) =>
        expect(answer).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } }),
    );
    reachedBoth(statuses);
  });

  it("Telnyx's API and the carrier's control plane", async () => {
    const s = await start("verification-pending");
    const telnyxError = (_status: number, answer: unknown) =>
      expect(answer).toMatchObject({ errors: [{ code: expect.any(String), detail: expect.any(String) }] });
    const api = await fuzz(
      `${s.carrierUrl}/v2/10dlc`,
      [
        { method: "GET", path: "/phone_number_campaigns/:x" },
        { method: "GET", path: "/phone_number_campaigns" },
        { method: "GET", path: "/brand/:x" },
        { method: "GET", path: "/campaign/:x" },
      ],
      {
        known: ["%2B16175550105", s.world.carrier.brand.brandId],
        params: ["page[number]", "page[size]"],
        headers: [{ authorization: `Bearer ${s.carrierApiKey}` }, {}],
      },
      telnyxError,
    );
    // The control plane last: a valid body may set faults, and an injected 500 is no answer to bad input.
    const control = await fuzz(
      `${s.carrierUrl}/_control`,
      [
        { method: "POST", path: "/numbers" },
        { method: "DELETE", path: "/numbers/:x" },
        { method: "POST", path: "/campaign" },
        { method: "GET", path: "/clock" },
        { method: "POST", path: "/clock" },
        { method: "GET", path: "/faults" },
        { method: "POST", path: "/faults" },
        { method: "DELETE", path: "/faults" },
        { method: "GET", path: "/webhooks" },
      ],
      { known: ["%2B16175550105"], params: [], headers: [{ "content-type": "application/json" }, {}] },
      telnyxError,
    );
    reachedBoth(api);
    reachedBoth(control);
  });
});
