import { z } from "zod";
import { InstantSchema, SmsStatusSchema } from "./primitives.js";

/** The user's SMS enabled numbers section as read from the console. */
export const UserSmsStateSchema = z.object({
  number: z.string().min(1).nullable(),
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

/** What one source saw of one user at one instant. */
export const UserSnapshotSchema = z.object({
  userId: z.string().min(1),
  observedAt: InstantSchema,
  /** As shown, e.g. "X Series - X4"; null when no license is assigned. */
  license: z.string().nullable(),
  /** Voice basic settings > Phone Number, in any common format. */
  phoneNumber: z.string().nullable(),
  extensionNumber: z.string().nullable().optional(),
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
  displayName: z.string().optional(),
  email: z.string().optional(),
  /** The console's Username field; identifies the user on a page whose URL carries no id. */
  username: z.string().optional(),
  site: z.string().optional(),
});
export type UserSnapshot = z.infer<typeof UserSnapshotSchema>;
