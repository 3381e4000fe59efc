import { z } from "zod";
import { licenseSms } from "../facts/license.js";
import { E164Schema } from "./primitives.js";
import { TEXT_LIMITS } from "./text-limits.js";

// 8x8's Administration API (beta), https://api.8x8.com/admin-provisioning, as 8x8 publishes it:
// - "8x8 Administration - User Management API" 1.0, user-api-v1.yaml, and "Phone Number Management API"
//   1.0, phonenumber-api-v1.yaml (https://developer.8x8.com/administration/user-api-v1.yaml,
//   …/phonenumber-api-v1.yaml; the copy read is github.com/8x8Cloud/public-developer-docs,
//   docs_oas/administration/, commit 859e59a3af);
// - the "Administration API Essentials" page (docs/administration/docs/suite-common.mdx): paging,
//   rate limits, operations, errors.
// Every field below names the published schema it comes from. The worker's directory sync and audit
// read with these; the sandbox's imitation renders what they describe and parses what it is sent with
// them. The published examples are kept as fixtures (packages/core/test/fixtures/admin-api/).
//
// Reads are loose on purpose: the API is a beta, and fields we don't use may come and go without
// breaking a sync. Published enums we only report on stay strings (a new status word must not lose a
// user); `nullable: true` in the spec is `.nullish()` here, since a field may also be left out.

/** Media types the API versions itself with (user-api-v1.yaml / phonenumber-api-v1.yaml "Versioning"). */
export const ADMIN_API_MEDIA_TYPES = {
  users: "application/vnd.users.v1+json",
  phoneNumbers: "application/vnd.phonenumbers.v1+json",
  operations: "application/vnd.operations.v1+json",
} as const;

/** `pageSize`: default 100, at most 1000 (suite-common.mdx, "How Scroll-Based Pagination Works"). */
export const ADMIN_API_PAGE_SIZE = { default: 100, max: 1_000 } as const;

const text = (max = 1_000) => z.string().max(max).nullish();

/** `Site` (user-api-v1.yaml): where the user is, by id, name and PBX. */
export const AdminApiSiteSchema = z.looseObject({ id: text(200), name: text(), pbxName: text(200) });

/** `BasicInfo`: the user's id lives here (`userId`, read-only); there is no top-level `id`. */
export const AdminApiBasicInfoSchema = z.looseObject({
  userId: text(TEXT_LIMITS.userId),
  customerId: text(200),
  userName: text(),
  firstName: text(),
  lastName: text(),
  primaryEmail: text(),
  /** `ACTIVE` | `INACTIVE`: "controls whether user can log in or use services". */
  status: text(50),
  locale: text(50),
  timezone: text(100),
  site: AdminApiSiteSchema.nullish(),
  createdTime: text(100),
  lastUpdatedTime: text(100),
});

/** `DirectoryInfo`: job title and department live here, not in `basicInfo`. */
export const AdminApiDirectoryInfoSchema = z.looseObject({
  jobTitle: text(),
  department: text(),
  displayInDirectory: z.boolean().nullish(),
});

/** `License`: a subscription. A user may hold several: a voice license, add-ons, DID licenses. */
export const AdminApiLicenseSchema = z.looseObject({ id: text(200), name: text(), country: text(10) });

/** `PhoneNumber` inside an extension (user-api-v1.yaml), not the Phone Number API's record. */
export const AdminApiExtensionNumberSchema = z.looseObject({
  phoneNumber: text(50),
  primary: z.boolean().nullish(),
  country: text(10),
  /** `CLAIMED` | `PORTING`. */
  origin: text(50),
  /** `PortingNumber`: "the number which will replace this extension phone number when porting completes". */
  portingNumber: z.looseObject({ phoneNumber: text(50) }).nullish(),
});

/** `Extension`: `licenseId` names which of the user's licenses is this extension's (voice) license. */
export const AdminApiExtensionSchema = z.looseObject({
  id: text(200),
  extensionNumber: text(50),
  /** `UC` | `CC`. */
  extensionType: text(20),
  licenseId: text(200),
  phoneNumbers: z.array(AdminApiExtensionNumberSchema).max(100).nullish(),
  primaryPhoneNumber: text(50),
});

