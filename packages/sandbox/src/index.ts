export { RULE_IDS } from "@sms-doctor/core";
export { CarrierRegistry } from "./carrier/carrier-registry.js";
export * from "./carrier/dialects/index.js";
export type * from "./carrier/telnyx-vocabulary.js";
export type { DeliveryRecord, WebhookEnvelope } from "./carrier/webhook-dispatcher.js";
export {
  signWebhook,
  verifyWebhook,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
} from "./carrier/webhook-signature.js";
export { QUIET_CHROMIUM_ARGS } from "./chromium-flags.js";
export {
  EXCLUSIVE_MARKUP_GROUPS,
  isMarkupVariant,
  MARKUP_QUERY_PARAM,
  MARKUP_VARIANT_NAMES,
  MARKUP_VARIANT_PAGES,
  MARKUP_VARIANTS,
  type MarkupVariant,
  markupQuery,
  otherPathUserPage,
  PUNCTUATED_LABELS,
  parseMarkupVariants,
} from "./console/markup-variants.js";
export { DEFAULTS, type Sandbox, type SandboxOptions, startSandbox } from "./sandbox.js";
export * from "./scenario-schema.js";
export { listScenarios, loadScenario, parseScenario, ScenarioFileError } from "./scenarios.js";
export { buildWorld, ScenarioReplayError } from "./world/build-world.js";
export { SimulatedClock } from "./world/clock.js";
export type { ProfilePatch, World } from "./world/world.js";
export type * from "./world/world-types.js";
