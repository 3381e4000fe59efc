import { z } from "zod";
import { CompanySmsRegistrationSchema } from "./company-registration.js";
import { DurationSchema, InstantSchema } from "./primitives.js";
import { ProvisioningRecordSchema } from "./provisioning-record.js";
import { UserSnapshotSchema } from "./user-snapshot.js";

/** Everything `diagnose` looks at. History may come in any order and may include `current`. */
export const DiagnosisInputSchema = z.object({
  now: InstantSchema,
  current: UserSnapshotSchema,
  history: z.array(UserSnapshotSchema).optional(),
  company: CompanySmsRegistrationSchema.optional(),
  provisioning: ProvisioningRecordSchema.optional(),
});
export type DiagnosisInput = z.infer<typeof DiagnosisInputSchema>;

export const CertaintySchema = z.enum(["confirmed", "likely", "possible"]);
export type Certainty = z.infer<typeof CertaintySchema>;
export const SeveritySchema = z.enum(["blocking", "warning", "info"]);
export type Severity = z.infer<typeof SeveritySchema>;
export const ActorSchema = z.enum(["admin", "user", "carrier", "support"]);
export type Actor = z.infer<typeof ActorSchema>;
export const VerdictSchema = z.enum(["can-send", "cannot-send", "pending", "unknown"]);
export type Verdict = z.infer<typeof VerdictSchema>;

/** Placeholder values of a message; never a pre-built sentence. */
export const MessageDataSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
export type MessageData = z.infer<typeof MessageDataSchema>;

/** What was seen that supports a finding: a field's value before and after, and when. */
export const EvidenceSchema = z.object({
  field: z.string(),
  before: z.string().nullable().optional(),
  after: z.string().nullable().optional(),
  observedAt: InstantSchema,
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const ResolutionStepSchema = z.object({ messageId: z.string(), data: MessageDataSchema });
export type ResolutionStep = z.infer<typeof ResolutionStepSchema>;

export const ExpectedDelaySchema = z.object({ typical: DurationSchema, max: DurationSchema });
export type ExpectedDelay = z.infer<typeof ExpectedDelaySchema>;

export const ResolutionSchema = z.object({
  steps: z.array(ResolutionStepSchema),
  actor: ActorSchema,
  expectedDelay: ExpectedDelaySchema.optional(),
});
export type Resolution = z.infer<typeof ResolutionSchema>;

/** One cause (or risk) a rule found, with its evidence and how to resolve it. */
export const FindingSchema = z.object({
  ruleId: z.string(),
  certainty: CertaintySchema,
  severity: SeveritySchema,
  messageId: z.string(),
  data: MessageDataSchema,
  evidence: z.array(EvidenceSchema),
  resolution: ResolutionSchema,
});
export type Finding = z.infer<typeof FindingSchema>;

export const DiagnosisSchema = z.object({
  verdict: VerdictSchema,
  /** Most important first: blocking before warning before info, then by certainty. */
  findings: z.array(FindingSchema),
});
export type Diagnosis = z.infer<typeof DiagnosisSchema>;
