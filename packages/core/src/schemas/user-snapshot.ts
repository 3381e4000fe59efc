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
export const SnapshotSourceSchema = z.enum(["console", "admin-api", "import"]);

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
  /** null when the source cannot see SMS at all (8x8's Administration API). */
  sms: UserSmsStateSchema.nullable(),
  source: SnapshotSourceSchema.optional(),
  displayName: z.string().max(TEXT_LIMITS.name).optional(),
  email: z.string().max(TEXT_LIMITS.email).optional(),
  site: z.string().max(TEXT_LIMITS.name).optional(),
});
export type UserSnapshot = z.infer<typeof UserSnapshotSchema>;
