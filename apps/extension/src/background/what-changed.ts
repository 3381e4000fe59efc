/**
 * The worker's shared history as a short list of changes: for each field, every time a source saw a value other
 * than the last one known. A source that cannot see a field (the Administration API cannot see SMS) says nothing
 * about it, so its snapshots never make SMS look switched off.
 */
import type { UserSnapshot } from "@sms-doctor/core";
import type { HistoryChange } from "../messaging/messages";
import { valueForPeople } from "./explain";

const SOURCE_WORDS: Record<HistoryChange["source"], string> = {
  console: "seen in the Admin Console",
  "admin-api": "from the Administration API (directory sync)",
  import: "imported",
};

/** Most changes shown: the panel is a summary, the worker keeps the rest. */
export const MAX_CHANGES = 10;

type Read = (s: UserSnapshot) => string | null | undefined;

const FIELDS: [string, Read][] = [
  ["license", (s) => s.license],
  ["phoneNumber", (s) => s.phoneNumber],
  ["extensionNumber", (s) => s.extensionNumber],
  ["numberCategory", (s) => s.numberCategory],
  ["numberStatus", (s) => s.numberStatus],
  ["smsEnabled", (s) => (s.sms ? (s.sms.enabled ? "on" : "off") : undefined)],
  ["smsNumber", (s) => (s.sms ? s.sms.number : undefined)],
  ["smsStatus", (s) => s.sms?.status],
];

/** Changes in time order (newest last), at most `limit` of the newest. */
export function whatChanged(snapshots: UserSnapshot[], limit = MAX_CHANGES): HistoryChange[] {
  const ordered = [...snapshots].sort((a, b) => Date.parse(a.observedAt) - Date.parse(b.observedAt));
  const known = new Map<string, string | null>();
  const changes: HistoryChange[] = [];
  for (const snapshot of ordered) {
    for (const [field, read] of FIELDS) {
      const value = read(snapshot);
      if (value === undefined) continue;
      if (known.has(field) && known.get(field) !== value) {
        changes.push({
          field,
          before: valueForPeople(field, known.get(field) ?? null),
          after: valueForPeople(field, value),
          at: snapshot.observedAt,
          source: snapshot.source ?? "console",
          sourceWords: SOURCE_WORDS[snapshot.source ?? "console"],
        });
      }
      known.set(field, value);
    }
  }
  return changes.slice(-limit);
}
