import { z } from "zod";

/*
 * Twilio's Messaging v1 resources the adapter reads (https://messaging.twilio.com/v1). Sources:
 * - UsAppToPerson (the service's US A2P campaign): https://twilio.com/docs/messaging/api/usapptoperson-resource
 * - BrandRegistrations: https://www.twilio.com/docs/messaging/api/brand-registration-resource
 * - Services PhoneNumbers: https://twilio.com/docs/messaging/api/phonenumber-resource
 * - errors `{ code, message, more_info, status }`: https://www.twilio.com/docs/api/errors
 * Status words stay strings: an unknown one is core's to flag.
 */

/** Twilio's page metadata: `next_page_url` is absolute and carries the PageToken (null on the last page). */
export const TwilioPageMetaSchema = z.object({
  page: z.number().int().nonnegative(),
  page_size: z.number().int().positive(),
  next_page_url: z.string().nullable(),
  key: z.string(),
});

export const TwilioUsa2pSchema = z.object({
  sid: z.string().regex(/^QE[0-9a-fA-F]{32}$/),
  brand_registration_sid: z.string().regex(/^BN[0-9a-fA-F]{32}$/),
  messaging_service_sid: z.string(),
  campaign_status: z.string().nullable(),
  errors: z
    .array(z.object({ error_code: z.number().optional(), description: z.string().optional() }).passthrough())
    .nullish(),
  date_updated: z.string().nullish(),
});

/** `GET /v1/Services/{MessagingServiceSid}/Compliance/Usa2p`. */
export const TwilioUsa2pPageSchema = z.object({
  compliance: z.array(TwilioUsa2pSchema),
  meta: TwilioPageMetaSchema,
});

/** `GET /v1/a2p/BrandRegistrations/{BrandRegistrationSid}`. */
export const TwilioBrandRegistrationSchema = z.object({
  sid: z.string().regex(/^BN[0-9a-fA-F]{32}$/),
  status: z.string(),
  failure_reason: z.string().nullish(),
  date_updated: z.string().nullish(),
});

/** `GET /v1/Services/{MessagingServiceSid}/PhoneNumbers`. */
export const TwilioServicePhoneNumbersPageSchema = z.object({
  phone_numbers: z.array(
    z.object({
      sid: z.string().regex(/^PN[0-9a-fA-F]{32}$/),
      phone_number: z.string(),
      date_updated: z.string().nullish(),
    }),
  ),
  meta: TwilioPageMetaSchema,
});

/** Twilio's error body. */
export const TwilioErrorSchema = z.object({
  code: z.number(),
  message: z.string(),
  more_info: z.string().optional(),
  status: z.number(),
});
