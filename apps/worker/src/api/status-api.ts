import { createHash } from "node:crypto";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import {
  DiagnosisResponseSchema,
  ErrorResponseSchema,
  FindingsQuerySchema,
  ListNumbersQuerySchema,
  NANP_E164,
  NumberPageSchema,
  NumberParamsSchema,
  ObservationRequestSchema,
  ProviderEventSchema,
  type TrackedNumber,
  TrackedNumberSchema,
  TrackNumberRequestSchema,
  UserHistoryQuerySchema,
  UserHistoryResponseSchema,
  UserParamsSchema,
  UserVerdictsQuerySchema,
  UserVerdictsResponseSchema,
  WebhookParamsSchema,
} from "@sms-doctor/contracts";
import {
  type CompanySmsRegistration,
  cancelTracking,
  carrierReadinessText,
  DiagnosisInputError,
  diagnose,
  expectedRemaining,
  isStalled,
  startTracking,
  toE164,
  type UserSnapshot,
} from "@sms-doctor/core";
import type { Queue } from "bullmq";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { z } from "zod";
import { listFindingAlerts } from "../alerts/finding-alerts.js";
import type { TokenEntry } from "../config.js";
import { appendSnapshotScript } from "../history/history-scripts.js";
import {
  HISTORY_LENGTH,
  HISTORY_TTL_SECONDS,
  readStoredRegistration,
  readStoredSnapshots,
} from "../history/stored-history.js";
import type { Logger } from "../logger.js";
import type { WorkerMetrics } from "../metrics.js";
import type { WebhookScheme } from "../providers/provider-webhook-schemes.js";
import type { RedisClient } from "../redis/connections.js";
import { isRedisUnavailable } from "../redis/connections.js";
import type { ConsoleSource } from "../tracking/console-provider.js";
import { checkJobId } from "../tracking/keys.js";
import type { StoredRecord } from "../tracking/record-codec.js";
import type { TrackingStore } from "../tracking/tracking-store.js";
import {
  CONNECTION_TIMEOUT_MS,
  DEFAULT_BODY_BYTES,
  DEFAULT_RATE_LIMITS,
  DEFAULT_TENANT_QUOTAS,
  type LimitName,
  MAX_OBSERVATIONS_IN_FLIGHT_PER_TENANT,
  MAX_OBSERVATIONS_WAITING_PER_TENANT,
  MAX_PARAM_LENGTH,
  observationBodyBytes,
  QuotaExceededError,
  type RateLimits,
  REQUEST_TIMEOUT_MS,
  type TenantQuotas,
} from "./api-limits.js";
import { ApiTokens, bearerToken } from "./api-tokens.js";
import { eventNumber, type ProviderWebhookKeys, verifyProviderWebhook } from "./provider-webhooks.js";

export interface StatusApiOptions {
  store: TrackingStore;
  /** A producer connection (`enableOfflineQueue: false`): requests fail fast while Redis is down. */
  redis: RedisClient;
  tokens: readonly TokenEntry[];
  /** SHA-256 of the admin token guarding /metrics and /admin/queues; both are closed without one. */
  adminTokenSha256?: string;
  corsOrigins?: readonly string[];
  /** Requests a tenant may make a minute (`RateLimits.perTenantPerMinute`). */
  rateLimitPerMinute?: number;
  /** The other rate limits; `DEFAULT_RATE_LIMITS` for what is not given. */
  rateLimits?: Partial<RateLimits>;
  /** Each tenant's quotas; `DEFAULT_TENANT_QUOTAS` for what is not given. */
  quotas?: Partial<TenantQuotas>;
  /** Slow clients: `REQUEST_TIMEOUT_MS` and `CONNECTION_TIMEOUT_MS` unless given. */
  requestTimeoutMs?: number;
  connectionTimeoutMs?: number;
  /** The provider new numbers are tracked with. */
  provider: string;
  /** A tenant's own provider when tenants differ (SMS_DOCTOR_PROVIDERS); `provider` otherwise. */
  providerOf?: (tenant: string) => string;
  /** How each provider's webhooks are verified, by provider name; a provider without keys gets 404. */
  providerWebhookKeys?: Record<string, ProviderWebhookKeys>;
  /** Twilio's, Bandwidth's and Sinch's webhooks, verified their own way (provider-webhook-schemes.ts). */
  webhookSchemes?: Record<string, WebhookScheme>;
  /** The API's public base URL as providers call it (Twilio signs the URL it called). */
  publicUrl?: string;
  /** Applies what consoles show to tracking records (the `console` provider) and alerts on sync issues. */
  consoleSource?: ConsoleSource;
  /** For the bull-board dashboard and queue-depth metrics. */
  queue?: Queue;
  metrics?: WorkerMetrics;
  logger?: Logger | boolean;
  /** Snapshots kept per user (`HISTORY_LENGTH`). */
  historyLength?: number;
  now?: () => number;
}

