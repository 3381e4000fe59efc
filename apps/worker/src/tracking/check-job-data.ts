import { toNanpE164 } from "@sms-doctor/contracts";
import { z } from "zod";

/*
 * Job data of the worker's BullMQ queues (apps/worker). Job data crosses a process boundary: it is stored in
 * Redis, in the clear, and read back by any worker process, so it is parsed on entry. It never carries a secret
 * (API tokens, provider or Administration API keys, passwords): only what names the work. The schemas below are
 * plain objects, so unknown fields are dropped when a job is parsed.
 */

/** A tenant id as it appears in the worker's Redis keys, job ids and token configuration. */
export const TENANT_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** A check job's data: which tenant's number to ask the provider about. */
export const CheckJobDataSchema = z.object({
  tenant: z.string().regex(TENANT_PATTERN, "a tenant id: lowercase letters, digits, - and _"),
  number: z.string().refine((n) => toNanpE164(n) === n, "an E.164 US or Canadian number"),
  /** Failed provider calls in a row for this job; drives the backoff. */
  retries: z.number().int().min(0).max(1000).optional(),
});
export type CheckJobData = z.infer<typeof CheckJobDataSchema>;
