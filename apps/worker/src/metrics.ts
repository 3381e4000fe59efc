import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** The Prometheus metrics of one process (worker, API, or both with `serve`). */
export class WorkerMetrics {
  readonly registry = new Registry();
  readonly checks = new Counter({
    name: "sms_doctor_checks_total",
    help: "Checks of a number's provisioning status, by outcome",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });
  readonly transitions = new Counter({
    name: "sms_doctor_transitions_total",
    help: "Lifecycle transitions recorded, by the state entered",
    labelNames: ["to"] as const,
    registers: [this.registry],
  });
  readonly providerLatency = new Histogram({
    name: "sms_doctor_provider_request_seconds",
    help: "Time a provider took to answer one check (retries included)",
    labelNames: ["provider"] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly providerErrors = new Counter({
    name: "sms_doctor_provider_errors_total",
    help: "Provider calls that failed, by kind (rate-limited, unavailable, circuit-open, refused)",
    labelNames: ["provider", "kind"] as const,
    registers: [this.registry],
  });
  readonly unknownStatuses = new Counter({
    name: "sms_doctor_unknown_statuses_total",
    help: "Provider status words the lifecycle does not know (flagged on the record, nothing changed)",
    labelNames: ["provider"] as const,
    registers: [this.registry],
  });
  readonly webhooks = new Counter({
    name: "sms_doctor_webhook_deliveries_total",
    help: "Transition webhooks delivered or failed",
    labelNames: ["result"] as const,
    registers: [this.registry],
  });

  /** Queue depth and scheduled numbers, read from Redis when scraped. */
  watchQueue(read: () => Promise<Record<string, number>>): void {
    new Gauge({
      name: "sms_doctor_queue_jobs",
      help: "Jobs in the provisioning queue by state; `scheduled` is numbers waiting in the due set",
      labelNames: ["state"] as const,
      registers: [this.registry],
      async collect() {
        try {
          for (const [state, count] of Object.entries(await read())) this.set({ state }, count);
        } catch {
          // Redis is down: /metrics still answers, with the last values.
        }
      },
    });
  }
}
