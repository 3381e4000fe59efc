import { CompanySmsRegistrationSchema, TEXT_LIMITS, UserSnapshotSchema } from "@sms-doctor/core";
import { z } from "zod";

/*
 * What the Chrome extension's content scripts tell its background (apps/extension). A content script runs
 * inside the Admin Console page, which we don't control, so its messages are untrusted input: the background
 * parses every one with these before acting on it. The content script itself only uses the types (it must
 * not carry zod).
 */

/** The Admin Console pages a content script reads. */
export const ConsolePageIdSchema = z.enum(["user-page", "users-list", "sms-page"]);
export type ConsolePageId = z.infer<typeof ConsolePageIdSchema>;

/** Fields a person can check on the page; the panel's "read from this page" list uses the same names. */
export const ReadableFieldSchema = z.enum([
  "userId",
  "license",
  "phoneNumber",
  "extensionNumber",
  "smsNumber",
  "smsEnabled",
  "smsStatus",
  "brandStatus",
  "campaignStatus",
  "enabledNumbers",
]);
export type ReadableField = z.infer<typeof ReadableFieldSchema>;

/** A field a content script could not read, and where it should have been, in the console's words. */
export const UnreadableFieldSchema = z.object({
  field: ReadableFieldSchema,
  reason: z.string().max(500),
  /** The title of the section that is on the page but closed or still loading: not read yet, never "off". */
  waitingFor: z.string().max(200).optional(),
});
export type UnreadableField = z.infer<typeof UnreadableFieldSchema>;

/** Every message a content script may send the background, told apart by `type`. */
export const ContentMessageSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("user-page-read"),
    snapshot: UserSnapshotSchema,
    /**
     * Where `snapshot.userId` came from: the page's URL, the console's id (also when absent), or the page
     * itself (its Username or Email field, on a user page found by what it shows at a path with no id).
     */
    identifiedBy: z.enum(["url", "page"]).optional(),
  }),
  z.object({ type: z.literal("sms-page-read"), registration: CompanySmsRegistrationSchema }),
  z.object({
    type: z.literal("page-unreadable"),
    page: ConsolePageIdSchema,
    unreadable: z.array(UnreadableFieldSchema).max(20),
  }),
  z.object({ type: z.literal("page-shown"), page: ConsolePageIdSchema.nullable() }),
  z.object({
    type: z.literal("users-list-verdicts"),
    userIds: z.array(z.string().min(1).max(TEXT_LIMITS.userId)).max(1000),
  }),
]);
export type ContentMessage = z.infer<typeof ContentMessageSchema>;

/** Every message the extension's own pages (popup, options) may send the background. */
export const ExtensionPageMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("tab-status"), tabId: z.number().int().nonnegative() }),
]);
export type ExtensionPageMessage = z.infer<typeof ExtensionPageMessageSchema>;

/**
 * The first five issues of a refused message, as `path: message` with dotted paths
 * ("snapshot.sms.status: Invalid option…"; "(message)" when the message itself is wrong) — short enough
 * for a log line.
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join(".") || "(message)"}: ${issue.message}`)
    .join("; ");
}
