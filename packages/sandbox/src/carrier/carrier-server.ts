import { createServer, listen, type RunningServer } from "../http/server.js";
import type { CarrierFaults } from "../scenario-schema.js";
import type { World } from "../world/world.js";
import { controlPlane } from "./control-plane.js";
import type { FaultState } from "./fault-state.js";
import { telnyxApi, telnyxError } from "./telnyx-api.js";
import type { WebhookDispatcher } from "./webhook-dispatcher.js";

export { FaultState } from "./fault-state.js";

export interface CarrierServerOptions {
  world: World;
  apiKey: string;
  faults: CarrierFaults;
  webhooks?: WebhookDispatcher;
  port?: number;
}

/**
 * The carrier registry simulator: each provider's API is a Fastify plugin over the same registry and
 * faults (Telnyx's 10DLC API under `/v2/10dlc/...`), beside an unauthenticated control plane under
 * `/_control/...` for tests and the demo. Unknown paths and errors outside a provider's routes are
 * answered in Telnyx's error shape.
 */
export async function startCarrierServer(
  options: CarrierServerOptions,
  faults: FaultState,
): Promise<RunningServer> {
  const { world, apiKey } = options;
  const app = createServer(telnyxError);
  await app.register(telnyxApi, { world, apiKey, faults });
  await app.register(controlPlane, {
    world,
    faults,
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
  });
  return listen(app, options.port ?? 0);
}
