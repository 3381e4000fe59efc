import type { World } from "../world/world.js";
import type { PhoneNumberRecord, UserRecord } from "../world/world-types.js";
import type { Selectors } from "./rsql.js";

/** A user as 8x8's Administration API returns it (`application/vnd.users.v1+json`). No SMS state: the API has none. */
export interface AdminApiUser {
  id: string;
  basicInfo: {
    firstName: string;
    lastName: string;
    primaryEmail: string;
    userName: string;
    status: "ACTIVE" | "INACTIVE";
    site: string;
    language: string;
    timeZone: string;
    jobTitle: string;
    department: string;
    createdTime: string;
    lastUpdatedTime: string;
  };
  serviceInfo: { licenses: Array<{ id: string; name: string; country: string }> };
  extensions: Array<{ extensionNumber: string; phoneNumbers: string[]; primaryPhoneNumber: string | null }>;
}

/** A number as `application/vnd.phonenumbers.v1+json` describes it. */
export interface AdminApiPhoneNumber {
  phoneNumber: string;
  country: string;
  category: "LOCAL" | "TOLL_FREE";
  status: "PRE_PORTING" | "PORTING" | "AVAILABLE" | "ASSIGNED";
  temporaryNumber: boolean;
  portingNumber: string | null;
}

export function adminUser(world: World, user: UserRecord): AdminApiUser {
  const country = world.userNumbers(user)[0]?.country ?? world.company.country;
  const license = world.license(user.licenseName, country);
  return {
    id: user.id,
    basicInfo: {
      firstName: user.firstName,
      lastName: user.lastName,
      primaryEmail: user.email,
      userName: user.username,
      status: user.status,
      site: user.site,
      language: user.language,
      timeZone: user.timeZone,
      jobTitle: user.jobTitle,
      department: user.department,
      createdTime: new Date(user.createdAt).toISOString(),
      lastUpdatedTime: new Date(user.updatedAt).toISOString(),
    },
    serviceInfo: {
      licenses: license ? [{ id: license.id, name: license.name, country: license.country }] : [],
    },
    extensions: [
      {
        extensionNumber: user.extensionNumber,
        phoneNumbers: [...user.phoneNumbers],
        primaryPhoneNumber: user.phoneNumbers[0] ?? null,
      },
    ],
  };
}

export function adminPhoneNumber(number: PhoneNumberRecord): AdminApiPhoneNumber {
  return {
    phoneNumber: number.number,
    country: number.country,
    category: number.category,
    status: number.status,
    temporaryNumber: number.temporaryNumber,
    portingNumber: number.portingNumber,
  };
}

export const USER_SELECTORS: Selectors<AdminApiUser> = {
  id: (u) => u.id,
  "basicInfo.firstName": (u) => u.basicInfo.firstName,
  "basicInfo.lastName": (u) => u.basicInfo.lastName,
  "basicInfo.primaryEmail": (u) => u.basicInfo.primaryEmail,
  "basicInfo.userName": (u) => u.basicInfo.userName,
  "basicInfo.status": (u) => u.basicInfo.status,
  "basicInfo.site": (u) => u.basicInfo.site,
  "basicInfo.department": (u) => u.basicInfo.department,
  "serviceInfo.licenses.name": (u) => u.serviceInfo.licenses.map((l) => l.name),
  "serviceInfo.licenses.country": (u) => u.serviceInfo.licenses.map((l) => l.country),
  "extensions.extensionNumber": (u) => u.extensions.map((e) => e.extensionNumber),
  "extensions.phoneNumbers": (u) => u.extensions.flatMap((e) => e.phoneNumbers),
};

export const PHONE_NUMBER_SELECTORS: Selectors<AdminApiPhoneNumber> = {
  phoneNumber: (n) => n.phoneNumber,
  country: (n) => n.country,
  category: (n) => n.category,
  status: (n) => n.status,
  temporaryNumber: (n) => String(n.temporaryNumber),
  portingNumber: (n) => n.portingNumber,
};
