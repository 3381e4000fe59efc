import { z } from "zod";
import { isInstant } from "../facts/is-instant.js";

/** An ISO 8601 instant with an offset, e.g. `2026-05-01T12:00:00Z` or `2026-05-01T08:00:00.000-04:00`. */
export const InstantSchema = z.string().refine(isInstant, {
  message: "expected an ISO 8601 instant with an offset, e.g. 2026-05-01T12:00:00Z",
});

/** An ISO 8601 duration such as `PT2H` or `P3D`. */
export const DurationSchema = z.string().regex(/^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, {
  message: "expected an ISO 8601 duration such as PT2H or P3D",
});

/** What the console's Status cell says for an SMS number; `null` when the cell is blank. */
export const SmsStatusSchema = z
  .enum(["enabled", "pending", "enabling-failed", "disabled", "disabling-failed"])
  .nullable();
export type SmsStatus = z.infer<typeof SmsStatusSchema>;

/** A phone number already in E.164 (what APIs and scenario files carry), not a number as the console shows it. */
export const E164Schema = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, "expected an E.164 number such as +14155550101");
