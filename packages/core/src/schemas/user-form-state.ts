import { z } from "zod";
import { TEXT_LIMITS } from "./text-limits.js";

/**
 * A user's page as the administrator edits it, saved or not yet: the fields whose change touches SMS
 * (`predictSave` compares two). A `UserSnapshot` is one. The extension's content script reads it from the
 * form and sends it to the background, which parses it with this.
 */
export const UserFormStateSchema = z.object({
  /** Voice basic settings > Phone Number, in any common format. */
  phoneNumber: z.string().max(TEXT_LIMITS.phoneNumber).nullable(),
  /** As shown, e.g. "X Series - X4"; null when no license is assigned. */
  license: z.string().max(TEXT_LIMITS.name).nullable(),
  /** The SMS enabled numbers section: its number and "SMS Enabled" switch; null when the page shows none. */
  sms: z
    .object({ number: z.string().max(TEXT_LIMITS.phoneNumber).nullable(), enabled: z.boolean() })
    .nullable(),
});
export type UserFormState = z.infer<typeof UserFormStateSchema>;
