import { z } from "zod";
import { InstantSchema, SmsStatusSchema } from "./primitives.js";

export const BrandStatusSchema = z.enum(["verified", "pending", "unverified", "failed"]).nullable();
export const CampaignStatusSchema = z
  .enum(["verified", "pending", "rejected", "deactivated", "not-registered"])
  .nullable();

/** One error the SMS registration form shows, usually next to the field that needs correcting. */
export const RegistrationErrorSchema = z.object({
  field: z.string().optional(),
  message: z.string(),
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
    errors: z.array(RegistrationErrorSchema),
  }),
  enabledNumbers: z.array(z.object({ number: z.string().min(1), status: SmsStatusSchema })).optional(),
  numberLimit: z.number().int().positive().optional(),
});
export type CompanySmsRegistration = z.infer<typeof CompanySmsRegistrationSchema>;
