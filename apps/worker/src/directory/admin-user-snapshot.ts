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

/** What the judgement of a user's number reads from the number's record. */
export type JudgedNumber = Pick<AdminApiPhoneNumber, "phoneNumber" | "category" | "status">;

/**
 * The company's numbers by E.164, as `GET /phone-numbers` lists them, and which of them are temporary
 * numbers a port-in will replace: a record whose `portingNumber` is set, or one another record names
 * as its `temporaryNumber` (phonenumber-api-v1.yaml, `PhoneNumber`; the phone number guide's "PRE_PORTING").
 *
 * Held compact: a number in E.164 with a published category and status is a byte in a hash table of
 * typed arrays, not a record in a Map. Measured (bench/audit.bench.ts): the audit of a 1 000 000-user
 * export holds its 1 100 000 numbers between its two passes; as records in a Map they took 173 MB of
 * heap (16 MB at 100 000 users), the most of anything it kept, and memory grew with the file.
 */
export class PhoneNumberDirectory {
  readonly #compact = new E164Table();
  #compactRecords = 0;
  /** The rest, as given: numbers not in E.164, categories or statuses 8x8 does not publish. Few. */
  readonly #records = new Map<string, JudgedNumber>();
  readonly #temporary = new Set<string>();

  constructor(records: Iterable<AdminApiPhoneNumber> = []) {
    for (const record of records) this.add(record);
  }

  add(record: AdminApiPhoneNumber): void {
    const { phoneNumber, category, status } = record;
    if (phoneNumber) {
      const key = e164Key(phoneNumber);
      const facts = key ? factsOf(record) : -1;
      const before = key ? this.#compact.get(key) : 0;
      if (facts >= 0) {
        if (!(before & RECORD)) this.#compactRecords++;
        this.#compact.set(key, (before & TEMPORARY) | RECORD | facts);
        this.#records.delete(phoneNumber);
      } else {
        if (before & RECORD) {
          this.#compact.set(key, before & TEMPORARY);
          this.#compactRecords--;
        }
        this.#records.set(phoneNumber, { phoneNumber, category, status });
      }
      if (record.portingNumber) this.#markTemporary(phoneNumber);
    }
    if (record.temporaryNumber) this.#markTemporary(record.temporaryNumber);
  }

  get(phoneNumber: string): JudgedNumber | undefined {
    const key = e164Key(phoneNumber);
    const facts = key ? this.#compact.get(key) : 0;
    if (!(facts & RECORD)) return this.#records.get(phoneNumber);
    return {
      phoneNumber,
      category: CATEGORIES[(facts >> 2) & 3],
      status: STATUSES[(facts >> 4) & 7],
    };
  }

  isTemporary(phoneNumber: string): boolean {
    const key = e164Key(phoneNumber);
    return key ? (this.#compact.get(key) & TEMPORARY) !== 0 : this.#temporary.has(phoneNumber);
  }

  get size(): number {
    return this.#compactRecords + this.#records.size;
  }

  #markTemporary(phoneNumber: string): void {
    const key = e164Key(phoneNumber);
    if (key) this.#compact.set(key, this.#compact.get(key) | TEMPORARY);
    else this.#temporary.add(phoneNumber);
  }
}

/** A number's byte: bit 0 the directory has its record, bit 1 it is temporary, then its category and status. */
const RECORD = 1;
const TEMPORARY = 2;
/** The values phonenumber-api-v1.yaml publishes, by code (0: none given). */
const CATEGORIES = [null, "LOCAL", "TOLL_FREE"] as const;
const STATUSES = [null, "PRE_PORTING", "PORTING", "AVAILABLE", "ASSIGNED"] as const;

/** The record's category and status as bits 2-3 and 4-6, or -1 when one of them is not published. */
function factsOf(record: AdminApiPhoneNumber): number {
  const category = CATEGORIES.indexOf((record.category ?? null) as (typeof CATEGORIES)[number]);
  const status = STATUSES.indexOf((record.status ?? null) as (typeof STATUSES)[number]);
  return category < 0 || status < 0 ? -1 : (category << 2) | (status << 4);
}

/** E.164 (+, then up to 15 digits, no leading 0) as the number its digits make: exact in a double; else 0. */
function e164Key(phoneNumber: string): number {
  return /^\+[1-9]\d{0,14}$/.test(phoneNumber) ? Number(phoneNumber.slice(1)) : 0;
}

/** Bytes by E.164 key, in open addressing with linear probing over typed arrays; 0 means absent. */
class E164Table {
  #keys = new Float64Array(1024);
  #values = new Uint8Array(1024);
  #used = 0;

  get(key: number): number {
    return this.#values[this.#slot(key)]!;
  }

  set(key: number, value: number): void {
    const slot = this.#slot(key);
    if (this.#keys[slot] === 0) {
      this.#keys[slot] = key;
      // Grown past 70% full, probes get long: double.
      if (++this.#used > this.#keys.length * 0.7) {
        this.#values[slot] = value;
        this.#grow();
        return;
      }
    }
    this.#values[slot] = value;
  }

  /** Where `key` is, or the empty slot where it would go. */
  #slot(key: number): number {
    const mask = this.#keys.length - 1;
    const low = key % 4294967296;
    let slot = Math.imul(low ^ Math.imul((key - low) / 4294967296, 0x27d4eb2d), 0x9e3779b1);
    slot = (slot ^ (slot >>> 15)) & mask;
    while (this.#keys[slot] !== 0 && this.#keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  #grow(): void {
    const [keys, values] = [this.#keys, this.#values];
    this.#keys = new Float64Array(keys.length * 2);
    this.#values = new Uint8Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++)
      if (keys[i] !== 0) {
        const slot = this.#slot(keys[i]!);
        this.#keys[slot] = keys[i]!;
        this.#values[slot] = values[i]!;
      }
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
  record: JudgedNumber | undefined,
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