/** `ServiceInfo`: licenses and extensions, each nullable. */
export const AdminApiServiceInfoSchema = z.looseObject({
  licenses: z.array(AdminApiLicenseSchema).max(100).nullish(),
  extensions: z.array(AdminApiExtensionSchema).max(50).nullish(),
});

/** `User` (`application/vnd.users.v1+json`): `basicInfo` is its one required part. */
export const AdminApiUserSchema = z.looseObject({
  basicInfo: AdminApiBasicInfoSchema,
  directoryInfo: AdminApiDirectoryInfoSchema.nullish(),
  serviceInfo: AdminApiServiceInfoSchema.nullish(),
});
export type AdminApiUser = z.infer<typeof AdminApiUserSchema>;
export type AdminApiExtension = z.infer<typeof AdminApiExtensionSchema>;
export type AdminApiLicense = z.infer<typeof AdminApiLicenseSchema>;

/** The extension SMS can use: the first with a number (users normally have one), else the first. */
export function voiceExtensionOf(
  extensions: readonly AdminApiExtension[] | null | undefined,
): AdminApiExtension | undefined {
  const list = extensions ?? [];
  return list.find((e) => e.primaryPhoneNumber || e.phoneNumbers?.some((n) => n.phoneNumber)) ?? list[0];
}

/** The extension's number: `primaryPhoneNumber`, else its `primary` entry of `phoneNumbers[]`, else the first. */
export function extensionPhoneNumberOf(extension: AdminApiExtension | undefined): string | null {
  if (!extension) return null;
  const listed = extension.phoneNumbers ?? [];
  return (
    extension.primaryPhoneNumber ||
    listed.find((n) => n.primary && n.phoneNumber)?.phoneNumber ||
    listed.find((n) => n.phoneNumber)?.phoneNumber ||
    null
  );
}

/**
 * The extension's voice license: the one its `licenseId` names. A user also holds add-ons (call
 * recording storage…) and DID licenses, in any order, so the first listed is not it. Without a
 * `licenseId` (or one naming no listed license), the first license whose name reads as an X Series
 * tier, Lobby or Basic; else the first named one.
 */
export function voiceLicenseOf(
  licenses: readonly AdminApiLicense[] | null | undefined,
  extension: AdminApiExtension | undefined,
): AdminApiLicense | undefined {
  const named = (licenses ?? []).filter((l) => l.name?.trim());
  const byId = extension?.licenseId ? named.find((l) => l.id === extension.licenseId) : undefined;
  return byId ?? named.find((l) => licenseSms(l.name ?? null) !== "unknown") ?? named[0];
}

/**
 * `PhoneNumber` (`application/vnd.phonenumbers.v1+json`). During a port-in, the number being ported
 * and the temporary 8x8 number are linked: `temporaryNumber` and `portingNumber` are E.164 strings
 * (not flags), so a record whose `portingNumber` is set is a temporary number a port will replace.
 * Every field is nullable, `phoneNumber` included.
 */
export const AdminApiPhoneNumberSchema = z.looseObject({
  phoneNumber: text(50),
  nationalFormattedNumber: text(50),
  country: text(10),
  /** `LOCAL` | `TOLL_FREE`. */
  category: text(50),
  /** `CLAIMED` | `PORTING`. */
  origin: text(50),
  /** `PRE_PORTING` | `PORTING` | `AVAILABLE` | `ASSIGNED`. */
  status: text(50),
  temporaryNumber: text(50),
  portingNumber: text(50),
});
export type AdminApiPhoneNumber = z.infer<typeof AdminApiPhoneNumberSchema>;

const LinkSchema = z.looseObject({ href: text(8_000) });

/** `Pagination`: scroll paging; `pageNumber` is 0-indexed, `hasMore` may be null. */
export const AdminApiPaginationSchema = z.looseObject({
  pageSize: z.number().int().nullish(),
  pageNumber: z.number().int().nullish(),
  hasMore: z.boolean().nullish(),
  filter: text(4_000),
  sort: text(1_000),
  nextScrollId: text(8_000),
});

/**
 * `UserPage` / `PhoneNumberPage`: `data` (nullable), `pagination`, `_links` (`self`, `next`). Items
 * are checked one by one afterwards, so one odd user never loses a page.
 */
