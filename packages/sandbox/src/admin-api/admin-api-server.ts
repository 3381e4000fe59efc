import { randomUUID } from "node:crypto";
import {
  ADMIN_API_MEDIA_TYPES,
  ADMIN_API_PAGE_SIZE,
  type AdminApiErrorBody,
  type AdminApiPhoneNumber,
  type AdminApiUserWrite,
  AdminApiUserWriteSchema,
  E164Schema,
  extensionPhoneNumberOf,
  voiceLicenseOf,
} from "@sms-doctor/core";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  createServer,
  HttpError,
  listen,
  type RunningServer,
  requestUrl,
  searchParams,
  sendJson,
} from "../http/server.js";
import type { World } from "../world/world.js";
import type { UserRecord } from "../world/world-types.js";
import {
  adminPhoneNumber,
  adminUser,
  PHONE_NUMBER_SELECTORS,
  type RenderedUser,
  siteId,
  temporaryNumbers,
  USER_SELECTORS,
} from "./admin-representation.js";
import { OperationQueue } from "./operations.js";
import { FixedWindowRateLimiter } from "./rate-limiter.js";
import { compileRsql, RsqlError, type Selectors } from "./rsql.js";

export const ADMIN_API_BASE = "/admin-provisioning";

export interface AdminApiOptions {
  world: World;
  apiKey: string;
  rateLimit: { limit: number; windowMs: number };
  port?: number;
}

/** `ErrorCode` (user-api-v1.yaml): the published codes, by the status that usually carries them. */
const CODE_BY_STATUS: Record<number, string> = {
  400: "VALIDATION_ERROR",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "BAD_REQUEST",
  406: "BAD_REQUEST",
  408: "REQUEST_TIMEOUT",
  409: "CONFLICT",
  413: "BAD_REQUEST",
  415: "BAD_REQUEST",
  429: "TOO_MANY_REQUESTS",
  503: "SERVICE_UNAVAILABLE",
};
const TITLE_BY_STATUS: Record<number, string> = {
  400: "Validation error",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  408: "Request Timeout",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service unavailable",
};
const PUBLISHED_CODES = new Set([...Object.values(CODE_BY_STATUS), "UNKNOWN", "CONFLICTING_QUERY_PARAMETER"]);

/** `ErrorResponse`, as every 4xx/5xx of the published API is shaped. */
function errorBody(error: HttpError): AdminApiErrorBody {
  const code = PUBLISHED_CODES.has(error.code) ? error.code : (CODE_BY_STATUS[error.status] ?? "UNKNOWN");
  return {
    status: error.status,
    title: TITLE_BY_STATUS[error.status] ?? "Error",
    detail: error.message,
    time: new Date().toISOString(),
    // 8x8's own 401 example has no `errors` (suite-common.mdx, "Authentication Failure").
    ...(error.status === 401
      ? {}
      : { errors: [{ ...(error.field ? { field: error.field } : {}), code, message: error.message }] }),
  };
}

/**
 * First-page parameters, or `scrollId` alone for the next pages (the rest is in the scroll): `scrollAlone`
 * refuses it beside the others before this schema judges their values.
 */
const PageQuerySchema = searchParams(
  z
    .object({
      scrollId: z.string().optional(),
      pageSize: z.coerce
        .number()
        .int()
        .min(1)
        .max(ADMIN_API_PAGE_SIZE.max)
        .default(ADMIN_API_PAGE_SIZE.default),
      filter: z.string().max(2_000).optional(),
      sort: z.string().max(500).optional(),
    })
    .strict(),
);
type PageQuery = z.infer<typeof PageQuerySchema>;

/** The scroll rule: a `scrollId` comes alone, whatever the other parameters' values (checked first). */
async function scrollAlone(request: FastifyRequest): Promise<void> {
  const query = request.query as Record<string, unknown>;
  if (query.scrollId === undefined) return;
  const others = Object.keys(query).filter((k) => k !== "scrollId");
  if (others.length)
    throw new HttpError(
      400,
      "CONFLICTING_QUERY_PARAMETER",
      `Cannot use scrollId with other first-page query parameters (${others.join(", ")})`,
    );
}

const UserParamsSchema = z.object({ userId: z.string() });

/** The scroll cursor is opaque to clients: where the next page starts, and the query it belongs to. */
const ScrollSchema = z.object({
  list: z.string(),
  offset: z.number().int().min(0),
  pageSize: z.number().int().min(1),
  filter: z.string(),
  sort: z.string(),
});
type Scroll = z.infer<typeof ScrollSchema>;

