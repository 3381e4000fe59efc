import cors from "@fastify/cors";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { Queue } from "bullmq";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { createJsonSchemaTransform } from "fastify-type-provider-zod";
import { listFindingAlerts } from "../alerts/finding-alerts.js";
import type { TokenEntry } from "../config.js";
import { SharedHistory } from "../history/shared-history.js";
import type { Logger } from "../logger.js";
import type { WorkerMetrics } from "../metrics.js";
import type { WebhookScheme } from "../providers/provider-webhook-schemes.js";
import type { RedisClient } from "../redis/connections.js";
import type { ConsoleSource } from "../tracking/console-provider.js";
import { TrackingService } from "../tracking/tracking-service.js";
import type { TrackingStore } from "../tracking/tracking-store.js";
import { frameworkErrors, handleErrors, RequestError, requestValidator } from "./api-errors.js";
import {
  CONNECTION_TIMEOUT_MS,
  DEFAULT_BODY_BYTES,
  DEFAULT_RATE_LIMITS,
  DEFAULT_TENANT_QUOTAS,
  type LimitName,
  MAX_PARAM_LENGTH,
  type RateLimits,
  REQUEST_TIMEOUT_MS,
  type TenantQuotas,
} from "./api-limits.js";
import { ApiTokens, bearerToken } from "./api-tokens.js";
import type { ProviderWebhookKeys } from "./provider-webhooks.js";
import { adminRoutes } from "./routes/admin-routes.js";
import { findingRoutes } from "./routes/finding-routes.js";
import { numberRoutes } from "./routes/number-routes.js";
import { observationRoutes } from "./routes/observation-routes.js";
import { webhookRoutes } from "./routes/webhook-routes.js";

/*
 * The status API: one Fastify server, its cross-cutting parts here (limits, authentication, CORS, errors,
 * the OpenAPI document), its routes in one plugin per resource under ./routes. Each route's zod schemas
 * are its validation, its handler's types and its OpenAPI entry (fastify-type-provider-zod).
 */

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

declare module "fastify" {
  interface FastifyRequest {
    tenant?: string;
    /** A tenant route asked for without a valid token: counted against the address's failed-auth limit. */
    authFailed?: boolean;
  }
}

