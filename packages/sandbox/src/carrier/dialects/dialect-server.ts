import { setTimeout as sleep } from "node:timers/promises";
import { listen, type RunningServer } from "../../http/http-server.js";
import { type CarrierFaultsInput, CarrierFaultsSchema } from "../../scenario-schema.js";
import type { World } from "../../world/world.js";
import { FaultState } from "../carrier-server.js";
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
  const server = await listen((req, res) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      answered.set(status, (answered.get(status) ?? 0) + 1);
      res.writeHead(status, { "content-type": dialect.contentType, ...headers });
      res.end(typeof body === "string" ? body : dialect.serialize(body));
    };
    void (async () => {
      world.sync();
      const url = new URL(req.url ?? "/", "http://simulator");
      if (!dialect.authorized(req.headers, credentials))
        return send(401, dialect.error(401, "Authentication failed"));
      const f = faults.current;
      const [timeoutDie, die429, die500, die503, malformedDie, unknownDie, staleDie] = Array.from(
        { length: 7 },
        () => faults.random(),
      ) as [number, number, number, number, number, number, number];
      if (f.latencyMs > 0) await sleep(f.latencyMs);
      if (timeoutDie < f.timeoutRate) return; // accepted, never answered
      if (die429 < (f.errorRates["429"] ?? 0))
        return send(
          429,
          dialect.error(429, "Too many requests"),
          dialect.rateLimitHeaders(f.retryAfterSeconds),
        );
      if (die500 < (f.errorRates["500"] ?? 0))
        return send(500, dialect.error(500, "Injected internal error"));
      if (die503 < (f.errorRates["503"] ?? 0))
        return send(503, dialect.error(503, "Service unavailable"), {
          "retry-after": String(f.retryAfterSeconds),
        });
      const answer = dialect.answer(
        {
          method: req.method ?? "GET",
          path: decodeURIComponent(url.pathname),
          query: url.searchParams,
          headers: req.headers,
          registry: world.carrier,
          now: world.clock.now(),
        },
        credentials,
      );
      if (!answer) return send(404, dialect.error(404, `No resource at ${url.pathname}`));
      if (answer.status >= 400) return send(answer.status, answer.body);
      let body = answer.body;
      if (answer.stale && staleDie < f.staleRate) body = answer.stale() ?? body;
      if (unknownDie < f.unknownStatusRate) body = dialect.withUnknownStatus(body, f.unknownStatusWord);
      if (malformedDie < f.malformedRate) {
        const text = dialect.serialize(body);
        return send(200, text.slice(0, Math.max(1, Math.floor(text.length / 2))));
      }
      send(answer.status, body);
    })().catch((error: unknown) => send(500, dialect.error(500, String(error))));
  }, options.port ?? 0);
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
