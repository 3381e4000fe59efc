// Generated requests to the status API: every route, with path parameters, query strings and bodies from
// valid to hostile (huge numbers, instants out of range, "__proto__", megabyte strings, wrong types, bad
// tokens, bad JSON). Shared by the fuzz test and the bench that quotes its figures.
import fc from "fast-check";

export interface GeneratedRequest {
  method: "GET" | "POST" | "DELETE";
  path: string;
  query: Record<string, string>;
  token: string | undefined;
  /** Sent as is; undefined: no body. */
  body: string | undefined;
}

const hostileText = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(
    "__proto__",
    "constructor",
    "18446744073709551616",
    "-1",
    "1e400",
    "1969-12-31T23:59:59Z",
    "9999-12-31T23:59:59-23:59",
    "+14155550100",
    "(415) 555-0100",
    "u".repeat(129),
    "x".repeat(4096),
    "%00",
    "\u001b[31m",
    "../../etc/passwd",
  ),
);
const instant = fc.oneof(
  fc.date({ min: new Date(-1e13), max: new Date(1e14), noInvalidDate: true }).map((d) => d.toISOString()),
  hostileText,
);
const number = fc.oneof(
  fc.constantFrom("+14155550100", "+16175550101", "4155550102", "+442079460018"),
  hostileText,
  fc.integer(),
);
const userId = fc.oneof(fc.constantFrom("u1", "__proto__", "a".repeat(128), "b".repeat(129)), hostileText);
const snapshot = fc.record(
  {
    userId,
    observedAt: instant,
    license: fc.oneof(fc.constant(null), hostileText, fc.constant("X".repeat(300_000))),
    phoneNumber: fc.oneof(fc.constant(null), number),
    sms: fc.oneof(
      fc.constant(null),
      fc.record({
        number: fc.oneof(fc.constant(null), number),
        enabled: fc.oneof(fc.boolean(), fc.anything()),
        status: fc.constantFrom("enabled", "pending", null, "bogus"),
      }),
    ),
    displayName: hostileText,
    email: hostileText,
  },
  { requiredKeys: [] },
);
const company = fc.record(
  {
    observedAt: instant,
    brand: fc.record({ status: fc.constantFrom("verified", "pending", null, "x") }),
    campaign: fc.record({
      status: fc.constantFrom("verified", "rejected", null),
      errors: fc.array(fc.record({ field: hostileText, message: hostileText }), { maxLength: 3 }),
    }),
    enabledNumbers: fc.array(fc.record({ number, status: fc.constantFrom("enabled", "pending") }), {
      maxLength: 5,
    }),
  },
  { requiredKeys: [] },
);

const json = (value: unknown) => JSON.stringify(value) ?? "null";
const body = (shaped: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 4, arbitrary: shaped.map(json) },
    { weight: 1, arbitrary: fc.anything().map(json) },
    { weight: 1, arbitrary: fc.constantFrom("{", "[1,", "null", '{"__proto__":{"x":1}}', "\u0000") },
  );

const query = (keys: Record<string, fc.Arbitrary<string>>) =>
  fc.record(keys, { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>;
const limit = fc.oneof(fc.integer({ min: -5, max: 1000 }).map(String), hostileText);

const route: fc.Arbitrary<Omit<GeneratedRequest, "token">> = fc.oneof(
  fc.record({
    method: fc.constant("POST" as const),
    path: fc.constant("/v1/numbers"),
    query: fc.constant({}),
    body: body(fc.record({ number, userId, enabledAt: instant }, { requiredKeys: [] })),
  }),
  fc.record({
    method: fc.constantFrom("GET" as const, "DELETE" as const),
    path: number.map((n) => `/v1/numbers/${encodeURIComponent(String(n))}`),
    query: fc.constant({}),
    body: fc.constant(undefined),
  }),
  fc.record({
    method: fc.constant("GET" as const),
    path: fc.constant("/v1/numbers"),
    query: query({ state: fc.constantFrom("AWAITING_NUMBER", "ACTIVE", "x"), cursor: hostileText, limit }),
    body: fc.constant(undefined),
  }),
  fc.record({
    method: fc.constant("POST" as const),
    path: fc.constant("/v1/observations"),
    query: fc.constant({}),
    body: body(fc.record({ snapshot, company }, { requiredKeys: ["snapshot"] })),
  }),
  fc.record({
    method: fc.constant("GET" as const),
    path: fc
      .tuple(userId, fc.constantFrom("diagnosis", "history"))
      .map(([id, what]) => `/v1/users/${encodeURIComponent(String(id))}/${what}`),
    query: query({ limit }),
    body: fc.constant(undefined),
  }),
  fc.record({
    method: fc.constant("GET" as const),
    path: fc.constant("/v1/users/verdicts"),
    query: query({ userIds: fc.array(userId, { maxLength: 5 }).map((ids) => ids.join(",")) }),
    body: fc.constant(undefined),
  }),
  fc.record({
    method: fc.constant("GET" as const),
    path: fc.constant("/v1/findings"),
    query: query({ since: instant, cursor: hostileText, limit }),
    body: fc.constant(undefined),
  }),
  fc.record({
    method: fc.constant("POST" as const),
    path: hostileText.map((p) => `/v1/webhooks/${encodeURIComponent(p)}`),
    query: fc.constant({}),
    body: body(fc.record({ data: fc.record({ id: hostileText, event_type: hostileText }) })),
  }),
  fc.record({
    method: fc.constantFrom("GET" as const, "POST" as const),
    path: fc.constantFrom("/readyz", "/healthz", "/metrics", "/nope", "/v1/../v1/numbers"),
    query: fc.constant({}),
    body: fc.constant(undefined),
  }),
);

/** A generated request: a route, with a valid token most of the time. */
export function apiRequests(validToken: string): fc.Arbitrary<GeneratedRequest> {
  return fc
    .tuple(
      route,
      fc.oneof(
        { weight: 8, arbitrary: fc.constant(validToken) },
        { weight: 1, arbitrary: fc.option(hostileText, { nil: undefined }) },
      ),
    )
    .map(([r, token]) => ({ ...r, token }));
}

/** Sends a generated request over real HTTP; returns the status and the parsed body (or the text). */
export async function sendRequest(
  baseUrl: string,
  request: GeneratedRequest,
): Promise<{ status: number; body: unknown }> {
  const url = new URL(request.path, baseUrl);
  for (const [key, value] of Object.entries(request.query)) url.searchParams.set(key, value);
  const headers: Record<string, string> = {};
  // A header value cannot hold every character: a token that can't be sent is sent as no token.
  if (request.token !== undefined && /^[\t\x20-\x7e]*$/.test(request.token))
    headers.authorization = `Bearer ${request.token}`;
  if (request.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(url, {
    method: request.method,
    headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: response.status, body };
}
