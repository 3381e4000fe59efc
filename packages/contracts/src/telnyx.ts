import { z } from "zod";

/*
 * Telnyx's 10DLC wire bodies, as the worker reads them from the carrier (apps/worker's Telnyx adapter
 * and its provider webhook endpoint) and as the sandbox's carrier simulator renders and sends them.
 * Only what the worker reads is required; everything else passes through untouched (loose objects), so
 * a field Telnyx adds never breaks a check. Status words stay plain strings: an unknown word is the
 * lifecycle's to flag (`mapProviderStatus`), not a parse failure.
 */

/**
 * Telnyx's phone number / campaign assignment (`GET /10dlc/phone_number_campaigns/{phoneNumber}`).
 * Only what we read is required; the rest passes through, so new fields never break a check.
 */
export const PhoneNumberCampaignSchema = z.looseObject({
  phoneNumber: z.string(),
  campaignId: z.string().nullish(),
  assignmentStatus: z.string().min(1).nullish(),
  failureReasons: z.string().nullish(),
  tmobileNumberMappingStatus: z.string().nullish(),
  nonTmobileNumberMappingStatus: z.string().nullish(),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
});
export type PhoneNumberCampaignBody = z.infer<typeof PhoneNumberCampaignSchema>;

/** Telnyx's campaign (`GET /10dlc/campaign/{campaignId}`). */
export const TelnyxCampaignSchema = z.looseObject({
  campaignId: z.string().nullish(),
  campaignStatus: z.string().min(1).nullish(),
  updateDate: z.string().nullish(),
  updatedAt: z.string().nullish(),
});
export type TelnyxCampaignBody = z.infer<typeof TelnyxCampaignSchema>;

/**
 * A provider's event about a number, in Telnyx's webhook envelope (`data.id`, `data.event_type`,
 * `data.payload`). Redelivered events carry the same `data.id`. The envelope keeps only what is read
 * (`data.occurred_at`, `data.record_type` and `meta` are dropped); the payload passes through whole.
 */
export const ProviderEventSchema = z.object({
  data: z.object({
    id: z.string().min(1).max(200),
    event_type: z.string().min(1).max(100),
    payload: z.looseObject({
      phoneNumber: z.string().optional(),
      phone_number: z.string().optional(),
      campaignId: z.string().optional(),
    }),
  }),
});
export type ProviderEvent = z.infer<typeof ProviderEventSchema>;