export const AdminApiPageSchema = z.looseObject({
  data: z.array(z.unknown()).nullish(),
  pagination: AdminApiPaginationSchema.nullish(),
  _links: z.looseObject({ self: LinkSchema.nullish(), next: LinkSchema.nullish() }).nullish(),
});
export type AdminApiPage = z.infer<typeof AdminApiPageSchema>;

/**
 * Where the next page is, or null when the scroll is over: `hasMore: false`, else `nextScrollId`, else
 * the `scrollId` in `_links.next` (suite-common.mdx, "Pagination Response Structure").
 */
export function nextScrollIdOf(page: AdminApiPage): string | null {
  if (page.pagination?.hasMore === false) return null;
  if (page.pagination?.nextScrollId) return page.pagination.nextScrollId;
  // Core has no URL (no DOM, no Node): the query parameter is read by hand.
  const query = /[?&]scrollId=([^&#]+)/.exec(page._links?.next?.href ?? "");
  if (!query) return null;
  try {
    return decodeURIComponent(query[1]!.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

/** `Error`: one problem, by field when there is one. `code` is a string: 8x8's pages use more codes than the enum. */
export const AdminApiErrorItemSchema = z.looseObject({
  field: text(500),
  code: text(100),
  message: text(4_000),
});

/** `ErrorResponse`: every 4xx/5xx body, and a FAILED operation's `error`. */
export const AdminApiErrorBodySchema = z.looseObject({
  status: z.number().int().nullish(),
  title: text(1_000),
  detail: text(4_000),
  instance: text(2_000),
  time: text(100),
  errors: z.array(AdminApiErrorItemSchema).max(100).nullish(),
});
export type AdminApiErrorBody = z.infer<typeof AdminApiErrorBodySchema>;

/** `Operation`: what `POST`/`PUT`/`DELETE /users` answer with (202) and `GET /operations/{id}` returns. */
export const AdminApiOperationSchema = z.looseObject({
  operationId: text(200),
  /** `PENDING` | `IN_PROGRESS` | `COMPLETED` | `FAILED` | `UNKNOWN`. */
  status: text(50),
  customerId: text(200),
  /** `USER` | `RING_GROUP` | `SITE`. */
  resourceType: text(50),
  resourceId: text(200),
  /** `CREATE` | `UPDATE` | `DELETE`. */
  operationType: text(50),
  createdTime: text(100),
  completedTime: text(100),
  error: AdminApiErrorBodySchema.nullish(),
  _links: z.looseObject({ self: LinkSchema.nullish(), resource: LinkSchema.nullish() }).nullish(),
});
export type AdminApiOperation = z.infer<typeof AdminApiOperationSchema>;

const NAME = /^[A-Za-z0-9.,\-_()' ]+$/;

/**
 * The body of `POST /users` and `PUT /users/{userId}`: a whole `User`, with `basicInfo`'s required
 * fields and their published limits (`userName` 3–70, `firstName` 2–128, `lastName` 2–30, an email).
 * A PUT replaces the user: what is left out is removed (suite-common.mdx warns of exactly that).
 */
export const AdminApiUserWriteSchema = z.looseObject({
  basicInfo: z.looseObject({
    userId: text(200),
    userName: z
      .string()
      .min(3)
      .max(70)
      .regex(/^[A-Za-z0-9.@\-_/]+$/, "letters, digits and . @ - _ / only"),
    firstName: z.string().min(2).max(128).regex(NAME, "letters, digits, spaces and .,-_()' only"),
    lastName: z.string().min(2).max(30).regex(NAME, "letters, digits, spaces and .,-_()' only"),
    primaryEmail: z.email().min(5).max(128),
    status: z.enum(["ACTIVE", "INACTIVE"]).nullish(),
    locale: text(50),
    timezone: text(100),
    site: AdminApiSiteSchema.nullish(),
  }),
  directoryInfo: z
    .looseObject({
      jobTitle: z.string().min(1).max(254).nullish(),
      department: z.string().min(1).max(100).nullish(),
    })
    .nullish(),
  serviceInfo: z
    .looseObject({
      licenses: z.array(AdminApiLicenseSchema).max(100).nullish(),
      extensions: z
        .array(
          AdminApiExtensionSchema.extend({
            primaryPhoneNumber: E164Schema.nullish(),
          }),
        )
        .max(50)
        .nullish(),
    })
    .nullish(),
});
export type AdminApiUserWrite = z.infer<typeof AdminApiUserWriteSchema>;
