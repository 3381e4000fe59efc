/**
 * The SMS Doctor worker and its status API, in this process, configured the way an operator would configure
 * them: through the same environment schema (`loadConfig`). Each scenario is its own tenant with its own token,
 * so the shared history of one company never meets another's. Keys live under a prefix of their own, deleted
 * on the way out.
 */
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { type TrackedNumber, TrackedNumberSchema } from "@sms-doctor/contracts";
import type { CompanySmsRegistration, UserSnapshot } from "@sms-doctor/core";
import { EXTENSION_ID } from "@sms-doctor/extension/e2e";
import type { Sandbox } from "@sms-doctor/sandbox";
import {
  createLogger,
  createTelnyxAdapter,
  loadConfig,
  type ProviderAdapter,
  startApi,
  startWorker,
  WorkerMetrics,
} from "@sms-doctor/worker";
import { deleteKeys } from "./redis.js";
import type { Resources } from "./resources.js";

export interface WorkerService {
  apiUrl: string;
  /** Redis key prefix (a hash tag) of this run. */
  prefix: string;
  /** The admin token for /metrics and /admin/queues. */
  adminToken: string;
  /** The environment the worker was configured from (tokens shown as tenant:token). */
  environment: Record<string, string>;
  tokenOf(tenant: string): string;
  /**
   * Where the worker asks about numbers: the carrier simulator of the sandbox now running (provider `sandbox`
   * only; any other provider is the worker's own, built from its environment).
   */
  useCarrier(sandbox: Sandbox): void;
  /** The provider webhook URL and secret to give the carrier simulator. */
  carrierWebhook: { url: string; secret: string };
  /** Shares a snapshot in the tenant's history, as an administrator's browser does. */
  observe(tenant: string, snapshot: UserSnapshot, company?: CompanySmsRegistration): Promise<void>;
  /** The worker's tracking record of a number, or undefined when it does not follow it. */
  tracked(tenant: string, number: string): Promise<TrackedNumber | undefined>;
}

const secret = () => randomBytes(18).toString("base64url");

export async function startWorkerService(options: {
  redisUrl: string;
  tenants: string[];
  logFile: string;
  resources: Resources;
  /**
   * Operator variables over the defaults, e.g. `SMS_DOCTOR_PROVIDER=console`, or a carrier's credentials and
   * `SMS_DOCTOR_PROVIDER_URL`. Unless the provider is `sandbox`, the worker builds its provider from them.
   */
  environment?: Record<string, string>;
  /** The API's port (default: any free one); a carrier that signs the URL it calls needs it beforehand. */
  port?: number;
}): Promise<WorkerService> {
  const { resources } = options;
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const prefix = `{sms-doctor-demo-${runId}}`;
  const tokens = new Map(options.tenants.map((tenant) => [tenant, secret()]));
  const adminToken = secret();
  const webhookSecret = secret();
  const environment: Record<string, string> = {
    NODE_ENV: "development",
    LOG_LEVEL: "info",
    REDIS_URL: options.redisUrl,
    SMS_DOCTOR_PREFIX: prefix,
    HOST: "127.0.0.1",
    PORT: String(options.port ?? 0),
    SMS_DOCTOR_API_TOKENS: [...tokens].map(([tenant, token]) => `${tenant}:${token}`).join(","),
    SMS_DOCTOR_ADMIN_TOKEN: adminToken,
    // The extension calls the API from its service worker: its origin is the only one allowed.
    SMS_DOCTOR_CORS_ORIGINS: `chrome-extension://${EXTENSION_ID}`,
    SMS_DOCTOR_RATE_LIMIT_PER_MINUTE: "6000",
    SMS_DOCTOR_PROVIDER: "sandbox",
    SMS_DOCTOR_PROVIDER_WEBHOOK_SECRET: webhookSecret,
    ...options.environment,
  };
  const config = loadConfig(environment);

  // Registered first, so it runs last: after the worker and the API let go of Redis.
  resources.add("Redis keys of this run", async () => {
    await deleteKeys(options.redisUrl, prefix);
  });
  const log = createWriteStream(options.logFile, { flags: "a" });
  resources.add("worker log", () => new Promise<void>((resolve) => log.end(resolve)));
  const logger = createLogger({ level: config.LOG_LEVEL, destination: log });
  const metrics = new WorkerMetrics();

  // The carrier simulator changes with each scenario; the worker keeps one provider that asks the current one.
  let carrier: ProviderAdapter | undefined;
  const provider: ProviderAdapter = {
    name: "sandbox",
    requestsPerSecond: config.SMS_DOCTOR_PROVIDER_RPS,
    check: (number, context) => (carrier ? carrier.check(number, context) : Promise.resolve([])),
  };

  const worker =
    config.SMS_DOCTOR_PROVIDER === "sandbox"
      ? await startWorker(config, options.redisUrl, logger, metrics, provider)
      : await startWorker(config, options.redisUrl, logger, metrics);
  resources.add("worker", () => worker.close());
  const api = await startApi(config, options.redisUrl, logger, metrics);
  resources.add("status API", () => api.close());
  const apiUrl = api.url.replace("0.0.0.0", "127.0.0.1");

  const call = async (tenant: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens.get(tenant)}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
  };

  return {
    apiUrl,
    prefix,
    adminToken,
    environment,
    carrierWebhook: { url: `${apiUrl}/v1/webhooks/sandbox`, secret: webhookSecret },
    tokenOf(tenant) {
      const token = tokens.get(tenant);
      if (!token) throw new Error(`no token for tenant "${tenant}"`);
      return token;
    },
    useCarrier(sandbox) {
      carrier = createTelnyxAdapter({
        name: "sandbox",
        baseUrl: `${sandbox.carrierUrl}/v2`,
        apiKey: sandbox.carrierApiKey,
        timeoutMs: config.SMS_DOCTOR_PROVIDER_TIMEOUT_MS,
        requestsPerSecond: config.SMS_DOCTOR_PROVIDER_RPS,
      });
    },
    async observe(tenant, snapshot, company) {
      const { status, json } = await call(tenant, "POST", "/v1/observations", {
        snapshot,
        ...(company ? { company } : {}),
      });
      if (status !== 200) throw new Error(`the worker API answered ${status}: ${JSON.stringify(json)}`);
    },
    async tracked(tenant, number) {
      const { status, json } = await call(tenant, "GET", `/v1/numbers/${encodeURIComponent(number)}`);
      if (status === 404) return undefined;
      if (status !== 200) throw new Error(`the worker API answered ${status}: ${JSON.stringify(json)}`);
      // The worker is another process: its answer is read through the API's own schema, not trusted.
      return TrackedNumberSchema.parse(json);
    },
  };
}