/** An answer other than 200, with its own headers. */
class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

/**
 * An imitation of 8x8's (beta) Administration API over the world, in the shapes 8x8 publishes
 * (user-api-v1.yaml, phonenumber-api-v1.yaml, operation-api-v1.yaml; sources in core's
 * schemas/admin-api.ts): `x-api-key`, versioned media types, RSQL `filter`, `sort`, scroll paging
 * that refuses first-page parameters beside `scrollId`, `POST`/`PUT`/`DELETE /users` answering 202
 * with an Operation (there is no PATCH), `ErrorResponse` bodies, and a per-key request limit with
 * `x-ratelimit-*` headers.
 */
export async function startAdminApiServer(options: AdminApiOptions): Promise<RunningServer> {
  const { world, apiKey } = options;
  const limiter = new FixedWindowRateLimiter(options.rateLimit.limit, options.rateLimit.windowMs);
  const operations = new OperationQueue(ADMIN_API_BASE, world.company.id);
  const app = createServer(errorBody);
  /** The `x-ratelimit-*` headers of a request that passed the key check: every answer to it carries them. */
  const rateHeaders = new WeakMap<FastifyRequest, Record<string, string>>();

  /**
   * Key check, then the limit (a refused key does not use up anyone's quota), then content negotiation;
   * run when the request arrives, before its body is read.
   */
  const guarded = (mediaType: string, payload = false) => ({
    onRequest: async (request: FastifyRequest) => {
      const key = request.headers["x-api-key"];
      if (key !== apiKey) throw new HttpError(401, "UNAUTHORIZED", "Missing or invalid x-api-key header.");
      const decision = limiter.take(key);
      const headers = {
        "x-ratelimit-limit": String(decision.limit),
        "x-ratelimit-remaining": String(decision.remaining),
        "x-ratelimit-reset": String(decision.resetSeconds),
      };
      rateHeaders.set(request, headers);
      if (!decision.allowed)
        throw new HttpError(
          429,
          "TOO_MANY_REQUESTS",
          `Rate limit exceeded: more than ${decision.limit} requests in the window.`,
          undefined,
          { "retry-after": String(decision.resetSeconds) },
        );
      // A payload carries the version in Content-Type; an answer is negotiated with Accept.
      if (payload && !isMediaType(request.headers["content-type"], mediaType))
        throw new HttpError(
          415,
          "BAD_REQUEST",
          `Send the body as ${mediaType} (Content-Type).`,
          "content-type",
        );
      if (!accepts(request.headers.accept, mediaType))
        throw new HttpError(406, "BAD_REQUEST", `This resource is served as ${mediaType}.`, "accept");
      world.sync();
    },
    onSend: async (request: FastifyRequest, reply: FastifyReply) => {
      const headers = rateHeaders.get(request);
      if (headers) reply.headers(headers);
    },
  });
  /** The answer in the resource's media type: 200 with the value, or a `Reply` with its own status. */
  const respond = (reply: FastifyReply, mediaType: string, answered: unknown): FastifyReply =>
    answered instanceof Reply
      ? sendJson(reply, answered.status, answered.body, answered.headers, mediaType)
      : sendJson(reply, 200, answered, {}, mediaType);

  const userOr404 = (userId: string | undefined): UserRecord => {
    const user = world.user(userId ?? "");
    if (user?.extensionType !== "user")
      throw new HttpError(404, "NOT_FOUND", "User not found", "basicInfo.userId");
    return user;
  };
  /** The user a path names is looked up before its body is judged: an unknown user is a 404 whatever the body. */
  const knownUser = async (request: FastifyRequest) => {
    userOr404((request.params as { userId?: string }).userId);
  };
  const accepted = (operation: ReturnType<OperationQueue["submit"]>): Reply => {
    if (!operation)
      throw new HttpError(
        429,
        "TOO_MANY_REQUESTS",
        `At most ${operations.maxConcurrent} operations may be unfinished.`,
      );
    return new Reply(202, operation, { location: operation._links?.self?.href ?? "" });
  };
  const users = ADMIN_API_MEDIA_TYPES.users;
  const phoneNumbers = ADMIN_API_MEDIA_TYPES.phoneNumbers;

  app.get(
    `${ADMIN_API_BASE}/users`,
    { ...guarded(users), preValidation: scrollAlone, schema: { querystring: PageQuerySchema } },
    (request, reply) =>
      respond(
        reply,
        users,
        page(
          requestUrl(request),
          request.query,
          "users",
          world
            .users()
            .filter((u) => u.extensionType === "user")
            .map((u) => adminUser(world, u)),
          USER_SELECTORS,
          { multiSort: true },
        ),
      ),
  );
  app.get(
    `${ADMIN_API_BASE}/users/:userId`,
    { ...guarded(users), schema: { params: UserParamsSchema } },
    (request, reply) => respond(reply, users, adminUser(world, userOr404(request.params.userId))),
  );
  app.post(
    `${ADMIN_API_BASE}/users`,
    { ...guarded(users, true), schema: { body: AdminApiUserWriteSchema } },
    (request, reply) => {
      const { body } = request;
      const site = siteOf(world, body);
      if (world.users().some((u) => u.username === body.basicInfo.userName))
        throw new HttpError(400, "VALIDATION_ERROR", "userName already in use");
      return respond(
        reply,
        users,
        accepted(
          operations.submit({
            operationType: "CREATE",
            resourceId: null,
            apply: () => createUser(world, body, site),
          }),
        ),
      );
    },
  );
  app.put(
    `${ADMIN_API_BASE}/users/:userId`,
    {
      ...guarded(users, true),
      preValidation: knownUser,
      schema: { params: UserParamsSchema, body: AdminApiUserWriteSchema },
    },
    (request, reply) => {
      const user = userOr404(request.params.userId);
      const { body } = request;
      if (body.basicInfo.userId && body.basicInfo.userId !== user.id)
        throw new HttpError(
          400,
          "VALIDATION_ERROR",
          `Mismatched userId in url vs payload: ${user.id} vs ${body.basicInfo.userId}`,
          "basicInfo.userId",
        );
      const site = siteOf(world, body);
      return respond(
        reply,
        users,
        accepted(
          operations.submit({
            operationType: "UPDATE",
            resourceId: user.id,
            apply: () => replaceUser(world, user.id, body, site),
          }),
        ),
      );
    },
  );
  app.delete(
    `${ADMIN_API_BASE}/users/:userId`,
    { ...guarded(users), schema: { params: UserParamsSchema } },
    (request, reply) => {
      const user = userOr404(request.params.userId);
      return respond(
        reply,
        users,
        accepted(
          operations.submit({
            operationType: "DELETE",
            resourceId: user.id,
            apply: () => {
              const removed = world.removeUser(user.id);
              return removed.ok ? { ok: true, value: user.id } : { ok: false, error: refusal(removed.error) };
            },
          }),
        ),
      );
    },
  );
  app.get(
    `${ADMIN_API_BASE}/operations/:operationId`,
    {
      ...guarded(ADMIN_API_MEDIA_TYPES.operations),
      schema: { params: z.object({ operationId: z.string() }) },
    },
    (request, reply) => {
      const { operationId } = request.params;
      const operation = operations.get(operationId);
      if (!operation)
        throw new HttpError(404, "NOT_FOUND", `Operation not found: ${operationId}`, "operationId");
      return respond(reply, ADMIN_API_MEDIA_TYPES.operations, operation);
    },
  );
  app.get(
    `${ADMIN_API_BASE}/phone-numbers`,
    { ...guarded(phoneNumbers), preValidation: scrollAlone, schema: { querystring: PageQuerySchema } },
    (request, reply) =>
      respond(
        reply,
        phoneNumbers,
        page(
          requestUrl(request),
          request.query,
          "phone-numbers",
          renderedNumbers(world),
          PHONE_NUMBER_SELECTORS,
          // The phone number guide: "Cannot Sort By Multiple Attributes".
          { multiSort: false },
        ),
      ),
  );
  app.get(
    `${ADMIN_API_BASE}/phone-numbers/:phoneNumber`,
    { ...guarded(phoneNumbers), schema: { params: z.object({ phoneNumber: z.string() }) } },
    (request, reply) => {
      const { phoneNumber } = request.params;
      // Judged here, not by the params schema: 8x8 words this refusal itself ("Invalid phone number
      // 4085551234", phonenumber-api-v1.yaml's example), without the schema mapper's `field: ` prefix.
      const parsed = E164Schema.safeParse(phoneNumber);
      if (!parsed.success)
        throw new HttpError(400, "VALIDATION_ERROR", `Invalid phone number ${phoneNumber}`, "phoneNumber");
      const number = world.number(parsed.data);
      if (!number)
        throw new HttpError(404, "NOT_FOUND", `Phone number not found: ${parsed.data}`, "phoneNumber");
      return respond(reply, phoneNumbers, adminPhoneNumber(number, temporaryNumbers(world)));
    },
  );

  const server = await listen(app, options.port ?? 0);
  return {
    ...server,
    close: async () => {
      operations.close();
      await server.close();
    },
  };
}

