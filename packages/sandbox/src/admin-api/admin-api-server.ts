import { AdminApiUserPatchSchema, E164Schema } from "@sms-doctor/core";
import { z } from "zod";
import { listen, type RunningServer } from "../http/http-server.js";
import {
  HttpError,
  parseOr400,
  queryObject,
  type RequestContext,
  Router,
  readJson,
  sendJson,
} from "../http/router.js";
import type { World } from "../world/world.js";
import {
  type AdminApiPhoneNumber,
  type AdminApiUser,
  adminPhoneNumber,
  adminUser,
  PHONE_NUMBER_SELECTORS,
  USER_SELECTORS,
} from "./admin-representation.js";
import { OperationQueue } from "./operations.js";
import { FixedWindowRateLimiter } from "./rate-limiter.js";
import { compileRsql, RsqlError, type Selectors } from "./rsql.js";

export const ADMIN_API_BASE = "/admin-provisioning";
export const USERS_MEDIA_TYPE = "application/vnd.users.v1+json";
export const PHONE_NUMBERS_MEDIA_TYPE = "application/vnd.phonenumbers.v1+json";
export const OPERATIONS_MEDIA_TYPE = "application/vnd.operations.v1+json";

export interface AdminApiOptions {
  world: World;
  apiKey: string;
  rateLimit: { limit: number; windowMs: number };
  port?: number;
}

const ListQuerySchema = z
  .object({
    pageSize: z.coerce.number().int().min(1).max(1_000).default(100),
    scrollId: z.string().max(2_000).optional(),
    filter: z.string().max(2_000).optional(),
  })
  .strict();

/** An answer other than 200, with its own headers. */
class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

/** The scroll cursor is opaque to clients: the next offset plus the filter it belongs to. */
const ScrollSchema = z.object({ offset: z.number().int().min(0), filter: z.string() });

/**
 * An imitation of 8x8's (beta) Administration API over the world: `x-api-key`, versioned media types,
 * RSQL filters, scroll pagination and a per-key request limit with `x-ratelimit-*` headers.
 */
