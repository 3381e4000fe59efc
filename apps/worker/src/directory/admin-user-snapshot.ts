import {
  type AdminApiPhoneNumber,
  type AdminApiUser,
  boundedSnapshot,
  type UserSnapshot,
} from "@sms-doctor/core";

/** The company's numbers by E.164, as `GET /phone-numbers` lists them. */
export type PhoneNumberDirectory = ReadonlyMap<string, AdminApiPhoneNumber>;

/**
 * A user as the Administration API shows them, in core's words. The API cannot see SMS, so `sms` is
 * null: core then judges the number and license, and compares with earlier snapshots that had SMS.
 */
export function adminUserSnapshot(
  user: AdminApiUser,
  numbers: PhoneNumberDirectory,
  observedAt: string,
): UserSnapshot {
  const extension = user.extensions?.[0];
  const phoneNumber = extension?.primaryPhoneNumber ?? extension?.phoneNumbers?.[0] ?? null;
  const number = phoneNumber ? numbers.get(phoneNumber) : undefined;
  const info = user.basicInfo;
  const displayName = [info?.firstName, info?.lastName].filter(Boolean).join(" ");
  // Names and emails the API allows are longer than a snapshot keeps: cut, so the user is still synced.
  return boundedSnapshot({
    userId: user.id,
    observedAt,
    license: user.serviceInfo?.licenses[0]?.name ?? null,
    phoneNumber,
    ...(extension?.extensionNumber ? { extensionNumber: extension.extensionNumber } : {}),
    extensionType: "user",
    ...(number?.category ? { numberCategory: number.category === "TOLL_FREE" ? "toll-free" : "local" } : {}),
    ...(number ? numberStatusOf(number) : {}),
    sms: null,
    source: "admin-api",
    ...(displayName ? { displayName } : {}),
    ...(info?.primaryEmail ? { email: info.primaryEmail } : {}),
    ...(info?.site ? { site: info.site } : {}),
  });
}

function numberStatusOf(number: AdminApiPhoneNumber): Pick<UserSnapshot, "numberStatus"> {
  if (number.temporaryNumber) return { numberStatus: "temporary" };
  if (number.status === "PORTING") return { numberStatus: "porting" };
  if (number.status === "PRE_PORTING") return { numberStatus: "pre-porting" };
  if (number.status === "ASSIGNED") return { numberStatus: "assigned" };
  return {};
}

/**
 * What a sync compares to decide whether a user changed: everything but the instant it was seen.
 * Key order is fixed by `adminUserSnapshot`, so equal users give equal strings.
 */
export function snapshotFingerprint(snapshot: UserSnapshot): string {
  const { observedAt: _, ...rest } = snapshot;
  return JSON.stringify(rest);
}
