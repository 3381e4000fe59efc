import {
  CompanySmsRegistrationSchema,
  DiagnosisSchema,
  DurationSchema,
  InstantSchema,
  ProvisioningRecordSchema,
  ProvisioningStateSchema,
  SnapshotSourceSchema,
  UserSnapshotSchema,
  VerdictSchema,
} from "@sms-doctor/core";
import { z } from "zod";
import { toE164 } from "../tracking/phone-number.js";

/*
 * The status API's request and response bodies, built from core's schemas. They belong in core
 * (the extension calls this API too); until then they live here.
 */

/** A US or Canadian number in any common form, normalized to E.164. */
export const NanpNumberSchema = z
  .string()
  .transform((value, ctx) => {
    const e164 = toE164(value);
    if (!e164) {
      ctx.addIssue({
        code: "custom",
        message: "expected a US or Canadian phone number such as +14155550100",
      });
      return z.NEVER;
    }
    return e164;
  })
  .meta({ example: "+14155550100" });

export const UserIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w.@-]+$/, "letters, digits, _ . @ or -");

export const TrackNumberRequestSchema = z.strictObject({
  number: NanpNumberSchema,
  userId: UserIdSchema.optional(),
  /** When SMS was enabled; defaults to now. */
  enabledAt: InstantSchema.optional(),
});

export const NumberParamsSchema = z.object({ number: NanpNumberSchema });
export const UserParamsSchema = z.object({ userId: UserIdSchema });

export const ListNumbersQuerySchema = z.strictObject({
  state: ProvisioningStateSchema.optional(),
  cursor: z.string().regex(/^\d+$/, "a cursor from a previous page").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** A tracking record as the API shows it: core's record plus what is derived from it at `now`. */
export const TrackedNumberSchema = ProvisioningRecordSchema.extend({
  userId: z.string().optional(),
  stalled: z.boolean(),
  expectedRemaining: z.object({ typical: DurationSchema, max: DurationSchema }).optional(),
});
export type TrackedNumber = z.infer<typeof TrackedNumberSchema>;

export const NumberPageSchema = z.object({
  items: z.array(TrackedNumberSchema),
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor: z.string().optional(),
});

export const ObservationRequestSchema = z.strictObject({
  // The user id becomes part of a Redis key and of GET /v1/users/:userId/diagnosis: same rules as there.
  snapshot: UserSnapshotSchema.extend({ userId: UserIdSchema }),
  company: CompanySmsRegistrationSchema.optional(),
});

/** Most snapshots one history answer holds (the worker keeps at most its `historyLength`). */
export const MAX_HISTORY_LIMIT = 50;

export const UserHistoryQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_HISTORY_LIMIT).default(20),
});

/** A snapshot of the shared history, always saying which source saw it. */
export const HistorySnapshotSchema = UserSnapshotSchema.extend({
  source: SnapshotSourceSchema,
});

export const UserHistoryResponseSchema = z.object({
  userId: z.string(),
  /** The newest `limit` snapshots, oldest first (newest last). */
  items: z.array(HistorySnapshotSchema),
});

/** Most users one verdicts request may name: a page of the console's Users list and then some. */
export const MAX_VERDICT_USERS = 200;

export const UserVerdictsQuerySchema = z.strictObject({
  /** Comma-separated user ids. */
  userIds: z
    .string()
    .transform((value) => value.split(",").filter(Boolean))
    .pipe(z.array(UserIdSchema).min(1).max(MAX_VERDICT_USERS)),
});

export const UserVerdictsResponseSchema = z.object({
  /** The verdict of each named user's latest snapshot; users the worker never saw are absent. */
  verdicts: z.record(z.string(), VerdictSchema),
});

export const DiagnosisResponseSchema = z.object({
  diagnosis: DiagnosisSchema,
  provisioning: TrackedNumberSchema.optional(),
});

export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** The offending field's dotted path, for 400s. */
    field: z.string().optional(),
  }),
});
