import { ADMIN_API_BASE, startAdminApiServer } from "./admin-api/admin-api-server.js";
import { FaultState, startCarrierServer } from "./carrier/carrier-server.js";
import { WebhookDispatcher } from "./carrier/webhook-dispatcher.js";
import { startConsoleServer } from "./console/console-server.js";
import type { RunningServer } from "./http/http-server.js";
import type { Scenario } from "./scenario-schema.js";
import { type CarrierFaultsInput, CarrierFaultsSchema } from "./scenario-schema.js";
import { loadScenario, PACKAGE_ROOT } from "./scenarios.js";
import { buildWorld } from "./world/build-world.js";
import type { World } from "./world/world.js";

export interface SandboxOptions {
  /** A scenario name (see `listScenarios()`) or a parsed scenario. Default "healthy-company". */
  scenario?: string | Scenario;
  /** Simulated seconds per real second (3600: an hour of carrier review per second). Default 1. */
  speed?: number;
  /** Console replica: delay before a page renders its sections once its data arrived. Default 150. */
  renderDelayMs?: number;
  /** 0 (default): free ports. N: console on N, Administration API on N+1, carrier on N+2. */
  port?: number;
  /** Where the carrier simulator POSTs its signed webhooks; none are sent without it. */
  carrierWebhookUrl?: string;
  carrierWebhookSecret?: string;
  /** Redelivery delays for unacknowledged webhooks, in real milliseconds. */
  webhookRetryDelaysMs?: number[];
  adminApiKey?: string;
  carrierApiKey?: string;
  /** The Administration API's per-key limit. Default 100 requests per 60 000 ms. */
  adminRateLimit?: { limit: number; windowMs: number };
  /** Carrier faults from the start (replaces the scenario's own). */
  carrierFaults?: CarrierFaultsInput;
  /** The built console replica (default: the package's `dist/console-app`). */
  consoleDir?: string;
}

export interface Sandbox {
  /** The Admin Console replica's origin, e.g. http://127.0.0.1:4010 (pages at /users, /sms). */
  consoleUrl: string;
  /** The Administration API's base, e.g. http://127.0.0.1:4011/admin-provisioning. */
  adminApiUrl: string;
  /** The carrier simulator's origin; its Telnyx API is at `${carrierUrl}/v2`, its control plane at `/_control`. */
  carrierUrl: string;
  world: World;
  scenario: Scenario;
  adminApiKey: string;
  carrierApiKey: string;
  carrierWebhookSecret: string;
  close(): Promise<void>;
}

export const DEFAULTS = {
  scenario: "healthy-company",
  speed: 1,
  renderDelayMs: 150,
  adminApiKey: "sandbox-admin-key",
  carrierApiKey: "sandbox-carrier-key",
  carrierWebhookSecret: "sandbox-webhook-secret",
} as const;

/** How often carrier transitions that fell due are applied (and their webhooks sent), in real ms. */
const TICK_MS = 100;

/** Starts the world of one scenario and every server around it. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const scenario =
    typeof options.scenario === "object"
      ? options.scenario
      : loadScenario(options.scenario ?? DEFAULTS.scenario);
  const world = buildWorld(scenario, options.speed ?? DEFAULTS.speed);
  const faults = new FaultState(
    options.carrierFaults ? CarrierFaultsSchema.parse(options.carrierFaults) : scenario.carrier.faults,
  );
  const secret = options.carrierWebhookSecret ?? DEFAULTS.carrierWebhookSecret;
  const webhooks = options.carrierWebhookUrl
    ? new WebhookDispatcher({
        url: options.carrierWebhookUrl,
        secret,
        faults: () => faults.current,
        random: () => faults.random(),
        ...(options.webhookRetryDelaysMs ? { retryDelaysMs: options.webhookRetryDelaysMs } : {}),
      })
    : undefined;
  if (webhooks) world.carrier.onEvent((event) => webhooks.publish(event));

  const base = options.port ?? 0;
  const at = (offset: number) => (base === 0 ? 0 : base + offset);
  const servers: RunningServer[] = [];
  const carrierApiKey = options.carrierApiKey ?? DEFAULTS.carrierApiKey;
  const carrier = await startCarrierServer(
    { world, apiKey: carrierApiKey, faults: faults.current, ...(webhooks ? { webhooks } : {}), port: at(2) },
    faults,
  );
  servers.push(carrier);
  const adminApiKey = options.adminApiKey ?? DEFAULTS.adminApiKey;
  const adminApi = await startAdminApiServer({
    world,
    apiKey: adminApiKey,
    rateLimit: options.adminRateLimit ?? { limit: 100, windowMs: 60_000 },
    port: at(1),
  });
  servers.push(adminApi);

  const consoleServer = await startConsoleServer({
    world,
    scenarioName: scenario.name,
    renderDelayMs: options.renderDelayMs ?? DEFAULTS.renderDelayMs,
    consoleDir: options.consoleDir ?? `${PACKAGE_ROOT}dist/console-app`,
    port: at(0),
  });
  servers.push(consoleServer);

  const ticker = setInterval(() => world.sync(), TICK_MS);
  ticker.unref();

  return {
    consoleUrl: consoleServer.url,
    adminApiUrl: `${adminApi.url}${ADMIN_API_BASE}`,
    carrierUrl: carrier.url,
    world,
    scenario,
    adminApiKey,
    carrierApiKey,
    carrierWebhookSecret: secret,
    async close() {
      clearInterval(ticker);
      await webhooks?.close();
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
