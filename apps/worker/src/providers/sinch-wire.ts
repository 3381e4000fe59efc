import { z } from "zod";

/*
 * Sinch Numbers API (https://numbers.api.sinch.com/v1), the parts the adapter reads. Sources:
 * https://developers.sinch.com/sdk/sinch-sdk-node/1.5.0/interfaces/Numbers.ScheduledProvisioning.html,
 * https://developers.sinch.com/sdk/sinch-sdk-node/1.2.1/interfaces/Numbers.SMSConfigurationResponse.html,
 * https://developers.sinch.com/docs/numbers/api-reference/error-codes/provisioning-errors.
 * Status words stay strings: an unknown one is core's to flag, not a malformed body.
 */

/** "Represents the ongoing or failed scheduled provisioning job"; absent once the number is linked. */
export const SinchScheduledProvisioningSchema = z.object({
  campaignId: z.string().optional(),
  servicePlanId: z.string().optional(),
  status: z.string(),
  lastUpdatedTime: z.string().nullish(),
  errorCodes: z.array(z.string()).optional(),
});

/** `GET /v1/projects/{projectId}/activeNumbers/{phoneNumber}` (fields the adapter reads). */
export const SinchActiveNumberSchema = z.object({
  phoneNumber: z.string(),
  projectId: z.string().optional(),
  smsConfiguration: z
    .object({
      servicePlanId: z.string().optional(),
      /** "Only for US virtual numbers … the current campaign ID for this number." */
      campaignId: z.string().nullish(),
      scheduledProvisioning: SinchScheduledProvisioningSchema.nullish(),
    })
    .nullish(),
});
export type SinchActiveNumber = z.infer<typeof SinchActiveNumberSchema>;

/** Sinch's error body: `{ error: { code, message, status, details } }`. */
export const SinchErrorSchema = z.object({
  error: z.object({
    code: z.number(),
    message: z.string(),
    status: z.string(),
    details: z.array(z.unknown()).optional(),
  }),
});
