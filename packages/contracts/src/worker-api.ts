import {
  CompanySmsRegistrationSchema,
  DiagnosisSchema,
  DurationSchema,
  FindingSchema,
  InstantSchema,
  ProvisioningRecordSchema,
  ProvisioningStateSchema,
  SnapshotSourceSchema,
  TEXT_LIMITS,
  UserSnapshotSchema,
  VerdictSchema,
} from "@sms-doctor/core";
import { z } from "zod";

/*
 * The worker's status API (apps/worker): its request and response bodies, and what its clients (the
 * extension) accept as its replies. The worker parses requests with these at its door; clients parse replies.
 */

/** US and Canadian numbers share the North American Numbering Plan: +1, then NPA and NXX not starting with 0 or 1. */
export const NANP_E164 = /^\+1[2-9]\d{2}[2-9]\d{6}$/;

/**
 * Normalizes a US/Canadian number written in any common way ("(415) 555-0100", "14155550100",
 * "+1 415 555 0100") to E.164, or returns undefined when it is not one. Stricter than `toE164`, which
 * reads any country's number: the worker tracks only NANP numbers, and only in these plain shapes.
 */
export function toNanpE164(input: string): string | undefined {
  if (input.length > 32) return undefined;
  if (!/^[+\d\s().-]+$/.test(input)) return undefined;
  const digits = input.replace(/\D/g, "");
  const e164 = digits.length === 10 ? `+1${digits}` : digits.length === 11 ? `+${digits}` : undefined;
  return e164 && NANP_E164.test(e164) ? e164 : undefined;
}

