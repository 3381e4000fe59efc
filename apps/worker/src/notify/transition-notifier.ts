import type { Logger } from "../logger.js";
import type { WorkerMetrics } from "../metrics.js";
import type { RedisClient } from "../redis/connections.js";
import { SIGNATURE_HEADER, signWebhook } from "./webhook-signature.js";

export interface TransitionNotifierOptions {
  /** A connection of its own: it blocks on XREADGROUP. */
  redis: RedisClient;
  stream: string;
  url: string;
  secret: string;
  logger: Logger;
  metrics?: WorkerMetrics;
  /** Consumer name, unique per process. */
  consumer: string;
  group?: string;
  timeoutMs?: number;
  /** An entry delivered to a consumer that never acknowledged it is taken over after this long. */
  reclaimAfterMs?: number;
}

/**
 * Delivers every transition on the stream to the configured webhook, at least once. The stream is the
 * outbox: transitions enter it in the same script that commits the record, so none is lost between
 * the commit and the POST. A consumer group shares the deliveries among worker processes; an entry
 * is acknowledged only after a 2xx, and entries left pending by a dead or failing consumer are claimed
 * again. Receivers deduplicate on `x-sms-doctor-event-id`.
 */
export class TransitionNotifier {
  readonly #o: Required<Omit<TransitionNotifierOptions, "metrics">> & { metrics?: WorkerMetrics };
  #running = false;
  #loop: Promise<void> | undefined;

  constructor(options: TransitionNotifierOptions) {
    this.#o = { group: "webhooks", timeoutMs: 5000, reclaimAfterMs: 30_000, ...options };
  }

  async start(): Promise<void> {
    try {
      await this.#o.redis.xgroup("CREATE", this.#o.stream, this.#o.group, "$", "MKSTREAM");
    } catch (error) {
      if (!(error as Error).message.includes("BUSYGROUP")) throw error;
    }
    this.#running = true;
    this.#loop = this.#run();
  }

  async close(): Promise<void> {
    this.#running = false;
    // Unblocks XREADGROUP at once instead of waiting for its timeout.
    this.#o.redis.disconnect();
    await this.#loop?.catch(() => {});
  }

  async #run(): Promise<void> {
    const { redis, stream, group, consumer, reclaimAfterMs } = this.#o;
    let lastReclaim = 0;
    while (this.#running) {
      try {
        if (Date.now() - lastReclaim > reclaimAfterMs / 2) {
          lastReclaim = Date.now();
          const [, claimed] = (await redis.xautoclaim(
            stream,
            group,
            consumer,
            reclaimAfterMs,
            "0",
            "COUNT",
            50,
          )) as [string, [string, string[]][]];
          await this.#deliverAll(claimed);
        }
        const read = (await redis.xreadgroup(
          "GROUP",
          group,
          consumer,
          "COUNT",
          50,
          "BLOCK",
          2000,
          "STREAMS",
          stream,
          ">",
        )) as [string, [string, string[]][]][] | null;
        if (read?.[0]) await this.#deliverAll(read[0][1]);
      } catch (error) {
        if (!this.#running) return;
        this.#o.logger.warn({ err: error }, "transition notifier: Redis unavailable, retrying");
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  async #deliverAll(entries: [string, string[]][]): Promise<void> {
    await Promise.all(entries.map(([id, fields]) => this.#deliver(id, fields)));
  }

  async #deliver(id: string, fields: string[]): Promise<void> {
    const body = fields[fields.indexOf("event") + 1];
    if (body === undefined) {
      await this.#o.redis.xack(this.#o.stream, this.#o.group, id);
      return;
    }
    const eventId = (JSON.parse(body) as { id?: string }).id ?? id;
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const response = await fetch(this.#o.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-sms-doctor-event-id": eventId,
          [SIGNATURE_HEADER]: signWebhook(this.#o.secret, body, timestamp),
        },
        body,
        signal: AbortSignal.timeout(this.#o.timeoutMs),
      });
      if (!response.ok) throw new Error(`webhook answered ${response.status}`);
      await this.#o.redis.xack(this.#o.stream, this.#o.group, id);
      this.#o.metrics?.webhooks.inc({ result: "delivered" });
    } catch (error) {
      // Left pending: claimed again after reclaimAfterMs.
      this.#o.metrics?.webhooks.inc({ result: "failed" });
      this.#o.logger.warn({ eventId, err: error }, "transition webhook failed; will retry");
    }
  }
}
