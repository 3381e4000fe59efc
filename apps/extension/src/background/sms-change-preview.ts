/**
 * Before a change on the SMS page is confirmed (the console's confirmation dialog is open): who loses SMS.
 * Deactivating the campaign disables SMS on every number of the company, for good (admin-console.md: "irreversible,
 * disables SMS on every number"; it also stops Group MMS); removing a number disables it on that number. SMS
 * Doctor knows the users this browser has seen: each one whose last visit showed SMS on is listed, and the panel
 * says the list is only as complete as those visits.
 */
import { formatPhoneNumberForPeople, toE164, type UserSnapshot } from "@sms-doctor/core";
import type { SmsPageChange } from "../messaging/message-schemas";
import type { SmsChangePreviewView } from "../messaging/messages";
import type { HistoryStore } from "./history-store";

const nameOf = (snapshot: UserSnapshot): string =>
  snapshot.displayName ?? snapshot.email ?? snapshot.username ?? snapshot.userId;

export async function previewSmsChange(
  history: HistoryStore,
  change: SmsPageChange,
  number: string | null,
  now: string,
): Promise<SmsChangePreviewView> {
  const { users } = await history.export(now);
  const removed = toE164(number) ?? number;
  const known = Object.values(users).flatMap((snapshots) => snapshots.slice(-1));
  const losing = known.filter(
    ({ sms }) =>
      sms?.enabled === true &&
      (change === "deactivate-campaign" ||
        (sms.number !== null && (toE164(sms.number) ?? sms.number) === removed)),
  );
  const shown = removed ? formatPhoneNumberForPeople(removed) : "this number";
  const seen = `SMS Doctor lists the users this browser has seen with SMS on (${known.length} user${known.length === 1 ? "" : "s"} seen)`;
  const deactivating = change === "deactivate-campaign";
  return {
    change,
    summary: deactivating
      ? `SMS Doctor: deactivating the campaign turns SMS off for every number of the company: ${losing.length} user${losing.length === 1 ? "" : "s"} SMS Doctor has seen with SMS on will lose it.`
      : `SMS Doctor: removing ${shown} turns SMS off for it${losing.length ? "; its user loses SMS" : ""}.`,
    items: losing.map((snapshot) => ({
      key: snapshot.userId,
      text: `${nameOf(snapshot)} (${formatPhoneNumberForPeople(snapshot.sms?.number ?? "")})`,
    })),
    notes: deactivating
      ? [
          "Deactivation cannot be undone: the campaign cannot be reactivated. SMS comes back only after a new campaign is registered and VERIFIED by the carriers (days to weeks); Group MMS stops too.",
          `${seen}; others may lose SMS too.`,
        ]
      : [
          `${seen}.`,
          "SMS can be enabled for the number again later; US and Canadian numbers then show Pending while it is verified.",
        ],
  };
}
