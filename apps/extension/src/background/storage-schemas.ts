import {
  CompanySmsRegistrationSchema,
  InstantSchema,
  TEXT_LIMITS,
  UserSnapshotSchema,
  VerdictSchema,
} from "@sms-doctor/core";
import { z } from "zod";

/*
 * What the Chrome extension (apps/extension) keeps, and the file it trades with admins. None of it is
 * trusted when read back: storage can hold what an older version wrote, settings are typed by a person,
 * and a history file comes from anywhere. The extension parses each with these where it comes in.
 */

/** The worker API's address and token, as the admin enters them on the options page. */
export const WorkerSettingsSchema = z.object({
  apiUrl: z.url({ protocol: /^https?$/ }),
  token: z.string().min(1),
});
export type WorkerSettings = z.infer<typeof WorkerSettingsSchema>;

/** One user's snapshots as kept in chrome.storage.local, oldest first. */
export const StoredHistorySchema = z.array(UserSnapshotSchema);

/** The last verdict shown for each user, by user id, for the users list's badges. */
export const StoredVerdictsSchema = z
  // Pairs, not an object: a user id such as "__proto__" must keep its verdict (zod's record drops that key).
  .array(z.tuple([z.string().min(1).max(320), VerdictSchema]))
  .max(100_000);

/**
 * Which user id each Username or Email (lower-cased) belongs to, oldest first, learned on user pages whose URL carries the id, so
 * a user seen on a page at a path without one is the same user.
 */
export const StoredIdentitiesSchema = z
  // Pairs, not an object: a name such as "__proto__" must stay a name.
  .array(z.tuple([z.string().min(1).max(320), z.string().min(1).max(320)]))
  .max(100_000);

/** The history file an admin exports from one browser and imports into another. */
export const HistoryExportSchema = z.object({
  format: z.literal("sms-doctor-history"),
  version: z.literal(1),
  exportedAt: InstantSchema,
  users: z.record(z.string().min(1).max(TEXT_LIMITS.userId), StoredHistorySchema),
  company: CompanySmsRegistrationSchema.optional(),
});
export type HistoryExport = z.infer<typeof HistoryExportSchema>;
