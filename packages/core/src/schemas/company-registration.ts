import { z } from "zod";
import { InstantSchema, SmsStatusSchema } from "./primitives.js";
import { MAX_ENABLED_NUMBERS, MAX_REGISTRATION_ERRORS, TEXT_LIMITS } from "./text-limits.js";

export const BrandStatusSchema = z.enum(["verified", "pending", "unverified", "failed"]).nullable();
export const CampaignStatusSchema = z
  .enum(["verified", "pending", "rejected", "deactivated", "not-registered"])
  .nullable();

/** One error the SMS registration form shows, usually next to the field that needs correcting. */
export const RegistrationErrorSchema = z.object({
  field: z.string().max(TEXT_LIMITS.name).optional(),
  message: z.string().max(TEXT_LIMITS.message),
});
export type RegistrationError = z.infer<typeof RegistrationErrorSchema>;

/** The default number of phone numbers one campaign holds. */
export const DEFAULT_CAMPAIGN_NUMBER_LIMIT = 48;

/** What Admin Console > SMS shows for the company: brand, campaign and enabled numbers. */
export const CompanySmsRegistrationSchema = z.object({
  observedAt: InstantSchema,
  brand: z.object({ status: BrandStatusSchema }),
  campaign: z.object({
    status: CampaignStatusSchema,
    errors: z.array(RegistrationErrorSchema).max(MAX_REGISTRATION_ERRORS),
  }),
  enabledNumbers: z
    .array(z.object({ number: z.string().min(1).max(TEXT_LIMITS.phoneNumber), status: SmsStatusSchema }))
    .max(MAX_ENABLED_NUMBERS)
    .optional(),
  numberLimit: z.number().int().positive().optional(),
});
export type CompanySmsRegistration = z.infer<typeof CompanySmsRegistrationSchema>;