/** Every company number as the API lists it, rendered afresh for each request. */
function renderedNumbers(world: World): AdminApiPhoneNumber[] {
  const temporaries = temporaryNumbers(world);
  return world.numbers().map((n) => adminPhoneNumber(n, temporaries));
}

// ---- paging ----

type Listed = RenderedUser | AdminApiPhoneNumber;

function page<T extends Listed>(
  url: URL,
  query: PageQuery,
  list: string,
  items: T[],
  selectors: Selectors<T>,
  { multiSort }: { multiSort: boolean },
) {
  let scroll: Scroll;
  if (query.scrollId !== undefined) {
    scroll = decodeScroll(query.scrollId, list);
  } else {
    scroll = {
      list,
      offset: 0,
      pageSize: query.pageSize,
      filter: query.filter ?? "",
      sort: query.sort ?? "",
    };
  }
  let matches: (item: T) => boolean = () => true;
  if (scroll.filter) {
    try {
      matches = compileRsql(scroll.filter, selectors);
    } catch (error) {
      if (error instanceof RsqlError)
        throw new HttpError(400, "VALIDATION_ERROR", `Invalid filter syntax: ${error.message}`, "filter");
      throw error;
    }
  }
  const filtered = items.filter(matches);
  if (scroll.sort) filtered.sort(comparator(scroll.sort, selectors, multiSort));
  const data = filtered.slice(scroll.offset, scroll.offset + scroll.pageSize);
  const next = scroll.offset + data.length;
  const hasMore = next < filtered.length;
  const nextScrollId = hasMore
    ? Buffer.from(JSON.stringify({ ...scroll, offset: next } satisfies Scroll)).toString("base64url")
    : null;
  const path = `${ADMIN_API_BASE}/${list}`;
  return {
    data,
    pagination: {
      pageSize: scroll.pageSize,
      pageNumber: Math.floor(scroll.offset / scroll.pageSize),
      hasMore,
      filter: scroll.filter || null,
      sort: scroll.sort || null,
      nextScrollId,
    },
    _links: {
      self: { href: `${path}${url.search}` },
      // The next page's link sends only the scroll id, as the scroll rule requires.
      ...(nextScrollId ? { next: { href: `${path}?scrollId=${nextScrollId}` } } : {}),
    },
  };
}

