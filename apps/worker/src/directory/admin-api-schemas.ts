import { z } from "zod";

/**
 * What SMS Doctor reads of 8x8's Administration API (`application/vnd.users.v1+json`,
 * `application/vnd.phonenumbers.v1+json`). Loose on purpose: fields we don't use may come and go
 * in the beta without breaking a sync; the ones we use are checked.
 */
export const AdminApiUserSchema = z.looseObject({
  id: z.string().min(1).max(200),
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