/** A US or Canadian number in any common form, normalized to E.164. */
export const NanpNumberSchema = z
  .string()
  .transform((value, ctx) => {
    const e164 = toNanpE164(value);
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

/** A user id as the API takes it: the snapshot's bound (`TEXT_LIMITS.userId`), in characters safe in a path and a key. */
export const UserIdSchema = z
  .string()
  .min(1)
  .max(TEXT_LIMITS.userId)
  .regex(/^[\w.@-]+$/, "letters, digits, _ . @ or -");

export const TrackNumberRequestSchema = z.strictObject({
  number: NanpNumberSchema,
  userId: UserIdSchema.optional(),
  /** When SMS was enabled; defaults to now. */
  enabledAt: InstantSchema.optional(),
});

export const NumberParamsSchema = z.object({ number: NanpNumberSchema });
export const UserParamsSchema = z.object({ userId: UserIdSchema });
/** The provider a webhook comes from, named in its path (`/v1/webhooks/:provider`). */
export const WebhookParamsSchema = z.object({ provider: z.string().regex(/^[a-z0-9-]{1,32}$/) });

/** Largest cursor Redis's SCAN family takes (an unsigned 64-bit integer); beyond it Redis answers an error. */
const MAX_SCAN_CURSOR = 2n ** 64n - 1n;

/** A `nextCursor` of a previous page of records: a Redis SCAN cursor. */
export const ScanCursorSchema = z
  .string()
  .refine(
    (cursor) => /^\d{1,20}$/.test(cursor) && BigInt(cursor) <= MAX_SCAN_CURSOR,
    "a cursor from a previous page",
  );

export const ListNumbersQuerySchema = z.strictObject({
  state: ProvisioningStateSchema.optional(),
  cursor: ScanCursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** A tracking record as the API shows it: core's record plus what is derived from it at `now`. */
export const TrackedNumberSchema = ProvisioningRecordSchema.extend({
  userId: z.string().optional(),
  /** Per-carrier readiness in a sentence, when the provider reports carriers separately ("T-Mobile live; AT&T/Verizon pending"). */
  carrierReadiness: z.string().optional(),
  stalled: z.boolean(),
  /**
   * Present (true) when the worker would like an administrator's console to show the number again: followed
   * through consoles alone and not seen for core's `CONSOLE_REREAD_AFTER` (`wantsConsoleReRead`).
   */
  wantsReRead: z.boolean().optional(),
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

/**
 * POST /v1/observations/registration: the company's SMS registration as the SMS page shows it, without a user.
 * Its list of numbers and their statuses feed the console provider as a user's page does.
 */
export const RegistrationObservationRequestSchema = z.strictObject({
  company: CompanySmsRegistrationSchema,
});

/** What the registration's numbers did to tracking: numbers started (shown Pending) and transitions applied. */
export const RegistrationObservationResponseSchema = z.object({
  started: z.number().int().nonnegative(),
  transitions: z.number().int().nonnegative(),
});
export type RegistrationObservationResponse = z.infer<typeof RegistrationObservationResponseSchema>;

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

/**
 * POST /v1/observations's answer: the diagnosis, and the user's shared history as it stands after this
 * observation (oldest first, as GET /v1/users/:userId/history lists it), so a client needs one round trip.
 */
export const ObservationResponseSchema = DiagnosisResponseSchema.extend({
  history: z.array(HistorySnapshotSchema),
});
export type ObservationResponse = z.infer<typeof ObservationResponseSchema>;

export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** The offending field's dotted path, for 400s (and 413s of a part of the body). */
    field: z.string().optional(),
    /** The limit a 413 or 429 enforces, by the name the worker's README gives it (`tracked-numbers`, `failed-auth`…). */
    limit: z.string().optional(),
  }),
});

/*
 * What clients accept as the worker's replies: the shapes above, read a little more leniently where a
 * client has long done so.
 */

/** A tracking record reply (POST /v1/numbers, GET and DELETE /v1/numbers/:number), bare or wrapped as `{ record }`. */
export const TrackedNumberReplySchema = z.union([
  TrackedNumberSchema,
  z.object({ record: TrackedNumberSchema }),
]);
export type TrackedNumberReply = z.infer<typeof TrackedNumberReplySchema>;

/** The record of a tracking record reply, whichever way it came. */
export const trackedNumberOf = (reply: TrackedNumberReply): TrackedNumber =>
  "record" in reply ? reply.record : reply;

/**
 * A diagnosis reply (POST /v1/observations, GET /v1/users/:userId/diagnosis) flattened: the diagnosis with its
 * provisioning record beside the verdict and findings (`null` read as absent).
 */
export const DiagnosisReplySchema = DiagnosisSchema.extend({
  provisioning: TrackedNumberSchema.nullish(),
});
export type DiagnosisReply = z.infer<typeof DiagnosisReplySchema>;

/** Query of `GET /v1/findings`: the alerts the directory sync raised, oldest first, a page at a time. */
export const FindingsQuerySchema = z.strictObject({
  /** Alerts detected at or after this instant. */
  since: InstantSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,15}-\d{1,10}$/, "a nextCursor from a previous page")
    .optional(),
});
export type FindingsQuery = z.infer<typeof FindingsQuerySchema>;

/** A message ready to send to 8x8 support as it is (`supportRequestFor`). */
export const SupportRequestSchema = z.object({ to: z.string(), subject: z.string(), body: z.string() });

/**
 * A new finding about a user or a tracked number, as `GET /v1/findings` lists it and the alert webhook sends
 * it. A number's own finding (stalled, rejected, failed, out of sync) carries `number`, the user when one is
 * known, and a ready-to-send `supportRequest`.
 */
export const FindingAlertSchema = z.object({
  id: z.string(),
  type: z.literal("finding.new"),
  tenant: z.string(),
  /** Absent only on a number's finding when no user is known for the number. */
  userId: z.string().optional(),
  /** E.164, on a tracked number's finding. */
  number: z.string().optional(),
  supportRequest: SupportRequestSchema.optional(),
  displayName: z.string().optional(),
  detectedAt: InstantSchema,
  verdict: VerdictSchema,
  finding: FindingSchema,
  /** The finding in English (`formatFinding`), for receivers that show it as it comes. */
  title: z.string(),
  explanation: z.string(),
  steps: z.array(z.string()),
});
export type FindingAlert = z.infer<typeof FindingAlertSchema>;

/** A page of `GET /v1/findings`; `nextCursor` when there are more. */
export const FindingsPageSchema = z.object({
  items: z.array(FindingAlertSchema),
  nextCursor: z.string().optional(),
});