/** Builds the status API. Not listening yet: call `listen`, or `inject` in tests. */
export async function buildStatusApi(options: StatusApiOptions): Promise<FastifyInstance> {
  const { store, redis } = options;
  const now = options.now ?? Date.now;
  const tokens = new ApiTokens(options.tokens);
  const quotas: TenantQuotas = { ...DEFAULT_TENANT_QUOTAS, ...options.quotas };
  const rateLimits: RateLimits = {
    ...DEFAULT_RATE_LIMITS,
    ...(options.rateLimitPerMinute ? { perTenantPerMinute: options.rateLimitPerMinute } : {}),
    ...options.rateLimits,
  };
  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const tracking = new TrackingService(store, {
    provider: options.provider,
    ...(options.providerOf ? { providerOf: options.providerOf } : {}),
    now,
    ...(options.queue ? { queue: options.queue } : {}),
  });
  const history = new SharedHistory(redis, {
    prefix: store.keys.prefix,
    ...(options.historyLength ? { historyLength: options.historyLength } : {}),
    now,
  });

  // One type whichever logger was given (Fastify infers a different instance type per logger).
  const app = Fastify({
    ...(typeof options.logger === "object"
      ? { loggerInstance: options.logger }
      : { logger: options.logger ?? false }),
    bodyLimit: DEFAULT_BODY_BYTES,
    // A user id at its bound must reach the schema (which names the field), not stop at a 414.
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors,
    // A client that trickles its request in (headers or body) is cut off instead of holding a socket and a
    // growing buffer; Node checks for such requests every `connectionsCheckingInterval`.
    requestTimeout,
    connectionTimeout: options.connectionTimeoutMs ?? CONNECTION_TIMEOUT_MS,
    http: { connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(requestTimeout / 4))) },
  }) as unknown as FastifyInstance;
  // Requests are validated by each route's zod schemas. Responses are serialized as they are, not through
  // the schemas: the OpenAPI document describes them, and a schema that lags a new field never drops it.
  app.setValidatorCompiler(requestValidator);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  handleErrors(app);

  // CORS only for the configured origins (the extension's chrome-extension://<id>): their requests and
  // preflights get the CORS headers, every other origin gets none and the browser blocks the response.
  // An origin it does not allow is answered as if there were no CORS at all (a preflight is a 404, as any
  // unknown route): `false` switches the plugin off for that request.
  const corsOrigins = new Set(options.corsOrigins ?? []);
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && corsOrigins.has(origin)),
    methods: ["GET", "POST", "DELETE"],
    allowedHeaders: ["authorization", "content-type"],
    maxAge: 600,
  });

  // Node's requestTimeout covers the headers only: a body trickled in a byte at a time would hold its socket
  // and buffer for ever. The whole request must be in within `requestTimeout`, or the connection is closed
  // with a 408, as Node does for slow headers.
  app.addHook("onRequest", (request, reply, done) => {
    const raw = request.raw;
    // Headers are in by now (Node's own timeout); a request that declares no body has nothing to trickle.
    // (`complete` is still false for a bodiless GET here: the parser finishes it after this hook runs.)
    if (raw.complete || !carriesBody(request)) return done();
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
    done();
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
    // The routes' zod schemas, as JSON Schema; a transform or a refinement JSON Schema cannot say is left open.
    transform: createJsonSchemaTransform({ zodToJsonConfig: { unrepresentable: "any" } }),
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });

  await app.register(adminRoutes, {
    storeReady: () => redis.ping(),
    adminTokenSha256: options.adminTokenSha256,
    metrics: options.metrics,
    queue: options.queue,
  });
  await app.register(webhookRoutes, {
    tracking,
    providerWebhookKeys: options.providerWebhookKeys ?? {},
    webhookSchemes: options.webhookSchemes ?? {},
    publicUrl: options.publicUrl,
    tenants: [...new Set(options.tokens.map((t) => t.tenant))],
    now,
  });

  // The tenant API: bearer token → tenant; every key it touches is under that tenant.
  await app.register(async (v1) => {
    // Who is asking, before anything else: the tenant of a valid bearer token, or a failed authentication.
    // Callback-style hooks here and above: on the hot path an async hook costs a promise and a turn each.
    const identifyTenant = (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
      const token = bearerToken(request.headers.authorization);
      const tenant = token ? tokens.tenantOf(token) : undefined;
      if (tenant) request.tenant = tenant;
      else request.authFailed = true;
      done();
    };
    const requireTenant = (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      if (request.tenant) return done();
      void reply
        .code(401)
        .header("www-authenticate", "Bearer")
        .send({ error: { code: "unauthorized", message: "a valid bearer token is required" } });
    };
    v1.addHook("onRoute", (route) => {
      // Around the rate limiter's route hook (its onRoute, registered at the root, ran first): it counts by
      // the tenant, or a wrong token against the address's failed-auth limit, before the request is refused
      // and before any body is read or parsed. (CORS preflights are the CORS plugin's own route, not these.)
      const hooks = route.onRequest;
      route.onRequest = [
        identifyTenant,
        ...(Array.isArray(hooks) ? hooks : hooks ? [hooks] : []),
        requireTenant,
      ];
    });
    await v1.register(numberRoutes, { tracking, quotas });
    await v1.register(observationRoutes, {
      tracking,
      history,
      quotas,
      now,
      ...(options.consoleSource ? { consoleSource: options.consoleSource } : {}),
    });
    await v1.register(findingRoutes, {
      listFindings: (tenant, query) => listFindingAlerts(redis, tenant, query, store.keys.prefix),
    });
  });

  return app;
}

/** Whether a request has a body to read, by RFC 9112 §6.3: only `Transfer-Encoding` or a non-zero `Content-Length` gives one. */
function carriesBody(request: FastifyRequest): boolean {
  const { headers } = request;
  return headers["transfer-encoding"] !== undefined || Number(headers["content-length"] ?? 0) > 0;
}
