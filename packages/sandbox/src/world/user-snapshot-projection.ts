import type { UserSnapshot } from "@sms-doctor/core";
import type { World } from "./world.js";
import type { PhoneNumberRecord, UserRecord } from "./world-types.js";

/** The user as the console shows them, in core's `UserSnapshot` words. */
export function projectUserSnapshot(world: World, user: UserRecord, at: number): UserSnapshot {
  const numbers = world.userNumbers(user);
  const primary = numbers[0];
  // The SMS row that matters: the SMS-enabled number if there is one, else the primary number.
  const smsRow = numbers.find((n) => n.sms.enabled || n.sms.waitingFor !== null) ?? primary;
  return {
    userId: user.id,
    observedAt: new Date(at).toISOString(),
    license: user.licenseName,
    phoneNumber: primary?.number ?? null,
    extensionNumber: user.extensionNumber,
    extensionType: user.extensionType,
    ...(primary ? { numberCategory: categoryOf(primary), numberStatus: statusOf(primary) } : {}),
    sms: smsRow
      ? { number: smsRow.number, enabled: smsRow.sms.enabled, status: smsRow.sms.status }
      : { number: null, enabled: false, status: null },
    source: "console",
    displayName: `${user.firstName} ${user.lastName}`,
    email: user.email,
    site: user.site,
  };
}

function categoryOf(number: PhoneNumberRecord): UserSnapshot["numberCategory"] {
  if (number.virtual) return "virtual";
  return number.category === "TOLL_FREE" ? "toll-free" : "local";
}

function statusOf(number: PhoneNumberRecord): UserSnapshot["numberStatus"] {
  if (number.temporaryNumber) return "temporary";
  if (number.status === "PORTING") return "porting";
  if (number.status === "PRE_PORTING") return "pre-porting";
  return "assigned";
}
