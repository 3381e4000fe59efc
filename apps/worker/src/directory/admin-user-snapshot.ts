import {
  type AdminApiExtension,
  type AdminApiPhoneNumber,
  type AdminApiUser,
  boundedSnapshot,
  extensionPhoneNumberOf,
  type UserSnapshot,
  voiceExtensionOf,
  voiceLicenseOf,
} from "@sms-doctor/core";

/**
 * The company's numbers by E.164, as `GET /phone-numbers` lists them, and which of them are temporary
 * numbers a port-in will replace: a record whose `portingNumber` is set, or one another record names
 * as its `temporaryNumber` (phonenumber-api-v1.yaml, `PhoneNumber`; the phone number guide's "PRE_PORTING").
 */
export class PhoneNumberDirectory {
  readonly #records = new Map<string, AdminApiPhoneNumber>();
  readonly #temporary = new Set<string>();

  constructor(records: Iterable<AdminApiPhoneNumber> = []) {
    for (const record of records) this.add(record);
  }

  add(record: AdminApiPhoneNumber): void {
    if (record.phoneNumber) this.#records.set(record.phoneNumber, record);
    if (record.phoneNumber && record.portingNumber) this.#temporary.add(record.phoneNumber);
    if (record.temporaryNumber) this.#temporary.add(record.temporaryNumber);
  }

  get(phoneNumber: string): AdminApiPhoneNumber | undefined {
    return this.#records.get(phoneNumber);
  }

  isTemporary(phoneNumber: string): boolean {
    return this.#temporary.has(phoneNumber);
  }

  get size(): number {
    return this.#records.size;
  }
}

/** Why a user could not be read, by the field at fault. */
export interface UnreadableUser {
  field: string;
  problem: string;
}

/**
 * A user as the Administration API shows them, in core's words, or why they can't be. The API cannot
 * see SMS, so `sms` is null: core then judges the number and license, and compares with earlier
 * snapshots that had SMS.
 */
export function adminUserSnapshot(
  user: AdminApiUser,
  numbers: PhoneNumberDirectory,
  observedAt: string,
): UserSnapshot | UnreadableUser {
  const info = user.basicInfo;
  if (!info.userId) return { field: "basicInfo.userId", problem: "missing; every user has one" };
  const extension = voiceExtensionOf(user.serviceInfo?.extensions);
  const phoneNumber = extensionPhoneNumberOf(extension);
  const record = phoneNumber ? numbers.get(phoneNumber) : undefined;
  const displayName = [info.firstName, info.lastName].filter(Boolean).join(" ");
  const numberStatus = phoneNumber ? numberStatusOf(phoneNumber, extension, record, numbers) : undefined;
  const category =
    record?.category === "TOLL_FREE" ? "toll-free" : record?.category === "LOCAL" ? "local" : undefined;
  // Names and emails the API allows are longer than a snapshot keeps: cut, so the user is still synced.
  return boundedSnapshot({
    userId: info.userId,
    observedAt,
    license: voiceLicenseOf(user.serviceInfo?.licenses, extension)?.name ?? null,
    phoneNumber,
    ...(extension?.extensionNumber ? { extensionNumber: extension.extensionNumber } : {}),
    extensionType: "user",
    ...(category ? { numberCategory: category } : {}),
    ...(numberStatus ? { numberStatus } : {}),
    ...(info.status === "INACTIVE"
      ? { userStatus: "inactive" }
      : info.status === "ACTIVE"
        ? { userStatus: "active" }
        : {}),
    sms: null,
    source: "admin-api",
    ...(displayName ? { displayName } : {}),
    ...(info.primaryEmail ? { email: info.primaryEmail } : {}),
    ...(info.site?.name ? { site: info.site.name } : {}),
  });
}

function numberStatusOf(
  phoneNumber: string,
  extension: AdminApiExtension | undefined,
  record: AdminApiPhoneNumber | undefined,
  numbers: PhoneNumberDirectory,
): UserSnapshot["numberStatus"] {
  const onExtension = extension?.phoneNumbers?.find((n) => n.phoneNumber === phoneNumber);
  if (onExtension?.portingNumber?.phoneNumber || numbers.isTemporary(phoneNumber)) return "temporary";
  if (record?.status === "PORTING") return "porting";
  if (record?.status === "PRE_PORTING") return "pre-porting";
  if (record?.status === "ASSIGNED") return "assigned";
  return undefined;
}

/**
 * What a sync compares to decide whether a user changed: everything but the instant it was seen.
 * Key order is fixed by `adminUserSnapshot`, so equal users give equal strings.
 */
export function snapshotFingerprint(snapshot: UserSnapshot): string {
  const { observedAt: _, ...rest } = snapshot;
  return JSON.stringify(rest);
}