function decodeScroll(scrollId: string, list: string): Scroll {
  const invalid = () => new HttpError(400, "VALIDATION_ERROR", "Invalid scroll identifier", "scrollId");
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(scrollId, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const scroll = ScrollSchema.safeParse(decoded);
  if (!scroll.success || scroll.data.list !== list) throw invalid();
  return scroll.data;
}

/**
 * `sort`: `field`, `+field` or `-field` (a `+` in a query string reads as a space), comma-separated
 * for users ("+lastName,-firstName", user management guide).
 */
function comparator<T>(sort: string, selectors: Selectors<T>, multi: boolean): (a: T, b: T) => number {
  const terms = sort.split(",");
  if (terms.length > 1 && !multi)
    throw new HttpError(400, "VALIDATION_ERROR", "Invalid sort parameter: one attribute only", "sort");
  const keys = terms.map((term) => {
    const descending = term.trim().startsWith("-");
    const field = term.trim().replace(/^[+-]/, "");
    const select = selectors[field];
    if (!select) throw new HttpError(400, "VALIDATION_ERROR", `Invalid sort parameter: ${field}`, "sort");
    const text = (item: T) => {
      const value = select(item);
      return Array.isArray(value) ? value.join(",") : (value ?? "");
    };
    return { text, sign: descending ? -1 : 1 };
  });
  return (a, b) => {
    for (const key of keys) {
      const order = key.text(a).localeCompare(key.text(b));
      if (order) return order * key.sign;
    }
    return 0;
  };
}

// ---- writes ----

/** `basicInfo.site` by id or name; 8x8 refuses a user without one ("Either site id or name must be provided"). */
function siteOf(world: World, body: AdminApiUserWrite): string {
  const site = body.basicInfo.site;
  const found = world.company.sites.find(
    (name) => (site?.id && siteId(name) === site.id) || (site?.name && name === site.name),
  );
  if (!found)
    throw new HttpError(
      400,
      "VALIDATION_ERROR",
      site?.id || site?.name ? "No such site" : "Either site id or name must be provided",
      "basicInfo.site.id",
    );
  return found;
}

/**
 * The voice license a write asks for, chosen as a reader chooses it (core's `voiceLicenseOf`: the one
 * the extension's `licenseId` names), then found in the world's catalogue by id, else by name.
 */
function voiceLicenseName(world: World, body: AdminApiUserWrite): string | null {
  const licenses = body.serviceInfo?.licenses ?? [];
  // No license listed: a PUT that removes it (the guide's first step of a license change).
  if (licenses.length === 0) return null;
  const extension = body.serviceInfo?.extensions?.[0];
  // A license may be asked for by id alone (no name), which the reader's choice skips.
  const asked =
    voiceLicenseOf(licenses, extension) ??
    licenses.find((l) => l.id && l.id === extension?.licenseId) ??
    licenses[0]!;
  const known =
    world.licenses.find((w) => asked.id && w.id === asked.id) ??
    world.licenses.find((w) => asked.name && w.name === asked.name);
  return known?.name ?? null;
}

function phoneNumberOf(body: AdminApiUserWrite): string | null {
  return extensionPhoneNumberOf(body.serviceInfo?.extensions?.[0]);
}

/** World field names → the published paths a FAILED operation's `errors[].field` names. */
const FIELD_PATHS: Record<string, string> = {
  phoneNumber: "serviceInfo.extensions.primaryPhoneNumber",
  licenseName: "serviceInfo.licenses",
  site: "basicInfo.site",
  extensionNumber: "serviceInfo.extensions.extensionNumber",
  userId: "basicInfo.userId",
};

function refusal(error: { field: string; message: string }): AdminApiErrorBody {
  return {
    status: 400,
    title: "Validation error",
    detail: error.message,
    errors: [
      { field: FIELD_PATHS[error.field] ?? error.field, code: "VALIDATION_ERROR", message: error.message },
    ],
  };
}

/**
 * PUT replaces the whole user (suite-common.mdx, "Understanding PUT Semantics"): what the body leaves
 * out is removed, a license or a number included, and that goes through the world's rules (changing
 * either turns SMS off).
 */
function replaceUser(world: World, userId: string, body: AdminApiUserWrite, site: string) {
  const info = body.basicInfo;
  const applied = world.updateProfile(userId, {
    firstName: info.firstName,
    lastName: info.lastName,
    email: info.primaryEmail,
    username: info.userName,
    site,
    ...(info.timezone ? { timeZone: info.timezone } : {}),
    jobTitle: body.directoryInfo?.jobTitle ?? "",
    department: body.directoryInfo?.department ?? "",
    phoneNumber: phoneNumberOf(body),
    licenseName: voiceLicenseName(world, body),
  });
  if (!applied.ok) return { ok: false as const, error: refusal(applied.error) };
  if (info.status) world.setUserStatus(userId, info.status);
  return { ok: true as const, value: userId };
}

function createUser(world: World, body: AdminApiUserWrite, site: string) {
  const info = body.basicInfo;
  const taken = new Set(world.users().map((u) => Number(u.extensionNumber)));
  let extension = 1001;
  while (taken.has(extension)) extension++;
  const now = world.clock.now();
  const id = randomUUID().replace(/-/g, "").slice(0, 22);
  world.addUser({
    id,
    firstName: info.firstName,
    lastName: info.lastName,
    email: info.primaryEmail,
    username: info.userName,
    site,
    language: "English (United States)",
    timeZone: info.timezone ?? "America/New_York",
    jobTitle: body.directoryInfo?.jobTitle ?? "",
    department: body.directoryInfo?.department ?? "",
    personalContactNumber: "",
    status: info.status ?? "ACTIVE",
    extensionNumber: String(extension),
    extensionType: "user",
    licenseName: null,
    phoneNumbers: [],
    lastLoginAt: null,
    createdAt: now,
    updatedAt: now,
  });
  const applied = world.updateProfile(id, {
    phoneNumber: phoneNumberOf(body),
    licenseName: voiceLicenseName(world, body),
  });
  if (applied.ok) return { ok: true as const, value: id };
  // A refused create leaves no half-made user behind.
  world.removeUser(id);
  return { ok: false as const, error: refusal(applied.error) };
}

// ---- content negotiation ----

function isMediaType(header: string | undefined, mediaType: string): boolean {
  return header?.split(";")[0]?.trim().toLowerCase() === mediaType;
}

/** True when the Accept header (absent means anything) allows the media type. */
function accepts(accept: string | undefined, mediaType: string): boolean {
  if (!accept) return true;
  return accept
    .split(",")
    .map((part) => part.split(";")[0]!.trim().toLowerCase())
    .some(
      (type) =>
        type === "*/*" || type === "application/*" || type === "application/json" || type === mediaType,
    );
}
