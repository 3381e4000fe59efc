export { ApiTokens } from "./api/api-tokens.js";
export { buildStatusApi, type StatusApiOptions } from "./api/status-api.js";
export { type Config, ConfigError, ConfigSchema, loadConfig } from "./config.js";
export { createLogger } from "./logger.js";
export { WorkerMetrics } from "./metrics.js";
export { TransitionNotifier } from "./notify/transition-notifier.js";
export { signSmsDoctorWebhook, verifySmsDoctorWebhook } from "./notify/webhook-signature.js";
export { CircuitBreaker } from "./providers/circuit-breaker.js";
export { createInstantProvider } from "./providers/instant-provider.js";
export { type ProviderAdapter, ProviderError } from "./providers/provider-adapter.js";
export { createTelnyxAdapter } from "./providers/telnyx-adapter.js";
export {
  producerConnection,
  type RedisClient,
  type RedisTarget,
  storeConnection,
  workerConnection,
} from "./redis/connections.js";
export { RedisServerProcess } from "./redis/redis-server-process.js";
export { providerFromConfig, startApi, startWorker } from "./runtime.js";
export { decideCheck } from "./tracking/check-number.js";
export { ConsoleSource } from "./tracking/console-provider.js";
export { checkJobId, DEFAULT_PREFIX, QUEUE_NAME, trackingKeys } from "./tracking/keys.js";
export { ProvisioningTracker, type TrackerOptions } from "./tracking/provisioning-tracker.js";
export { decodeRecord, encodeRecord, type StoredRecord } from "./tracking/record-codec.js";
export { fastClock, type TrackerClock, wallClock } from "./tracking/tracker-clock.js";
export { TrackingStore, type TransitionEvent } from "./tracking/tracking-store.js";