export async function startAdminApiServer(options: AdminApiOptions): Promise<RunningServer> {
  const { world, apiKey } = options;
  const limiter = new FixedWindowRateLimiter(options.rateLimit.limit, options.rateLimit.windowMs);
  const operations = new OperationQueue();
  const router = new Router((error) => ({
    error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) },
  }));

  /** Key check, then the limit (a refused key does not use up anyone's quota), then content negotiation. */
  const guarded =
    (mediaType: string, answer: (ctx: RequestContext) => unknown) =>
    async (ctx: RequestContext): Promise<void> => {
      const key = ctx.req.headers["x-api-key"];
      if (key !== apiKey) throw new HttpError(401, "unauthorized", "Missing or invalid x-api-key header.");
      const decision = limiter.take(key);
      const headers = {
        "x-ratelimit-limit": String(decision.limit),
        "x-ratelimit-remaining": String(decision.remaining),
        "x-ratelimit-reset": String(decision.resetSeconds),
      };
      if (!decision.allowed)
        throw new HttpError(
          429,
          "rate_limited",
          `More than ${decision.limit} requests in the window.`,
          undefined,
          {
            ...headers,
            "retry-after": String(decision.resetSeconds),
          },
        );
      if (!accepts(ctx.req.headers.accept, mediaType))
        throw new HttpError(
          406,
          "not_acceptable",
          `This resource is served as ${mediaType}.`,
          "accept",
          headers,
        );
      world.sync();
      try {
        const answered = await answer(ctx);
        if (answered instanceof Reply)
          sendJson(ctx.res, answered.status, answered.body, { ...headers, ...answered.headers }, mediaType);
        else sendJson(ctx.res, 200, answered, headers, mediaType);
      } catch (error) {
        if (error instanceof HttpError) Object.assign(error.headers, headers);
        throw error;
      }
    };

  router
    .on(
      "GET",
      `${ADMIN_API_BASE}/users`,
      guarded(USERS_MEDIA_TYPE, ({ url }) =>
        page(
          url,
          world
            .users()
            .filter((u) => u.extensionType === "user")
            .map((u) => adminUser(world, u)),
          USER_SELECTORS,
        ),
      ),
    )
    .on(
      "GET",
      `${ADMIN_API_BASE}/users/:userId`,
      guarded(USERS_MEDIA_TYPE, ({ params }) => {
        const user = world.user(params.userId ?? "");
        if (user?.extensionType !== "user")
          throw new HttpError(404, "not_found", `No user with id "${params.userId}".`, "userId");
        return adminUser(world, user!);
      }),
    )
    .on(
      "PATCH",
      `${ADMIN_API_BASE}/users/:userId`,
      guarded(OPERATIONS_MEDIA_TYPE, async ({ req, params }) => {
        const user = world.user(params.userId ?? "");
        if (user?.extensionType !== "user")
          throw new HttpError(404, "not_found", `No user with id "${params.userId}".`, "userId");
        // The body is the real API's, parsed with core's schema; the changes go through the world's
        // rules (so SMS gets disabled).
        const patch = parseOr400(AdminApiUserPatchSchema, await readJson(req));
        const operation = operations.submit(user!.id, () => {
          const { status, primaryEmail, ...names } = patch.basicInfo ?? {};
          const license = patch.serviceInfo?.licenses[0]?.name ?? null;
          const phoneNumber = patch.extensions?.[0]?.primaryPhoneNumber;
          const applied = world.updateProfile(user!.id, {
            ...names,
            ...(primaryEmail !== undefined ? { email: primaryEmail } : {}),
            ...(patch.serviceInfo ? { licenseName: license } : {}),
            ...(phoneNumber !== undefined ? { phoneNumber } : {}),
          });
          if (applied.ok && status) world.setUserStatus(user!.id, status);
          return applied;
        });
        if (!operation)
          throw new HttpError(
            429,
            "too_many_operations",
            `At most ${operations.maxConcurrent} operations may be unfinished.`,
          );
        return new Reply(202, operation, {
          location: `${ADMIN_API_BASE}/operations/${operation.operationId}`,
        });
      }),
    )
    .on(
      "GET",
      `${ADMIN_API_BASE}/operations/:operationId`,
      guarded(OPERATIONS_MEDIA_TYPE, ({ params }) => {
        const operation = operations.get(params.operationId ?? "");
        if (!operation)
          throw new HttpError(404, "not_found", `No operation "${params.operationId}".`, "operationId");
        return operation;
      }),
    )
    .on(
      "GET",
      `${ADMIN_API_BASE}/phone-numbers`,
      guarded(PHONE_NUMBERS_MEDIA_TYPE, ({ url }) =>
        page(url, world.numbers().map(adminPhoneNumber), PHONE_NUMBER_SELECTORS),
      ),
    )
    .on(
      "GET",
      `${ADMIN_API_BASE}/phone-numbers/:phoneNumber`,
      guarded(PHONE_NUMBERS_MEDIA_TYPE, ({ params }) => {
        const phoneNumber = parseOr400(E164Schema, params.phoneNumber, "phoneNumber");
        const number = world.number(phoneNumber);
        if (!number)
          throw new HttpError(404, "not_found", `${phoneNumber} is not a company number.`, "phoneNumber");
        return adminPhoneNumber(number);
      }),
    );

  const server = await listen((req, res) => void router.handle(req, res), options.port ?? 0);
  return {
    ...server,
    close: async () => {
      operations.close();
      await server.close();
    },
  };
}

function page<T extends AdminApiUser | AdminApiPhoneNumber>(url: URL, items: T[], selectors: Selectors<T>) {
  const query = parseOr400(ListQuerySchema, queryObject(url));
  const filter = query.filter ?? "";
  let matches: (item: T) => boolean = () => true;
  if (filter) {
    try {
      matches = compileRsql(filter, selectors);
    } catch (error) {
      if (error instanceof RsqlError)
        throw new HttpError(400, "invalid_filter", `filter: ${error.message}`, "filter");
      throw error;
    }
  }
  const offset = query.scrollId === undefined ? 0 : decodeScroll(query.scrollId, filter);
  const filtered = items.filter(matches);
  const data = filtered.slice(offset, offset + query.pageSize);
  const next = offset + data.length;
  const hasMore = next < filtered.length;
  return {
    data,
    pagination: {
      pageSize: query.pageSize,
      totalCount: filtered.length,
      hasMore,
      nextScrollId: hasMore
        ? Buffer.from(JSON.stringify({ offset: next, filter })).toString("base64url")
        : null,
    },
  };
}

function decodeScroll(scrollId: string, filter: string): number {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(scrollId, "base64url").toString("utf8"));
  } catch {
    throw new HttpError(400, "invalid_scroll", "scrollId: not a scroll id this API issued.", "scrollId");
  }
  const scroll = ScrollSchema.safeParse(decoded);
  if (!scroll.success)
    throw new HttpError(400, "invalid_scroll", "scrollId: not a scroll id this API issued.", "scrollId");
  if (scroll.data.filter !== filter)
    throw new HttpError(
      400,
      "invalid_scroll",
      "scrollId: belongs to a different filter; keep the same filter.",
      "scrollId",
    );
  return scroll.data.offset;
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
