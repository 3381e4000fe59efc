import type { Queue } from "bullmq";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { WorkerMetrics } from "../../metrics.js";
import { ApiTokens, bearerToken } from "../api-tokens.js";

export interface AdminRoutesOptions {
  /** Whether the tracking store answers, for the readiness probe. */
  storeReady: () => Promise<unknown>;
  /** SHA-256 of the admin token guarding /metrics and /admin/queues; both are closed without one. */
  adminTokenSha256?: string | undefined;
  metrics?: WorkerMetrics | undefined;
  /** For the bull-board dashboard. */
  queue?: Queue | undefined;
}

/** Probes, Prometheus metrics and the queue dashboard: for operators, not tenants. */
export const adminRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, options) => {
  const { metrics } = options;
  const admin = options.adminTokenSha256
    ? new ApiTokens([{ tenant: "admin", sha256: options.adminTokenSha256 }])
    : undefined;

  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: { hide: true } }, async (_request, reply) => {
    try {
      await options.storeReady();
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
};