/** Most numbers one campaign webhook brings forward. */
const MAX_WOKEN_BY_CAMPAIGN = 1000;

/** A request error with the offending field, answered as 4xx with `{ error: { code, message, field, limit } }`. */
class RequestError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly limit?: LimitName,
  ) {
    super(message);
  }
}

/** A quota reached: 413 for a size, 429 for a count; the body names the limit (and the field, for sizes). */
function quotaError(error: QuotaExceededError, field?: string): RequestError {
  const size = error.limit.endsWith("-bytes");
  return new RequestError(size ? 413 : 429, error.code, error.message, field, error.limit);
}

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String).join(".");
  const field = path || (issue.code === "unrecognized_keys" ? issue.keys.join(",") : where);
  const message =
    issue.code === "unrecognized_keys" ? `unknown field(s): ${issue.keys.join(", ")}` : issue.message;
  throw new RequestError(400, "invalid-request", `${field}: ${message}`, field);
}

/** JSON Schema of a zod schema for the OpenAPI document (validation itself is zod's). */
function jsonSchema(schema: z.ZodType, io: "input" | "output" = "output") {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return rest;
}

declare module "fastify" {
  interface FastifyRequest {
    tenant?: string;
    /** A tenant route asked for without a valid token: counted against the address's failed-auth limit. */
    authFailed?: boolean;
    rawBody?: string;
  }
  interface FastifyContextConfig {
    /** Routes that act for the tenant of the request's bearer token. */
    tenantApi?: boolean;
  }
}

