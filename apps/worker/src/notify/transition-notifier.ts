import type { Logger } from "../logger.js";
import type { WorkerMetrics } from "../metrics.js";
import type { RedisClient } from "../redis/connections.js";
import { SIGNATURE_HEADER, signSmsDoctorWebhook } from "./webhook-signature.js";

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

/** One XAUTOCLAIM answer, read the same on every supported Redis. */
export interface AutoclaimBatch {
  /** Where the next call starts; "0-0" when this one reached the end of the pending list. */
  next: string;
  /** Entries claimed with their fields: to deliver. */
  entries: [string, string[]][];
  /** Pending entries whose message is gone (trimmed by the stream's cap): nothing left to deliver. */
  gone: string[];
}

/**
 * Reads an XAUTOCLAIM reply. Redis 7 removes pending entries whose message was trimmed and lists their ids
 * in a third element; Redis 6.2 returns them as `[id, null]` and leaves them pending, so the caller must
 * acknowledge them or they come back, empty, on every reclaim.
 */
export function readAutoclaimReply(reply: unknown): AutoclaimBatch {
  const [next, claimed, deleted] = reply as [
    string,
    [string, string[] | null][] | null,
    string[] | undefined,
  ];
  const entries: [string, string[]][] = [];
  const gone = [...(deleted ?? [])];
  for (const entry of claimed ?? []) {
    if (!Array.isArray(entry)) continue;
    const [id, fields] = entry;
    if (Array.isArray(fields)) entries.push([id, fields]);
    else gone.push(id);
  }
  return { next: typeof next === "string" ? next : "0-0", entries, gone };
}

/** Most entries one reclaim pass takes over, and most XAUTOCLAIM calls it makes. */
const RECLAIM_COUNT = 50;
const RECLAIM_CALLS_PER_PASS = 20;

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
    // Where reclaiming goes on: each call starts where the last stopped, so entries that keep failing (or
    // are gone) at the head of the pending list never hide the ones behind them.
    let cursor = "0-0";
    while (this.#running) {
      try {
        if (Date.now() - lastReclaim > reclaimAfterMs / 2) {
          lastReclaim = Date.now();
          for (let call = 0; call < RECLAIM_CALLS_PER_PASS; call++) {
            const batch = readAutoclaimReply(
              await redis.xautoclaim(stream, group, consumer, reclaimAfterMs, cursor, "COUNT", RECLAIM_COUNT),
            );
            if (batch.gone.length > 0) {
              // Trimmed by the stream's cap before delivery (README: a webhook outage longer than the cap).
              await redis.xack(stream, group, ...batch.gone);
              this.#o.metrics?.webhooks.inc({ result: "dropped" }, batch.gone.length);
              this.#o.logger.warn(
                { dropped: batch.gone.length },
                "transition webhooks dropped: trimmed before delivery",
              );
            }
            await this.#deliverAll(batch.entries);
            cursor = batch.next;
            if (cursor === "0-0") break;
          }
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
    let eventId = id;
    try {
      eventId = (JSON.parse(body) as { id?: string }).id ?? id;
    } catch {
      // Not JSON: no receiver could use it. Acknowledged, so it is not retried for ever.
      await this.#o.redis.xack(this.#o.stream, this.#o.group, id);
      this.#o.logger.warn({ entry: id }, "transition webhook entry is not JSON; dropped");
      return;
    }
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const response = await fetch(this.#o.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-sms-doctor-event-id": eventId,
          [SIGNATURE_HEADER]: signSmsDoctorWebhook(this.#o.secret, body, timestamp),
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
