import { hostname } from "node:os";
import { Queue } from "bullmq";
import Fastify, { type FastifyInstance } from "fastify";
import { alertOnce } from "./alerts/number-alerts.js";
import { ApiTokens, bearerToken } from "./api/api-tokens.js";
import { buildStatusApi } from "./api/status-api.js";
import { type Config, sha256Hex } from "./config.js";
import { directoryTenants } from "./directory/directory-config.js";
import { DirectorySyncWorker } from "./directory/directory-sync-worker.js";
import type { Logger } from "./logger.js";
import type { WorkerMetrics } from "./metrics.js";
import { TransitionNotifier } from "./notify/transition-notifier.js";
import type { ProviderAdapter } from "./providers/provider-adapter.js";
import { providerFromConfig, providerNameOf } from "./providers/provider-config.js";
import { webhookSchemesFromConfig } from "./providers/provider-webhook-schemes.js";
import {
  checkEvictionPolicy,
  producerConnection,
  type RedisClient,
  type RedisTarget,
  storeConnection,
  throttledErrorLog,
  whenReady,
  workerConnection,
} from "./redis/connections.js";
import { ConsoleSource } from "./tracking/console-provider.js";
import { QUEUE_NAME } from "./tracking/keys.js";
import { ProvisioningTracker } from "./tracking/provisioning-tracker.js";
import { TrackingStore } from "./tracking/tracking-store.js";

/** Something running that SIGTERM should drain. */
export interface Running {
  close(): Promise<void>;
}

export { providerFromConfig };

/**
 * Checks the Redis the worker is about to use: anything but `maxmemory-policy noeviction` lets Redis
 * drop jobs and records under memory pressure. A warning in development; refused in production.
 */
export async function checkRedis(redis: RedisClient, config: Config, logger: Logger): Promise<void> {
  await whenReady(redis);
  const policy = await checkEvictionPolicy(redis);
  if (policy === "noeviction") return;
  const message = `Redis maxmemory-policy is "${policy}"; it must be "noeviction" or Redis may evict jobs and tracking records (CONFIG SET maxmemory-policy noeviction)`;
  if (config.NODE_ENV === "production") throw new Error(message);
  logger.warn(message);
}

