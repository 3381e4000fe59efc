import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import {
  type CompanySmsRegistration,
  cancelTracking,
  DiagnosisInputError,
  DiagnosisResponseSchema,
  diagnose,
  ErrorResponseSchema,
  expectedRemaining,
  FindingsQuerySchema,
  isStalled,
  ListNumbersQuerySchema,
  NANP_E164,
  NumberPageSchema,
  NumberParamsSchema,
  ObservationRequestSchema,
  ProviderEventSchema,
  startTracking,
  type TrackedNumber,
  TrackedNumberSchema,
  TrackNumberRequestSchema,
  toE164,
  UserHistoryQuerySchema,
  UserHistoryResponseSchema,
  UserParamsSchema,
  type UserSnapshot,
  UserVerdictsQuerySchema,
  UserVerdictsResponseSchema,
  WebhookParamsSchema,
} from "@sms-doctor/core";
import type { Queue } from "bullmq";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { z } from "zod";
import { listFindingAlerts } from "../alerts/finding-alerts.js";
import type { TokenEntry } from "../config.js";
import { readStoredRegistration, readStoredSnapshots } from "../history/stored-history.js";
import type { Logger } from "../logger.js";
import type { WorkerMetrics } from "../metrics.js";
import type { RedisClient } from "../redis/connections.js";
import { isRedisUnavailable } from "../redis/connections.js";
import { checkJobId } from "../tracking/keys.js";
import type { StoredRecord } from "../tracking/record-codec.js";
import type { TrackingStore } from "../tracking/tracking-store.js";
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
  rateLimitPerMinute?: number;
  /** The provider new numbers are tracked with. */
  provider: string;
  /** How each provider's webhooks are verified, by provider name; a provider without keys gets 404. */
  providerWebhookKeys?: Record<string, ProviderWebhookKeys>;
  /** For the bull-board dashboard and queue-depth metrics. */
  queue?: Queue;
  metrics?: WorkerMetrics;
  logger?: Logger | boolean;
  /** Snapshots kept per user. */
  historyLength?: number;
  now?: () => number;
}

/** Most numbers one campaign webhook brings forward. */
const MAX_WOKEN_BY_CAMPAIGN = 1000;

/** A request error with the offending field, answered as 4xx with `{ error: { code, message, field } }`. */
class RequestError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
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
    rawBody?: string;
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
  const historyLength = options.historyLength ?? 50;

  // One type whichever logger was given (Fastify infers a different instance type per logger).
  const app = Fastify({
    ...(typeof options.logger === "object"
      ? { loggerInstance: options.logger }
      : { logger: options.logger ?? false }),
    bodyLimit: 256 * 1024,
  }) as unknown as FastifyInstance;
  // zod validates (with errors naming the field); the JSON Schemas only document. Responses are
  // serialized as they are, so the OpenAPI schemas can never drop a field.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof RequestError) {
      return reply.code(error.statusCode).send({
        error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) },
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
    scope.post("/v1/webhooks/:provider", { schema: { hide: true } }, async (request, reply) => {
      const { provider } = parse(WebhookParamsSchema, request.params, "provider");
      const keys = options.providerWebhookKeys?.[provider];
      if (!keys || (!keys.secret && !keys.publicKey))
        throw new RequestError(404, "not-found", `no webhooks are configured for provider "${provider}"`);
      if (!verifyProviderWebhook(keys, request.rawBody ?? "", request.headers, Math.floor(now() / 1000))) {
        throw new RequestError(401, "bad-signature", "the webhook signature does not verify");
      }
      const event = parse(ProviderEventSchema, request.body, "body");
      const first = await redis.set(
        store.keys.seenEvent(provider, event.data.id),
        "1",
        "EX",
        7 * 86_400,
        "NX",
      );
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
      const number = eventNumber(event);
      let woken = 0;
      if (number) {
        woken = (await Promise.all(tenants.map((tenant) => wakeNumber(tenant, number)))).filter(
          Boolean,
        ).length;
      } else if (event.data.event_type.includes("campaign")) {
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

  // The tenant API: bearer token → tenant; every key it touches is under that tenant.
  await app.register(async (v1) => {
    v1.addHook("onRequest", async (request, reply) => {
      if (request.method === "OPTIONS") return;
      const token = bearerToken(request.headers.authorization);
      const tenant = token ? tokens.tenantOf(token) : undefined;
      if (!tenant) {
        return reply
          .code(401)
          .header("www-authenticate", "Bearer")
          .send({ error: { code: "unauthorized", message: "a valid bearer token is required" } });
      }
      request.tenant = tenant;
    });
    await v1.register(rateLimit, {
      max: options.rateLimitPerMinute ?? 600,
      timeWindow: 60_000,
      hook: "preHandler",
      keyGenerator: (request) => request.tenant ?? request.ip,
      // Headers only on a 429 (with Retry-After): three headers less on every other response.
      addHeadersOnExceeding: {
        "x-ratelimit-limit": false,
        "x-ratelimit-remaining": false,
        "x-ratelimit-reset": false,
      },
      // The plugin throws what this returns: a RequestError reaches the client as `rate-limited`.
      errorResponseBuilder: (_request, context) =>
        new RequestError(
          429,
          "rate-limited",
          `more than ${context.max} requests a minute; retry in ${context.after}`,
        ),
    });

    const view = (stored: StoredRecord): TrackedNumber => {
      const at = new Date(now()).toISOString();
      const remaining = expectedRemaining(stored.record, at);
      return {
        ...stored.record,
        ...(stored.userId ? { userId: stored.userId } : {}),
        stalled: isStalled(stored.record, at),
        ...(remaining ? { expectedRemaining: remaining } : {}),
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
          provider: options.provider,
          ...(enabledAt ? { enabledAt } : {}),
        });
        const { stored } = await store.start(tenantOf(request), record, {
          dueAt: at,
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

    v1.post(
      "/v1/observations",
      {
        // The company's registration lists every SMS enabled number: a large company's is ~0.5 MB.
        bodyLimit: 4 * 1024 * 1024,
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
        const historyKey = store.keys.history(tenant, body.snapshot.userId);
        // The latest snapshots of a user, kept for 90 days after the last one: users come and go.
        const multi = redis
          .multi()
          .lpush(historyKey, JSON.stringify(body.snapshot))
          .ltrim(historyKey, 0, historyLength - 1)
          .expire(historyKey, 90 * 86_400);
        if (body.company) multi.set(store.keys.company(tenant), JSON.stringify(body.company));
        multi.lrange(historyKey, 0, historyLength - 1).get(store.keys.company(tenant));
        const replies = (await multi.exec()) ?? [];
        const history = storedSnapshots(request, (replies.at(-2)?.[1] as string[]) ?? []);
        const company = readStoredRegistration(replies.at(-1)?.[1] as string | null);
        const reply = await diagnosisOf(tenant, body.snapshot, history, company);
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
          redis.get(store.keys.company(tenant)),
        ]);
        const history = storedSnapshots(request, snapshots);
        // Newest observation, not newest arrival: snapshots can come in late from another admin's browser.
        const current = history.reduce<UserSnapshot | undefined>(
          (latest, s) => (!latest || Date.parse(s.observedAt) > Date.parse(latest.observedAt) ? s : latest),
          undefined,
        );
        if (!current) throw new RequestError(404, "not-found", `no snapshot of user ${userId} was observed`);
        return await diagnosisOf(tenant, current, history, readStoredRegistration(company));
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
        const verdicts: Record<string, string> = {};
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
