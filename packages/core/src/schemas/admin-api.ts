import { z } from "zod";
import { E164Schema } from "./primitives.js";
import { TEXT_LIMITS } from "./text-limits.js";

// 8x8's Administration API (beta): https://api.8x8.com/admin-provisioning, versioned media types
// `application/vnd.users.v1+json` and `application/vnd.phonenumbers.v1+json`. The worker's directory
// sync parses what the API answers with these; the sandbox's imitation parses what it is sent with them
// and is tested to render what they accept.

/**
 * A user as SMS Doctor reads it. Loose on purpose: fields we don't use may come and go in the beta
 * without breaking a sync; the ones we use are checked.
 */
export const AdminApiUserSchema = z.looseObject({
  id: z.string().min(1).max(TEXT_LIMITS.userId),
  basicInfo: z
    .looseObject({
      firstName: z.string().max(1000).optional(),
      lastName: z.string().max(1000).optional(),
      primaryEmail: z.string().max(1000).optional(),
      status: z.string().max(50).optional(),
      site: z.string().max(1000).optional(),
    })
    .optional(),
  serviceInfo: z
    .looseObject({
      licenses: z.array(z.looseObject({ name: z.string().max(200) })).max(50),
    })
    .optional(),
  extensions: z
    .array(
      z.looseObject({
        extensionNumber: z.string().max(50).optional(),
        phoneNumbers: z.array(z.string().max(50)).max(100).optional(),
        primaryPhoneNumber: z.string().max(50).nullable().optional(),
      }),
    )
    .max(50)
    .optional(),
});
export type AdminApiUser = z.infer<typeof AdminApiUserSchema>;

/** A company number (`GET /phone-numbers`), as loose as a user. */
export const AdminApiPhoneNumberSchema = z.looseObject({
  phoneNumber: z.string().min(1).max(50),
  category: z.enum(["LOCAL", "TOLL_FREE"]).optional(),
  status: z.enum(["PRE_PORTING", "PORTING", "AVAILABLE", "ASSIGNED"]).optional(),
  temporaryNumber: z.boolean().optional(),
});
export type AdminApiPhoneNumber = z.infer<typeof AdminApiPhoneNumberSchema>;

/** One page of a list: items are checked one by one afterwards, so one bad user never loses a page. */
export const AdminApiPageSchema = z.object({
  data: z.array(z.unknown()),
  pagination: z.looseObject({
    hasMore: z.boolean(),
    nextScrollId: z.string().max(4000).nullable().optional(),
    totalCount: z.number().int().min(0).optional(),
  }),
});
export type AdminApiPage = z.infer<typeof AdminApiPageSchema>;

/**
 * The body of `PATCH /users/{userId}`: the parts of a user that may be changed, in the user's own
 * shape. Strict, unlike the reads: a write with a misspelt field must be refused, not half applied.
 * The answer is 202 and an operation to poll.
 */
export const AdminApiUserPatchSchema = z
  .object({
    basicInfo: z
      .object({
        firstName: z.string().min(1).max(200),
        lastName: z.string().min(1).max(200),
        primaryEmail: z.email(),
        jobTitle: z.string().max(200),
        department: z.string().max(200),
        status: z.enum(["ACTIVE", "INACTIVE"]),
      })
      .partial()
      .strict()
      .optional(),
    serviceInfo: z
      .object({ licenses: z.array(z.object({ name: z.string().min(1).max(100) }).strict()).max(1) })
      .strict()
      .optional(),
    extensions: z
      .array(z.object({ primaryPhoneNumber: E164Schema.nullable() }).strict())
      .length(1)
      .optional(),
  })
  .strict();
export type AdminApiUserPatch = z.infer<typeof AdminApiUserPatchSchema>;