export async function startWorker(
  config: Config,
  target: RedisTarget,
  logger: Logger,
  metrics: WorkerMetrics,
  provider: ProviderAdapter = providerFromConfig(config),
): Promise<Running> {
  const connection = workerConnection(target, logger, "queue");
  await checkRedis(connection, config, logger);
  const storeRedis = storeConnection(target, logger);
  const store = new TrackingStore(storeRedis, { prefix: config.SMS_DOCTOR_PREFIX });
  const tracker = new ProvisioningTracker({
    connection,
    store,
    provider,
    logger,
    metrics,
    concurrency: config.SMS_DOCTOR_CONCURRENCY,
    // A stall, a rejection or a failure is alerted once (findings stream and webhook), with a support request.
    afterCommit: async (tenant, record, userId, at) => {
      await alertOnce({
        redis: storeRedis,
        tenant,
        record,
        userId,
        now: new Date(at).toISOString(),
        prefix: store.keys.prefix,
      });
    },
  });
  await tracker.start();
  let notifier: TransitionNotifier | undefined;
  if (config.SMS_DOCTOR_WEBHOOK_URL && config.SMS_DOCTOR_WEBHOOK_SECRET) {
    notifier = new TransitionNotifier({
      redis: workerConnection(target, logger, "notifier"),
      stream: store.keys.transitions,
      url: config.SMS_DOCTOR_WEBHOOK_URL,
      secret: config.SMS_DOCTOR_WEBHOOK_SECRET,
      consumer: `${hostname()}-${process.pid}`,
      logger,
      metrics,
    });
    await notifier.start();
  }
  const tenants = directoryTenants(config);
  const directory = tenants.length
    ? new DirectorySyncWorker({
        connection: workerConnection(target, logger, "directory"),
        redis: storeRedis,
        tenants,
        intervalMs: config.SMS_DOCTOR_DIRECTORY_INTERVAL_MINUTES * 60_000,
        pageSize: config.SMS_DOCTOR_DIRECTORY_PAGE_SIZE,
        prefix: config.SMS_DOCTOR_PREFIX,
        logger,
      })
    : undefined;
  await directory?.start();
  logger.info({ provider: provider.name, concurrency: config.SMS_DOCTOR_CONCURRENCY }, "worker started");
  const ops =
    config.SMS_DOCTOR_METRICS_PORT === undefined
      ? undefined
      : await serveWorkerOps(config, storeRedis, metrics);
  return {
    async close() {
      await ops?.close();
      await directory?.close();
      await tracker.close();
      await notifier?.close();
      await storeRedis.quit().catch(() => storeRedis.disconnect());
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}

/**
 * What a worker-only process serves so it can be scraped and probed: /metrics (admin token), /healthz,
 * /readyz. The status API (`sms-doctor api` or `serve`) serves the same routes itself.
 */
async function serveWorkerOps(
  config: Config,
  redis: RedisClient,
  metrics: WorkerMetrics,
): Promise<FastifyInstance> {
  const app = Fastify();
  const admin = config.SMS_DOCTOR_ADMIN_TOKEN
    ? new ApiTokens([{ tenant: "admin", sha256: sha256Hex(config.SMS_DOCTOR_ADMIN_TOKEN) }])
    : undefined;
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) =>
    (await redis.ping().then(
      () => true,
      () => false,
    ))
      ? { status: "ready" }
      : reply.code(503).send({ status: "redis-unavailable" }),
  );
  app.get("/metrics", async (request, reply) => {
    const token = bearerToken(request.headers.authorization);
    if (!admin || !token || !admin.tenantOf(token)) return reply.code(admin ? 401 : 404).send();
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  await app.listen({ host: config.HOST, port: config.SMS_DOCTOR_METRICS_PORT! });
  return app;
}

export async function startApi(
  config: Config,
  target: RedisTarget,
  logger: Logger,
  metrics: WorkerMetrics,
): Promise<Running & { app: FastifyInstance; url: string }> {
  // Requests report an outage as 503s; the connection's own listener logs it once.
  const redis = producerConnection(target, { logger });
  await checkRedis(redis, config, logger).catch((error) => {
    if (config.NODE_ENV === "production") throw error;
    logger.warn({ err: error }, "Redis is not reachable yet; the API answers 503 until it is");
  });
  const store = new TrackingStore(redis, { prefix: config.SMS_DOCTOR_PREFIX });
  const queue = new Queue(QUEUE_NAME, { connection: redis, prefix: config.SMS_DOCTOR_PREFIX });
  queue.on("error", throttledErrorLog(logger, "status API queue"));
  metrics.watchQueue(async () => ({
    ...(await queue.getJobCounts("waiting", "active", "delayed", "failed")),
    scheduled: await store.scheduledCount(),
  }));
  if (config.SMS_DOCTOR_API_TOKENS.length === 0)
    logger.warn("SMS_DOCTOR_API_TOKENS is empty: every /v1 request gets 401");
  const app = await buildStatusApi({
    store,
    redis,
    queue,
    metrics,
    logger,
    tokens: config.SMS_DOCTOR_API_TOKENS,
    corsOrigins: config.SMS_DOCTOR_CORS_ORIGINS,
    rateLimitPerMinute: config.SMS_DOCTOR_RATE_LIMIT_PER_MINUTE,
    provider: config.SMS_DOCTOR_PROVIDER,
    providerOf: providerNameOf(config),
    webhookSchemes: webhookSchemesFromConfig(config),
    ...(config.SMS_DOCTOR_PUBLIC_URL ? { publicUrl: config.SMS_DOCTOR_PUBLIC_URL.replace(/\/+$/, "") } : {}),
    consoleSource: new ConsoleSource({ store, providerOf: providerNameOf(config), now: Date.now, logger }),
    ...(config.SMS_DOCTOR_ADMIN_TOKEN ? { adminTokenSha256: sha256Hex(config.SMS_DOCTOR_ADMIN_TOKEN) } : {}),
    providerWebhookKeys: {
      [config.SMS_DOCTOR_PROVIDER]: {
        ...(config.SMS_DOCTOR_PROVIDER_WEBHOOK_SECRET
          ? { secret: config.SMS_DOCTOR_PROVIDER_WEBHOOK_SECRET }
          : {}),
        ...(config.SMS_DOCTOR_PROVIDER_WEBHOOK_PUBLIC_KEY
          ? { publicKey: config.SMS_DOCTOR_PROVIDER_WEBHOOK_PUBLIC_KEY }
          : {}),
      },
    },
  });
  const url = await app.listen({ host: config.HOST, port: config.PORT });
  logger.info({ url }, "status API listening");
  return {
    app,
    url,
    async close() {
      await app.close();
      await queue.close().catch(() => {});
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