/** Builds the status API. Not listening yet: call `listen`, or `inject` in tests. */
export async function buildStatusApi(options: StatusApiOptions): Promise<FastifyInstance> {
  const { store, redis, metrics } = options;
  const now = options.now ?? Date.now;
  const tokens = new ApiTokens(options.tokens);
  const admin = options.adminTokenSha256
    ? new ApiTokens([{ tenant: "admin", sha256: options.adminTokenSha256 }])
    : undefined;
  const historyLength = options.historyLength ?? HISTORY_LENGTH;
  const quotas: TenantQuotas = { ...DEFAULT_TENANT_QUOTAS, ...options.quotas };
  const rateLimits: RateLimits = {
    ...DEFAULT_RATE_LIMITS,
    ...(options.rateLimitPerMinute ? { perTenantPerMinute: options.rateLimitPerMinute } : {}),
    ...options.rateLimits,
  };
  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;

  // One type whichever logger was given (Fastify infers a different instance type per logger).
  const app = Fastify({
    ...(typeof options.logger === "object"
      ? { loggerInstance: options.logger }
      : { logger: options.logger ?? false }),
    bodyLimit: DEFAULT_BODY_BYTES,
    // A user id at its bound must reach the schema (which names the field), not stop at a 414.
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Fastify's own refusals before routing (a malformed or over-long path) answer in our error shape too.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const tooLong = error.code === "FST_ERR_MAX_PARAM_LENGTH";
      void reply.code(tooLong ? 414 : 400).send({
        error: {
          code: "invalid-request",
          message: tooLong
            ? `path: a path parameter is longer than ${MAX_PARAM_LENGTH} characters`
            : "path: not a valid URL path",
          field: "path",
        },
      });
    },
    // A client that trickles its request in (headers or body) is cut off instead of holding a socket and a
    // growing buffer; Node checks for such requests every `connectionsCheckingInterval`.
    requestTimeout,
    connectionTimeout: options.connectionTimeoutMs ?? CONNECTION_TIMEOUT_MS,
    http: { connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(requestTimeout / 4))) },
  }) as unknown as FastifyInstance;
  // zod validates (with errors naming the field); the JSON Schemas only document. Responses are
  // serialized as they are, so the OpenAPI schemas can never drop a field.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof QuotaExceededError) error = quotaError(error);
    if (error instanceof RequestError) {
      return reply.code(error.statusCode).send({
        error: {
          code: error.code,
          message: error.message,
          ...(error.field ? { field: error.field } : {}),
          ...(error.limit ? { limit: error.limit } : {}),
        },
      });
    }
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      const max = request.routeOptions.bodyLimit ?? DEFAULT_BODY_BYTES;
      return reply.code(413).send({
        error: {
          code: "quota-exceeded",
          message: `the request body is too large: the limit of ${request.routeOptions.url ?? "this route"} is ${max} bytes (body-bytes)`,
          field: "body",
          limit: "body-bytes",
        },
      });
    }
    if (isRedisUnavailable(error)) {
      request.log.warn({ err: error }, "redis unavailable");
      return reply
        .code(503)
        .header("retry-after", "1")
        .send({
          error: {
            code: "redis-unavailable",
            message: "the tracking store is unavailable; try again shortly",
          },
        });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own: malformed JSON, wrong content type, body too large, rate limited.
      return reply.code(status).send({
        error: {
          code: error.code ?? "invalid-request",
          message: error.message,
          ...(status === 400 ? { field: "body" } : {}),
        },
      });
    }
    request.log.error({ err: error }, "unexpected error");
    return reply.code(500).send({ error: { code: "internal", message: "unexpected error" } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: { code: "not-found", message: `no route ${request.method} ${request.url.split("?")[0]}` },
    }),
  );

  // CORS only for the configured origins (the extension's chrome-extension://<id>): their requests and
  // preflights get the CORS headers, every other origin gets none and the browser blocks the response.
  // A few lines instead of @fastify/cors, which costs ~5% of every request even with no Origin header.
  const corsOrigins = new Set(options.corsOrigins ?? []);
  app.addHook("onRequest", async (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined) return;
    reply.header("vary", "Origin");
    if (!corsOrigins.has(origin)) return;
    reply.header("access-control-allow-origin", origin);
    if (request.method === "OPTIONS" && request.headers["access-control-request-method"]) {
      return reply
        .code(204)
        .header("access-control-allow-methods", "GET, POST, DELETE")
        .header("access-control-allow-headers", "authorization, content-type")
        .header("access-control-max-age", "600")
        .send();
    }
  });

  // Node's requestTimeout covers the headers only: a body trickled in a byte at a time would hold its socket
  // and buffer for ever. The whole request must be in within `requestTimeout`, or the connection is closed
  // with a 408, as Node does for slow headers.
  app.addHook("onRequest", async (request, reply) => {
    const raw = request.raw;
    if (raw.complete) return;
    const timer = setTimeout(() => {
      if (raw.complete || raw.socket.destroyed) return;
      request.log.warn({ timeoutMs: requestTimeout }, "request body too slow; connection closed");
      raw.socket.end("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      raw.socket.destroySoon();
    }, requestTimeout);
    timer.unref();
    const clear = () => clearTimeout(timer);
    raw.once("end", clear);
    reply.raw.once("close", clear);
  });

  // Who is asking, before anything else: on a tenant route, the tenant of a valid bearer token, or a failed
  // authentication. The rate limits count by it, in onRequest, before any body is read or parsed.
  app.addHook("onRequest", async (request) => {
    if (!request.routeOptions.config?.tenantApi || request.method === "OPTIONS") return;
    const token = bearerToken(request.headers.authorization);
    const tenant = token ? tokens.tenantOf(token) : undefined;
    if (tenant) request.tenant = tenant;
    else request.authFailed = true;
  });
  const limitOf = (request: FastifyRequest): { name: LimitName; max: number; words: string } =>
    request.tenant
      ? { name: "tenant-requests", max: rateLimits.perTenantPerMinute, words: "from this tenant" }
      : request.authFailed
        ? {
            name: "failed-auth",
            max: rateLimits.failedAuthPerAddressPerMinute,
            words: "without a valid token from this address",
          }
        : { name: "address-requests", max: rateLimits.perAddressPerMinute, words: "from this address" };
  // Every route is limited (webhooks, probes and docs per address too), each request in exactly one bucket.
  await app.register(rateLimit, {
    global: true,
    hook: "onRequest",
    timeWindow: 60_000,
    max: (request) => limitOf(request).max,
    keyGenerator: (request) =>
      request.tenant ? `tenant:${request.tenant}` : `${limitOf(request).name}:${request.ip}`,
    // Headers only on a 429 (with Retry-After): three headers less on every other response.
    addHeadersOnExceeding: {
      "x-ratelimit-limit": false,
      "x-ratelimit-remaining": false,
      "x-ratelimit-reset": false,
    },
    // The plugin throws what this returns: a RequestError reaches the client as `rate-limited`, naming the limit.
    errorResponseBuilder: (request, context) => {
      const limit = limitOf(request);
      return new RequestError(
        429,
        "rate-limited",
        `more than ${context.max} requests a minute ${limit.words} (${limit.name}); retry in ${context.after}`,
        undefined,
        limit.name,
      );
    },
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "SMS Doctor status API",
        version: "1.0.0",
        description: "Carrier provisioning of SMS numbers, and diagnoses.",
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });

  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: { hide: true } }, async (_request, reply) => {
    try {
      await redis.ping();
      return { status: "ready" };
    } catch {
      return reply.code(503).send({ status: "redis-unavailable" });
    }
  });

  const requireAdmin = async (request: FastifyRequest, reply: FastifyReply) => {
    const token = bearerToken(request.headers.authorization);
    if (!admin || !token || !admin.tenantOf(token)) {
      return reply.code(admin ? 401 : 404).send({
        error: {
          code: admin ? "unauthorized" : "not-found",
          message: admin ? "admin token required" : "not configured",
        },
      });
    }
  };

  app.get("/metrics", { schema: { hide: true }, onRequest: requireAdmin }, async (_request, reply) => {
    if (!metrics) return reply.code(404).send({ error: { code: "not-found", message: "metrics are off" } });
    return reply
      .type(metrics.registry.contentType)
      .serializer(String)
      .send(await metrics.registry.metrics());
  });

  if (options.queue) {
    const queue = options.queue;
    await app.register(async (scope) => {
      const { createBullBoard } = await import("@bull-board/api");
      const { BullMQAdapter } = await import("@bull-board/api/bullMQAdapter");
      const { FastifyAdapter } = await import("@bull-board/fastify");
      const board = new FastifyAdapter();
      board.setBasePath("/admin/queues");
      createBullBoard({ queues: [new BullMQAdapter(queue, { readOnlyMode: false })], serverAdapter: board });
      scope.addHook("onRequest", requireAdmin);
      await scope.register(board.registerPlugin(), { prefix: "/admin/queues" });
    });
  }

  // Provider webhooks: authenticated by signature, not by bearer token; they only bring a check forward.
  await app.register(async (scope) => {
    scope.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
      request.rawBody = String(body);
      try {
        done(null, JSON.parse(String(body)));
      } catch {
        done(new RequestError(400, "invalid-json", "body: not valid JSON", "body"), undefined);
      }
    });
    // Twilio posts forms, Bandwidth XML: kept raw for their signature schemes (provider-webhook-schemes.ts).
    scope.addContentTypeParser(
      ["application/x-www-form-urlencoded", "application/xml", "text/xml"],
      { parseAs: "string" },
      (request, body, done) => {
        request.rawBody = String(body);
        done(null, String(body));
      },
    );
    scope.post("/v1/webhooks/:provider", { schema: { hide: true } }, async (request, reply) => {
      const { provider } = parse(WebhookParamsSchema, request.params, "provider");
      // Own keys only: a provider named "constructor" must not find Object's.
      const schemes = options.webhookSchemes ?? {};
      const scheme = Object.hasOwn(schemes, provider) ? schemes[provider] : undefined;
      let hint: { id: string; numbers: string[]; campaign: boolean } | undefined;
      if (scheme) {
        const incoming = {
          rawBody: request.rawBody ?? "",
          headers: request.headers,
          url: `${options.publicUrl ?? `${request.protocol}://${request.host}`}${request.url}`,
          contentType: request.headers["content-type"] ?? "",
        };
        if (!scheme.verify(incoming))
          throw new RequestError(401, "bad-signature", "the webhook signature does not verify");
        hint = scheme.read(incoming);
        if (!hint) throw new RequestError(400, "invalid-request", `body: not a ${provider} event`, "body");
      } else {
        const webhookKeys = options.providerWebhookKeys ?? {};
        const keys = Object.hasOwn(webhookKeys, provider) ? webhookKeys[provider] : undefined;
        if (!keys || (!keys.secret && !keys.publicKey))
          throw new RequestError(404, "not-found", `no webhooks are configured for provider "${provider}"`);
        if (!verifyProviderWebhook(keys, request.rawBody ?? "", request.headers, Math.floor(now() / 1000))) {
          throw new RequestError(401, "bad-signature", "the webhook signature does not verify");
        }
        const event = parse(ProviderEventSchema, request.body, "body");
        const number = eventNumber(event);
        hint = {
          id: event.data.id,
          numbers: number ? [number] : [],
          campaign: !number && event.data.event_type.includes("campaign"),
        };
      }
      const first = await redis.set(store.keys.seenEvent(provider, hint.id), "1", "EX", 7 * 86_400, "NX");
      if (first === null) return reply.code(200).send({ status: "duplicate" });
      // The event does not say whose number it is: wake it for every tenant that tracks it.
      const tenants = [...new Set(options.tokens.map((t) => t.tenant))];
      const wakeNumber = async (tenant: string, number: string) => {
        const woken = await store.wake(tenant, number, now());
        // A number in its first hour waits in a delayed job rather than in the due set: promote it.
        const job =
          woken && options.queue ? await options.queue.getJob(checkJobId(tenant, number)) : undefined;
        if (job && (await job.isDelayed())) await job.promote().catch(() => {});
        return woken;
      };
      let woken = 0;
      if (hint.numbers.length) {
        for (const number of hint.numbers) {
          woken += (await Promise.all(tenants.map((tenant) => wakeNumber(tenant, number)))).filter(
            Boolean,
          ).length;
        }
      } else if (hint.campaign) {
        // A campaign moved: records do not keep campaign ids, so every number still waiting on a
        // campaign review is checked early (bounded; polling catches any beyond the bound).
        for (const tenant of tenants) {
          const page = await store.list(tenant, { state: "AWAITING_CAMPAIGN", limit: MAX_WOKEN_BY_CAMPAIGN });
          for (const stored of page.records.slice(0, MAX_WOKEN_BY_CAMPAIGN - woken)) {
            if (await wakeNumber(tenant, stored.record.number)) woken++;
          }
        }
      }
      return reply.code(202).send({ status: "accepted", woken });
    });
  });

  // The tenant API: bearer token → tenant (resolved by the first onRequest hook); every key it touches is
  // under that tenant.
  await app.register(async (v1) => {
    const requireTenant = async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.method === "OPTIONS" || request.tenant) return;
      return reply
        .code(401)
        .header("www-authenticate", "Bearer")
        .send({ error: { code: "unauthorized", message: "a valid bearer token is required" } });
    };
    v1.addHook("onRoute", (route) => {
      route.config = { ...route.config, tenantApi: true };
      // A route hook after the rate limiter's (its onRoute, registered at the root, ran first): a wrong
      // token is counted against the address's failed-auth limit before it is refused.
      const hooks = route.onRequest;
      route.onRequest = [...(Array.isArray(hooks) ? hooks : hooks ? [hooks] : []), requireTenant];
    });

    const view = (stored: StoredRecord): TrackedNumber => {
      const at = new Date(now()).toISOString();
      const remaining = expectedRemaining(stored.record, at);
      return {
        ...stored.record,
        ...(stored.userId ? { userId: stored.userId } : {}),
        stalled: isStalled(stored.record, at),
        ...(remaining ? { expectedRemaining: remaining } : {}),
        ...(stored.record.carriers?.length
          ? { carrierReadiness: carrierReadinessText(stored.record.carriers) }
          : {}),
      };
    };
    const tenantOf = (request: FastifyRequest) => request.tenant!;
    const notFound = (number: string) => new RequestError(404, "not-found", `${number} is not tracked`);
    const numberSchema = { tags: ["numbers"], params: jsonSchema(NumberParamsSchema, "input") };
    // Most callers send E.164 already: skip the schema for them (the hot path of GET).
    const numberParam = (request: FastifyRequest): string => {
      const raw = (request.params as { number?: unknown }).number;
      return typeof raw === "string" && NANP_E164.test(raw)
        ? raw
        : parse(NumberParamsSchema, request.params, "number").number;
    };

    v1.post(
      "/v1/numbers",
      {
        schema: {
          tags: ["numbers"],
          summary: "Start tracking a number (idempotent)",
          body: jsonSchema(TrackNumberRequestSchema, "input"),
          response: { 202: jsonSchema(TrackedNumberSchema), 400: jsonSchema(ErrorResponseSchema) },
        },
      },
      async (request, reply) => {
        const body = parse(TrackNumberRequestSchema, request.body, "body");
        const at = now();
        const enabledAt = body.enabledAt ? new Date(Date.parse(body.enabledAt)).toISOString() : undefined;
        const record = startTracking(body.number, new Date(at).toISOString(), {
          provider: options.providerOf?.(tenantOf(request)) ?? options.provider,
          ...(enabledAt ? { enabledAt } : {}),
        });
        const { stored } = await store.start(tenantOf(request), record, {
          dueAt: at,
          quota: quotas.trackedNumbers,
          ...(body.userId ? { userId: body.userId } : {}),
        });
        return reply.code(202).send(view(stored));
      },
    );

    v1.get(
      "/v1/numbers/:number",
      {
        schema: {
          ...numberSchema,
          summary: "A tracked number with its transitions",
          response: { 200: jsonSchema(TrackedNumberSchema), 404: jsonSchema(ErrorResponseSchema) },
        },
      },
      async (request) => {
        const number = numberParam(request);
        const stored = await store.load(tenantOf(request), number);
        if (!stored) throw notFound(number);
        return view(stored);
      },
    );

    v1.delete(
      "/v1/numbers/:number",
      {
        schema: {
          ...numberSchema,
          summary: "Stop tracking a number (it becomes CANCELLED)",
          response: { 200: jsonSchema(TrackedNumberSchema) },
        },
      },
      async (request) => {
        const number = numberParam(request);
        const tenant = tenantOf(request);
        for (let attempt = 0; attempt < 5; attempt++) {
          const stored = await store.load(tenant, number);
          if (!stored) throw notFound(number);
          const result = cancelTracking(
            stored.record,
            new Date(now()).toISOString(),
            "tracking cancelled through the API",
          );
          if (!result.transition) return view(stored);
          const { outcome } = await store.commit(
            tenant,
            stored,
            result.record,
            [result.transition],
            undefined,
          );
          if (outcome === "written")
            return view({ ...stored, version: stored.version + 1, record: result.record });
          if (outcome === "gone") throw notFound(number);
        }
        throw new RequestError(409, "conflict", `${number} kept changing; try again`);
      },
    );

    v1.get(
      "/v1/numbers",
      {
        schema: {
          tags: ["numbers"],
          summary: "Tracked numbers, optionally in one state (paginated)",
          querystring: jsonSchema(ListNumbersQuerySchema, "input"),
          response: { 200: jsonSchema(NumberPageSchema) },
        },
      },
      async (request) => {
        const query = parse(ListNumbersQuerySchema, request.query, "query");
        const page = await store.list(tenantOf(request), {
          limit: query.limit,
          ...(query.state ? { state: query.state } : {}),
          ...(query.cursor ? { cursor: query.cursor } : {}),
        });
        return { items: page.records.map(view), ...(page.cursor !== "0" ? { nextCursor: page.cursor } : {}) };
      },
    );

    /** A user's stored snapshots that still read; the request's log says how many did not. */
    const storedSnapshots = (request: FastifyRequest, stored: readonly string[]): UserSnapshot[] => {
      const { snapshots, unreadable } = readStoredSnapshots(stored);
      if (unreadable) request.log.warn({ unreadable }, "stored snapshots left out: they no longer read");
      return snapshots;
    };

    const diagnosisOf = async (
      tenant: string,
      current: UserSnapshot,
      history: UserSnapshot[],
      company: CompanySmsRegistration | undefined,
    ) => {
      const number = current.phoneNumber ? toE164(current.phoneNumber) : null;
      const stored = number ? await store.load(tenant, number) : undefined;
      try {
        const diagnosis = diagnose({
          now: new Date(now()).toISOString(),
          current,
          history,
          ...(company ? { company } : {}),
          ...(stored ? { provisioning: stored.record } : {}),
        });
        return { diagnosis, ...(stored ? { provisioning: view(stored) } : {}) };
      } catch (error) {
        if (error instanceof DiagnosisInputError) {
          const issue = error.issues[0];
          throw new RequestError(400, "invalid-request", error.message, issue?.path || "snapshot");
        }
        throw error;
      }
    };

    /**
     * The tenant's registration, parsed once per version: this process reads and parses the stored JSON
     * again only when the digest written with it changed (a large company's is ~0.5 MB; parsing it on every
     * diagnosis held the event loop). One entry per tenant, each within the tenant's registration quota.
     */
    const registrations = new Map<
      string,
      { digest: string; registration: CompanySmsRegistration | undefined }
    >();
    const registrationOf = async (tenant: string): Promise<CompanySmsRegistration | undefined> => {
      const digest = await redis.get(store.keys.companyDigest(tenant));
      const cached = registrations.get(tenant);
      if (digest !== null && cached?.digest === digest) return cached.registration;
      const registration = readStoredRegistration(await redis.get(store.keys.company(tenant)));
      // A registration stored without a digest (by an older version) is read each time, as it was then.
      if (digest !== null) registrations.set(tenant, { digest, registration });
      return registration;
    };
    const storeRegistration = async (tenant: string, registration: CompanySmsRegistration, json: string) => {
      const digest = createHash("sha1").update(json).digest("base64url");
      await redis
        .multi()
        .set(store.keys.company(tenant), json)
        .set(store.keys.companyDigest(tenant), digest)
        .exec();
      registrations.set(tenant, { digest, registration });
    };
    /** The JSON of a body part, refused with 413 naming `field` and the limit when it is over `max` bytes. */
    const withinBytes = (
      value: unknown,
      limit: "snapshot-bytes" | "registration-bytes",
      max: number,
      field: string,
    ) => {
      const json = JSON.stringify(value);
      if (Buffer.byteLength(json) > max) throw quotaError(new QuotaExceededError(limit, max), field);
      return json;
    };

    // Observations read at once, per tenant (bounded memory per tenant; see MAX_OBSERVATIONS_IN_FLIGHT_PER_TENANT).
    // An entry lives while its tenant has observations running or waiting: at most one per configured tenant.
    const observing = new Map<string, { running: number; waiting: (() => void)[] }>();
    const takeObservationTurn = async (request: FastifyRequest, reply: FastifyReply) => {
      const tenant = tenantOf(request);
      const slots = observing.get(tenant) ?? { running: 0, waiting: [] };
      observing.set(tenant, slots);
      let running = false;
      const grant = () => {
        running = true;
      };
      const forgetIfIdle = () => {
        if (slots.running === 0 && slots.waiting.length === 0 && observing.get(tenant) === slots)
          observing.delete(tenant);
      };
      // Whatever ends the request (an answer, an error, a client gone, even while still waiting) settles
      // its turn exactly once: a running one hands it on, a waiting one leaves the queue.
      reply.raw.once("close", () => {
        if (!running) {
          const waiting = slots.waiting.indexOf(turn);
          if (waiting >= 0) slots.waiting.splice(waiting, 1);
        } else {
          const next = slots.waiting.shift();
          if (next) return next();
          slots.running--;
        }
        forgetIfIdle();
      });
      let turn: () => void = grant;
      if (slots.running < MAX_OBSERVATIONS_IN_FLIGHT_PER_TENANT) {
        slots.running++;
        running = true;
        return;
      }
      if (slots.waiting.length >= MAX_OBSERVATIONS_WAITING_PER_TENANT)
        throw new QuotaExceededError("observations-in-flight", MAX_OBSERVATIONS_WAITING_PER_TENANT);
      await new Promise<void>((resolve) => {
        turn = () => {
          grant();
          resolve();
        };
        slots.waiting.push(turn);
      });
    };

    v1.post(
      "/v1/observations",
      {
        // Before the body is read: a waiting observation holds a socket, not its body.
        preParsing: async (request, reply, payload) => {
          await takeObservationTurn(request, reply);
          return payload;
        },
        // One snapshot and the company's registration (which lists every SMS enabled number), each at its quota.
        bodyLimit: observationBodyBytes(quotas),
        schema: {
          tags: ["diagnosis"],
          summary: "Store a user snapshot in shared history and diagnose the user",
          body: jsonSchema(ObservationRequestSchema, "input"),
          response: { 200: jsonSchema(DiagnosisResponseSchema) },
        },
      },
      async (request) => {
        const body = parse(ObservationRequestSchema, request.body, "body");
        const tenant = tenantOf(request);
        const snapshotJson = withinBytes(body.snapshot, "snapshot-bytes", quotas.snapshotBytes, "snapshot");
        const companyJson = body.company
          ? withinBytes(body.company, "registration-bytes", quotas.registrationBytes, "company")
          : undefined;
        // The latest snapshots of a user, kept for a while after the last one, for a bounded number of users.
        const appended = (await appendSnapshotScript.run(
          redis,
          [store.keys.history(tenant, body.snapshot.userId), store.keys.historyUsers(tenant)],
          [
            body.snapshot.userId,
            snapshotJson,
            historyLength,
            HISTORY_TTL_SECONDS,
            now(),
            quotas.usersWithHistory,
          ],
        )) as [number, ...string[]];
        if (appended[0] !== 1) throw new QuotaExceededError("users-with-history", quotas.usersWithHistory);
        let company: CompanySmsRegistration | undefined;
        if (body.company && companyJson) {
          await storeRegistration(tenant, body.company, companyJson);
          company = body.company;
        } else {
          company = await registrationOf(tenant);
        }
        const history = storedSnapshots(request, appended.slice(1) as string[]);
        await options.consoleSource?.observe(tenant, body.snapshot, body.company);
        const reply = await diagnosisOf(tenant, body.snapshot, history, company);
        await options.consoleSource?.diagnosed(tenant, body.snapshot, reply);
        // The Users list's badge follows the newest observation; a late, older snapshot leaves it alone.
        const observedAt = Date.parse(body.snapshot.observedAt);
        if (history.every((s) => Date.parse(s.observedAt) <= observedAt)) {
          await redis.hset(store.keys.verdicts(tenant), body.snapshot.userId, reply.diagnosis.verdict);
        }
        return reply;
      },
    );

    v1.get(
      "/v1/users/:userId/diagnosis",
      {
        schema: {
          tags: ["diagnosis"],
          summary: "Diagnose a user from the shared history",
          params: jsonSchema(UserParamsSchema, "input"),
          response: { 200: jsonSchema(DiagnosisResponseSchema) },
        },
      },
      async (request) => {
        const { userId } = parse(UserParamsSchema, request.params, "userId");
        const tenant = tenantOf(request);
        const [snapshots, company] = await Promise.all([
          redis.lrange(store.keys.history(tenant, userId), 0, historyLength - 1),
          registrationOf(tenant),
        ]);
        const history = storedSnapshots(request, snapshots);
        // Newest observation, not newest arrival: snapshots can come in late from another admin's browser.
        const current = history.reduce<UserSnapshot | undefined>(
          (latest, s) => (!latest || Date.parse(s.observedAt) > Date.parse(latest.observedAt) ? s : latest),
          undefined,
        );
        if (!current) throw new RequestError(404, "not-found", `no snapshot of user ${userId} was observed`);
        return await diagnosisOf(tenant, current, history, company);
      },
    );

    v1.get(
      "/v1/users/:userId/history",
      {
        schema: {
          tags: ["diagnosis"],
          summary: "A user's shared history (console visits and directory syncs), newest last",
          params: jsonSchema(UserParamsSchema, "input"),
          querystring: jsonSchema(UserHistoryQuerySchema, "input"),
          response: { 200: jsonSchema(UserHistoryResponseSchema) },
        },
      },
      async (request) => {
        const { userId } = parse(UserParamsSchema, request.params, "userId");
        const { limit } = parse(UserHistoryQuerySchema, request.query, "query");
        const stored = await redis.lrange(
          store.keys.history(tenantOf(request), userId),
          0,
          Math.min(limit, historyLength) - 1,
        );
        // Snapshots without a source came through POST /v1/observations, i.e. from the console.
        const items = storedSnapshots(request, stored)
          .map((s) => ({ ...s, source: s.source ?? "console" }))
          .sort((a, b) => Date.parse(a.observedAt) - Date.parse(b.observedAt));
        return { userId, items };
      },
    );

    v1.get(
      "/v1/users/verdicts",
      {
        schema: {
          tags: ["diagnosis"],
          summary: "The verdict of each named user's latest snapshot (for the Users list's badges)",
          querystring: jsonSchema(UserVerdictsQuerySchema, "input"),
          response: { 200: jsonSchema(UserVerdictsResponseSchema) },
        },
      },
      async (request) => {
        const { userIds } = parse(UserVerdictsQuerySchema, request.query, "query");
        const values = await redis.hmget(store.keys.verdicts(tenantOf(request)), ...userIds);
        // No prototype: a user "__proto__" is a key like any other, not a way to set one.
        const verdicts: Record<string, string> = Object.create(null);
        userIds.forEach((id, i) => {
          if (values[i]) verdicts[id] = values[i];
        });
        return { verdicts };
      },
    );

    v1.get(
      "/v1/findings",
      {
        schema: {
          tags: ["diagnosis"],
          summary: "New findings the directory sync raised (alerts), oldest first, paginated",
          querystring: jsonSchema(FindingsQuerySchema, "input"),
        },
      },
      async (request) => {
        const query = parse(FindingsQuerySchema, request.query, "query");
        return await listFindingAlerts(redis, tenantOf(request), query, store.keys.prefix);
      },
    );
  });

  return app;
}
