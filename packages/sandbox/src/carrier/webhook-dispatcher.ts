import { randomUUID } from "node:crypto";
import type { CarrierFaults } from "../scenario-schema.js";
import type { CarrierEvent } from "./carrier-registry.js";
import { signWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from "./webhook-signature.js";

/** Telnyx's webhook envelope. */
export interface WebhookEnvelope {
  data: { id: string; event_type: string; occurred_at: string; record_type: "event"; payload: unknown };
  meta: { attempt: number; delivered_to: string };
}

export interface DeliveryRecord {
  eventId: string;
  eventType: string;
  attempt: number;
  /** HTTP status, or null when the receiver could not be reached or did not answer in time. */
  status: number | null;
  error: string | null;
  sentAt: string;
}

export interface WebhookDispatcherOptions {
  url: string;
  secret: string;
  faults: () => CarrierFaults;
  random: () => number;
  /** Real milliseconds before redelivery attempt n+1 (index n-1); the last value repeats. */
  retryDelaysMs?: number[];
  maxAttempts?: number;
  timeoutMs?: number;
  /** Renders a webhook in another provider's dialect (its body, content type and signature); Telnyx's otherwise. */
  render?: (
    data: WebhookEnvelope["data"],
    attempt: number,
  ) => { body: string; headers: Record<string, string> };
}

/**
 * Sends `10dlc.*` webhooks for carrier events, signed, and redelivers (same `data.id`, `meta.attempt` + 1)
 * until the receiver answers 2xx. Delivery is at least once, as with the real provider.
 */
export class WebhookDispatcher {
  readonly deliveries: DeliveryRecord[] = [];
  readonly #options: Required<WebhookDispatcherOptions>;
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #inFlight = new Set<AbortController>();
  #held: WebhookEnvelope["data"][] = [];
  #closed = false;

  constructor(options: WebhookDispatcherOptions) {
    this.#options = {
      render: (data, attempt) => telnyxWebhook(data, attempt, options.url, options.secret),
      retryDelaysMs: [250, 500, 1_000, 2_000],
      maxAttempts: 5,
      timeoutMs: 2_000,
      ...options,
    };
  }

  /** Turns a carrier event into a webhook and queues it. */
  publish(event: CarrierEvent): void {
    if (this.#closed) return;
    const data = {
      id: randomUUID(),
      event_type: eventType(event),
      occurred_at: new Date(event.at).toISOString(),
      record_type: "event" as const,
      payload:
        event.kind === "number" ? event.assignment : event.kind === "campaign" ? event.campaign : event.brand,
    };
    const { outOfOrder, reorderWindowMs } = this.#options.faults().webhooks;
    if (!outOfOrder) {
      this.#deliver(data, 1);
      return;
    }
    // Out of order: hold what arrives within the window, then send the newest first.
    this.#held.push(data);
    if (this.#held.length === 1)
      this.#later(reorderWindowMs, () => {
        const held = this.#held.reverse();
        this.#held = [];
        for (const item of held) this.#deliver(item, 1);
      });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    for (const controller of this.#inFlight) controller.abort();
  }

  #later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!this.#closed) run();
    }, ms);
    this.#timers.add(timer);
  }

  #deliver(data: WebhookEnvelope["data"], attempt: number): void {
    void this.#send(data, attempt).then((delivered) => {
      if (this.#closed) return;
      const { retryDelaysMs, maxAttempts } = this.#options;
      if (!delivered && attempt < maxAttempts) {
        const delay = retryDelaysMs[Math.min(attempt - 1, retryDelaysMs.length - 1)] ?? 1_000;
        this.#later(delay, () => this.#deliver(data, attempt + 1));
      } else if (delivered && this.#options.random() < this.#options.faults().webhooks.duplicateRate) {
        this.#later(50, () => this.#deliver(data, attempt + 1));
      }
    });
  }

  async #send(data: WebhookEnvelope["data"], attempt: number): Promise<boolean> {
    const { body, headers } = this.#options.render(data, attempt);
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), this.#options.timeoutMs);
    this.#inFlight.add(controller);
    const record: DeliveryRecord = {
      eventId: data.id,
      eventType: data.event_type,
      attempt,
      status: null,
      error: null,
      sentAt: new Date().toISOString(),
    };
    try {
      const response = await fetch(this.#options.url, {
        method: "POST",
        body,
        signal: controller.signal,
        headers,
      });
      await response.arrayBuffer().catch(() => undefined);
      record.status = response.status;
      return response.ok;
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
      return false;
    } finally {
      clearTimeout(timeout);
      this.#inFlight.delete(controller);
      this.deliveries.push(record);
      if (this.deliveries.length > 1_000) this.deliveries.shift();
    }
  }
}

/** Telnyx's envelope, signed as the simulator signs it (HMAC-SHA256 of `timestamp.body`). */
function telnyxWebhook(data: WebhookEnvelope["data"], attempt: number, url: string, secret: string) {
  const envelope: WebhookEnvelope = { data, meta: { attempt, delivered_to: url } };
  const body = JSON.stringify(envelope);
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    body,
    headers: {
      "content-type": "application/json",
      [WEBHOOK_TIMESTAMP_HEADER]: timestamp,
      [WEBHOOK_SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
    },
  };
}

function eventType(event: CarrierEvent): string {
  if (event.kind === "campaign") return "10dlc.campaign.update";
  if (event.kind === "brand") return "10dlc.brand.update";
  // A number that left its campaign no longer exists at the provider: a delete, not an update.
  return event.removed ? "10dlc.phone_number.delete" : "10dlc.phone_number.update";
}
