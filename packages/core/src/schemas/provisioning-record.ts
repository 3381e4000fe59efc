import { z } from "zod";
import { InstantSchema } from "./primitives.js";

/** The one lifecycle every provider's status words are mapped onto (see docs/lifecycle.md). */
export const ProvisioningStateSchema = z.enum([
  "REQUESTED",
  "AWAITING_BRAND",
  "AWAITING_CAMPAIGN",
  "AWAITING_NUMBER",
  "ACTIVE",
  "ACTION_REQUIRED",
  "STALLED",
  "SUSPENDED",
  "FAILED",
  "CANCELLED",
]);
export type ProvisioningState = z.infer<typeof ProvisioningStateSchema>;

/** Which outside approval a number is waiting on. */
export const ProvisioningStageSchema = z.enum(["brand", "campaign", "number"]);
export type ProvisioningStage = z.infer<typeof ProvisioningStageSchema>;

/** 10DLC numbers wait on brand, campaign and number; toll-free numbers wait on one verification. */
export const NumberKindSchema = z.enum(["10dlc", "toll-free"]);
export type NumberKind = z.infer<typeof NumberKindSchema>;

export const ProvisioningTransitionSchema = z.object({
  from: ProvisioningStateSchema,
  to: ProvisioningStateSchema,
  at: InstantSchema,
  cause: z.string(),
});
export type ProvisioningTransition = z.infer<typeof ProvisioningTransitionSchema>;

/** The status word a provider last reported, kept verbatim for support tickets. */
export const RawProviderStatusSchema = z.object({
  provider: z.string(),
  entity: z.string(),
  value: z.string(),
});
export type RawProviderStatus = z.infer<typeof RawProviderStatusSchema>;

/** One carrier's readiness for a number, where a provider reports carriers separately. */
export const CarrierReadinessSchema = z.object({
  /** The carriers as the provider groups them, named for people: "T-Mobile", "AT&T/Verizon and others". */
  carrier: z.string(),
  readiness: z.enum(["pending", "live", "failed"]),
  /** The provider's own word, kept verbatim. */
  value: z.string(),
});
export type CarrierReadiness = z.infer<typeof CarrierReadinessSchema>;

/** Where one number stands in carrier provisioning. */
export const ProvisioningRecordSchema = z.object({
  /** E.164. */
  number: z.string().min(1),
  state: ProvisioningStateSchema,
  /** When the record entered its current state. */
  since: InstantSchema,
  /** When SMS was enabled for the number and tracking began: the schedule counts the number's age from it. */
  requestedAt: InstantSchema.optional(),
  lastCheckedAt: InstantSchema.optional(),
  nextCheckAt: InstantSchema.optional(),
  transitions: z.array(ProvisioningTransitionSchema),
  provider: z.string().optional(),
  raw: RawProviderStatusSchema.optional(),
  kind: NumberKindSchema.optional(),
  /** The approval being waited on (kept while STALLED or ACTION_REQUIRED, so progress can resume there). */
  stage: ProvisioningStageSchema.optional(),
  /** The observedAt of the last observation applied; older observations are stale. */
  lastObservedAt: InstantSchema.optional(),
  /** Reason codes of a rejection or suspension, as the provider gave them. */
  reasons: z.array(z.string()).optional(),
  /** When a fixable rejection's edit window closes. */
  deadline: InstantSchema.optional(),
  /** Set when the provider said something the lifecycle does not know (e.g. `unknown-status:telnyx:FOO`). */
  flags: z.array(z.string()).optional(),
  /** Per-carrier readiness, when the provider reports carriers separately (Telnyx's number mapping statuses). */
  carriers: z.array(CarrierReadinessSchema).optional(),
});
export type ProvisioningRecord = z.infer<typeof ProvisioningRecordSchema>;

/** What an observation of the provider says about one stage, in the lifecycle's words. */
export const ObservationOutcomeSchema = z.enum([
  "pending",
  "approved",
  "rejected",
  "failed",
  "suspended",
  "expired",
  "cancelled",
]);
export type ObservationOutcome = z.infer<typeof ObservationOutcomeSchema>;

/** One provider status, already mapped onto the lifecycle's words. */
export const ProvisioningObservationSchema = z.object({
  /** When the provider's status was true (not when we received it): orders observations. */
  observedAt: InstantSchema,
  stage: ProvisioningStageSchema,
  outcome: ObservationOutcomeSchema,
  reasons: z.array(z.string()).optional(),
  deadline: InstantSchema.optional(),
  raw: RawProviderStatusSchema.optional(),
});
export type ProvisioningObservation = z.infer<typeof ProvisioningObservationSchema>;
