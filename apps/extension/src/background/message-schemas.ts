/**
 * Every message that reaches the background is parsed here before anything acts on it: a content script runs
 * inside a page we don't control, so its messages are untrusted input.
 */
import { CompanySmsRegistrationSchema, UserSnapshotSchema } from "@sms-doctor/core";
import { z } from "zod";

const PageIdSchema = z.enum(["user-page", "users-list", "sms-page"]);

const UnreadableSchema = z.object({
  field: z.enum([
    "license",
    "phoneNumber",
    "extensionNumber",
    "smsNumber",
    "smsEnabled",
    "smsStatus",
    "brandStatus",
    "campaignStatus",
    "enabledNumbers",
  ]),
  reason: z.string().max(500),
});

export const ContentMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("user-page-read"), snapshot: UserSnapshotSchema }),
  z.object({ type: z.literal("sms-page-read"), registration: CompanySmsRegistrationSchema }),
  z.object({
    type: z.literal("page-unreadable"),
    page: PageIdSchema,
    unreadable: z.array(UnreadableSchema).max(20),
  }),
  z.object({ type: z.literal("page-shown"), page: PageIdSchema.nullable() }),
  z.object({
    type: z.literal("users-list-verdicts"),
    userIds: z.array(z.string().min(1).max(200)).max(1000),
  }),
]);

export const ExtensionPageMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("tab-status"), tabId: z.number().int().nonnegative() }),
]);

/** "user-page-read.snapshot.sms.status: Invalid option…" — short enough for a log line. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "(message)"}: ${issue.message}`)
    .join("; ");
}
