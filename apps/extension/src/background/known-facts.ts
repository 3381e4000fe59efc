/**
 * Some facts decide a diagnosis but never appear on the console's user page: whether the extension is a user or
 * a call queue, and whether the number is virtual, toll-free or still porting. Other sources do report them
 * (8x8's Administration API, an imported history). A console reading keeps the last such fact known for the same
 * user (extension type) or the same number (category and status); nothing is invented when none is known.
 */
import { toE164, type UserSnapshot } from "@sms-doctor/core";

const newestFirst = (history: UserSnapshot[]) =>
  [...history].sort((a, b) => Date.parse(b.observedAt) - Date.parse(a.observedAt));

export function withKnownFacts(current: UserSnapshot, history: UserSnapshot[]): UserSnapshot {
  const known = newestFirst(history).filter((snapshot) => snapshot.userId === current.userId);
  const enriched: UserSnapshot = { ...current };
  if (!enriched.extensionType) {
    const extensionType = known.find((snapshot) => snapshot.extensionType)?.extensionType;
    if (extensionType) enriched.extensionType = extensionType;
  }
  const number = toE164(current.phoneNumber);
  if (number) {
    const sameNumber = known.filter((snapshot) => toE164(snapshot.phoneNumber) === number);
    if (!enriched.numberCategory) {
      const numberCategory = sameNumber.find((snapshot) => snapshot.numberCategory)?.numberCategory;
      if (numberCategory) enriched.numberCategory = numberCategory;
    }
    if (!enriched.numberStatus) {
      const numberStatus = sameNumber.find((snapshot) => snapshot.numberStatus)?.numberStatus;
      if (numberStatus) enriched.numberStatus = numberStatus;
    }
  }
  return enriched;
}
