import { z } from "zod";

/** An ISO 8601 instant with an offset, e.g. `2026-05-01T12:00:00Z`. */
export const InstantSchema = z.iso.datetime({ offset: true });

/** An ISO 8601 duration such as `PT2H` or `P3D`. */
export const DurationSchema = z.string().regex(/^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, {
  message: "expected an ISO 8601 duration such as PT2H or P3D",
});

/** What the console's Status cell says for an SMS number; `null` when the cell is blank. */
export const SmsStatusSchema = z
  .enum(["enabled", "pending", "enabling-failed", "disabled", "disabling-failed"])
  .nullable();
export type SmsStatus = z.infer<typeof SmsStatusSchema>;
