import { createServer, listen, type RunningServer } from "../../http/server.js";
import { type CarrierFaultsInput, CarrierFaultsSchema } from "../../scenario-schema.js";
import type { World } from "../../world/world.js";
import { FaultState } from "../fault-state.js";
import { cutShort, drawFaults } from "../provider-answer.js";
import { WebhookDispatcher } from "../webhook-dispatcher.js";
import type { Dialect, DialectCredentials } from "./dialect.js";

export interface DialectServerOptions {
  world: World;
  dialect: Dialect;
  credentials: DialectCredentials;
  /** The carrier's faults (latency, 429/500/503, timeouts, malformed, unknown and stale answers). */
  faults?: CarrierFaultsInput;
  port?: number;
  /** Where carrier events are POSTed as this provider's signed webhooks (with the webhook faults). */
  webhookUrl?: string;
}

export interface DialectServer extends RunningServer {
  faults: FaultState;
  /** Requests answered, by status. */
  readonly answered: Map<number, number>;
  webhooks?: WebhookDispatcher;
}

/**
 * Serves one provider's dialect over the world's carrier registry, with the carrier's faults applied in the
 * same order as the Telnyx API (a die drawn for each fault on every request, so one setting does not shift
 * the others' sequence): auth, latency, timeout, 429 (with the provider's headers), 500, 503, then the answer,
 * possibly stale, with an unknown status word, or truncated.
 */
export async function startDialectServer(options: DialectServerOptions): Promise<DialectServer> {
  const { world, dialect, credentials } = options;
  const faults = new FaultState(CarrierFaultsSchema.parse(options.faults ?? {}));
  const answered = new Map<number, number>();
  // Every path is the dialect's to answer (or not): one catch-all route, without a schema, since each dialect
  // reads its own paths and query as its provider does; errors in the provider's format.
  const app = createServer((error) => dialect.error(error.status, error.message));
  app.all("/*", async (request, reply) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      answered.set(status, (answered.get(status) ?? 0) + 1);
      return reply
        .code(status)
        .headers({ "content-type": dialect.contentType, ...headers })
        .send(typeof body === "string" ? body : dialect.serialize(body));
    };
    world.sync();
    const url = new URL(request.url, "http://simulator");
    if (!dialect.authorized(request.headers, credentials))
      return send(401, dialect.error(401, "Authentication failed"));
    const outcome = await drawFaults(faults);
    if (outcome.kind === "never-answered") {
      reply.hijack(); // accepted, never answered
      return;
    }
    if (outcome.kind === "error") {
      const { status, retryAfterSeconds } = outcome;
      if (status === 429)
        return send(
          429,
          dialect.error(429, "Too many requests"),
          dialect.rateLimitHeaders(retryAfterSeconds),
        );
      if (status === 500) return send(500, dialect.error(500, "Injected internal error"));
      return send(503, dialect.error(503, "Service unavailable"), {
        "retry-after": String(retryAfterSeconds),
      });
    }
    const answer = dialect.answer(
      {
        method: request.method,
        path: decodeURIComponent(url.pathname),
        query: url.searchParams,
        headers: request.headers,
        registry: world.carrier,
        now: world.clock.now(),
      },
      credentials,
    );
    if (!answer) return send(404, dialect.error(404, `No resource at ${url.pathname}`));
    if (answer.status >= 400) return send(answer.status, answer.body);
    let body = answer.body;
    if (answer.stale && outcome.stale) body = answer.stale() ?? body;
    if (outcome.unknownStatusWord) body = dialect.withUnknownStatus(body, outcome.unknownStatusWord);
    if (outcome.truncated) return send(200, cutShort(dialect.serialize(body)));
    return send(answer.status, body);
  });
  const server = await listen(app, options.port ?? 0);
  const url = options.webhookUrl;
  const webhooks = url
    ? new WebhookDispatcher({
        url,
        secret: "",
        faults: () => faults.current,
        random: () => faults.random(),
        render: (data) => dialect.webhook(data, url, credentials),
      })
    : undefined;
  const unsubscribe = webhooks ? world.carrier.onEvent((event) => webhooks.publish(event)) : undefined;
  return {
    ...server,
    faults,
    answered,
    ...(webhooks ? { webhooks } : {}),
    async close() {
      unsubscribe?.();
      await webhooks?.close();
      await server.close();
    },
  };
}
