import type { AdminApiLicense, AdminApiPhoneNumber, AdminApiUser } from "@sms-doctor/core";
import type { World } from "../world/world.js";
import type { PhoneNumberRecord, UserRecord } from "../world/world-types.js";
import type { Selectors } from "./rsql.js";

// The world rendered in the shapes 8x8 publishes (user-api-v1.yaml `User`, phonenumber-api-v1.yaml
// `PhoneNumber`; see core's schemas/admin-api.ts for the sources). The types are core's: the imitation
// answers in exactly the shape the client reads, and the contract tests check both against the
// published schemas. No SMS state: the API has none.

/** A user with every part present (the published schema leaves them all optional but `basicInfo`). */
export type RenderedUser = AdminApiUser & {
  basicInfo: { userId: string };
  serviceInfo: {
    licenses: AdminApiLicense[];
    extensions: NonNullable<AdminApiUser["serviceInfo"]>["extensions"];
  };
};

/** Console language names → the API's `locale` enum (the world keeps the console's words). */
const LOCALES: Record<string, string> = {
  "English (United States)": "en-US",
  "English (United Kingdom)": "en-GB",
  "English (Australia)": "en-AU",
  "French (Canada)": "fr-CA",
  "French (France)": "fr-FR",
  "Spanish (Spain)": "es-ES",
  "German (Germany)": "de-DE",
};

/** The world keeps a site by name; the API shows it as `{ id, name, pbxName }`. */
export function siteId(name: string): string {
  return `site-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
}

/**
 * 8x8 documents that a user's DID license appears on GET once a number is configured ("DID License
 * Assignment", user management guide), beside the voice license; the name is ours, 8x8 doesn't
 * publish it. Listing it first is what makes `extensions[].licenseId` matter: taking the first
 * license would read every user as licensed "DID".
 */
function didLicense(country: string): AdminApiLicense {
  return { id: `lic-${country.toLowerCase()}-did`, name: `DID Number - ${country}`, country };
}

export function adminUser(world: World, user: UserRecord): RenderedUser {
  const numbers = world.userNumbers(user);
  const country = numbers[0]?.country ?? world.company.country;
  const license = world.license(user.licenseName, country);
  const licenses: AdminApiLicense[] = [
    ...(numbers.length ? [didLicense(country)] : []),
    ...(license ? [{ id: license.id, name: license.name, country: license.country }] : []),
  ];
  return {
    basicInfo: {
      userId: user.id,
      customerId: world.company.id,
      createdTime: new Date(user.createdAt).toISOString(),
      lastUpdatedTime: new Date(user.updatedAt).toISOString(),
      userName: user.username,
      firstName: user.firstName,
      lastName: user.lastName,
      status: user.status,
      locale: LOCALES[user.language] ?? null,
      timezone: user.timeZone,
      primaryEmail: user.email,
      site: { id: siteId(user.site), name: user.site, pbxName: world.company.id },
    },
    directoryInfo: {
      jobTitle: user.jobTitle || null,
      department: user.department || null,
      displayInDirectory: true,
    },
    serviceInfo: {
      licenses,
      extensions: [
        {
          id: `ext-${user.id}`,
          extensionNumber: user.extensionNumber,
          extensionType: "UC",
          licenseId: license?.id ?? null,
          primaryPhoneNumber: user.phoneNumbers[0] ?? null,
          phoneNumbers: user.phoneNumbers.map((phoneNumber, i) => {
            const record = world.number(phoneNumber);
            return {
              phoneNumber,
              primary: i === 0,
              country: record?.country ?? null,
              origin: record?.portingNumber ? "PORTING" : "CLAIMED",
              // On a temporary number, the number the port-in will put in its place. Left out
              // otherwise: `PortingNumber` is a $ref, which the published schema can't make nullable.
              ...(record?.portingNumber ? { portingNumber: { phoneNumber: record.portingNumber } } : {}),
            };
          }),
        },
      ],
    },
  };
}

/** Temporary numbers by the number each one stands in for while it is ported in. */
export type TemporaryNumbers = ReadonlyMap<string, string>;

/** One pass over the company's numbers, so rendering a 10 000-number list stays linear. */
export function temporaryNumbers(world: World): TemporaryNumbers {
  const byPorted = new Map<string, string>();
  for (const n of world.numbers())
    if (n.temporaryNumber && n.portingNumber) byPorted.set(n.portingNumber, n.number);
  return byPorted;
}

/**
 * A number as `PhoneNumber` describes it. The world marks a temporary number and names the number
 * being ported in (`portingNumber`); the published shape links the pair both ways, so the number
 * being ported is listed too when the world has it, with `temporaryNumber` pointing back.
 */
export function adminPhoneNumber(
  number: PhoneNumberRecord,
  temporaries: TemporaryNumbers,
): AdminApiPhoneNumber {
  const temporaryFor = temporaries.get(number.number) ?? null;
  return {
    phoneNumber: number.number,
    nationalFormattedNumber: nationalFormat(number.number),
    country: number.country,
    category: number.category,
    origin: number.portingNumber || temporaryFor ? "PORTING" : "CLAIMED",
    status: number.status,
    temporaryNumber: temporaryFor,
    portingNumber: number.temporaryNumber ? number.portingNumber : null,
  };
}

/** "(617) 555-0101" for North American numbers; others as they are. */
function nationalFormat(e164: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : e164;
}

export const USER_SELECTORS: Selectors<RenderedUser> = {
  "basicInfo.userId": (u) => u.basicInfo.userId,
  "basicInfo.firstName": (u) => u.basicInfo.firstName ?? null,
  "basicInfo.lastName": (u) => u.basicInfo.lastName ?? null,
  "basicInfo.primaryEmail": (u) => u.basicInfo.primaryEmail ?? null,
  "basicInfo.userName": (u) => u.basicInfo.userName ?? null,
  "basicInfo.status": (u) => u.basicInfo.status ?? null,
  "basicInfo.site.name": (u) => u.basicInfo.site?.name ?? null,
  "basicInfo.site.id": (u) => u.basicInfo.site?.id ?? null,
  "directoryInfo.department": (u) => u.directoryInfo?.department ?? null,
  "serviceInfo.licenses.name": (u) => u.serviceInfo.licenses.map((l) => l.name ?? ""),
  "serviceInfo.licenses.country": (u) => u.serviceInfo.licenses.map((l) => l.country ?? ""),
  "serviceInfo.extensions.extensionNumber": (u) =>
    (u.serviceInfo.extensions ?? []).map((e) => e.extensionNumber ?? ""),
  "serviceInfo.extensions.primaryPhoneNumber": (u) =>
    (u.serviceInfo.extensions ?? []).map((e) => e.primaryPhoneNumber ?? ""),
};

export const PHONE_NUMBER_SELECTORS: Selectors<AdminApiPhoneNumber> = {
  phoneNumber: (n) => n.phoneNumber ?? null,
  country: (n) => n.country ?? null,
  category: (n) => n.category ?? null,
  origin: (n) => n.origin ?? null,
  status: (n) => n.status ?? null,
  temporaryNumber: (n) => n.temporaryNumber ?? null,
  portingNumber: (n) => n.portingNumber ?? null,
};
