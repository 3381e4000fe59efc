import { z } from "zod";
import { InstantSchema, SmsStatusSchema } from "./primitives.js";
import { TEXT_LIMITS } from "./text-limits.js";

/** The user's SMS enabled numbers section as read from the console. */
export const UserSmsStateSchema = z.object({
  number: z.string().min(1).max(TEXT_LIMITS.phoneNumber).nullable(),
  /** The "SMS Enabled" switch. */
  enabled: z.boolean(),
  status: SmsStatusSchema,
});
export type UserSmsState = z.infer<typeof UserSmsStateSchema>;

export const ExtensionTypeSchema = z.enum(["user", "auto-attendant", "call-queue", "ring-group"]);
export const NumberCategorySchema = z.enum(["local", "toll-free", "virtual"]);
export const NumberStatusSchema = z.enum(["assigned", "porting", "pre-porting", "temporary"]);
/** The account's status, where the source shows it. */
export const AccountStatusSchema = z.enum(["active", "inactive"]);
export const SnapshotSourceSchema = z.enum(["console", "admin-api", "import"]);
export type SnapshotSource = z.infer<typeof SnapshotSourceSchema>;

/** What one source saw of one user at one instant. Every text is bounded (`TEXT_LIMITS`). */
export const UserSnapshotSchema = z.object({
  userId: z.string().min(1).max(TEXT_LIMITS.userId),
  observedAt: InstantSchema,
  /** As shown, e.g. "X Series - X4"; null when no license is assigned. */
  license: z.string().max(TEXT_LIMITS.name).nullable(),
  /** Voice basic settings > Phone Number, in any common format. */
  phoneNumber: z.string().max(TEXT_LIMITS.phoneNumber).nullable(),
  extensionNumber: z.string().max(TEXT_LIMITS.name).nullable().optional(),
  extensionType: ExtensionTypeSchema.optional(),
  numberCategory: NumberCategorySchema.optional(),
  numberStatus: NumberStatusSchema.optional(),
  /**
   * The account's status where the source shows it (the Administration API's `basicInfo.status`). An
   * inactive user can't log in or use services, SMS included; absent when unknown (the console page).
   */
  userStatus: AccountStatusSchema.optional(),
  /** null when the source cannot see SMS at all (8x8's Administration API). */
  sms: UserSmsStateSchema.nullable(),
  source: SnapshotSourceSchema.optional(),
  displayName: z.string().max(TEXT_LIMITS.name).optional(),
  email: z.string().max(TEXT_LIMITS.email).optional(),
  /** The console's Username field; identifies the user on a page whose URL carries no id. */
  username: z.string().max(TEXT_LIMITS.email).optional(),
  site: z.string().max(TEXT_LIMITS.name).optional(),
});
export type UserSnapshot = z.infer<typeof UserSnapshotSchema>;
