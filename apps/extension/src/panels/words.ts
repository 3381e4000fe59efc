/** The words the panels use for core's values. Plain English, as an administrator would say them. */
import type { Actor, Certainty, Verdict } from "@sms-doctor/core";

export const verdictWords: Record<Verdict, string> = {
  "can-send": "This user can send SMS",
  "cannot-send": "This user can't send SMS",
  pending: "SMS is waiting for carrier approval",
  unknown: "SMS Doctor can't tell yet whether this user can send SMS",
};

export type Tone = "good" | "bad" | "wait" | "unknown";
export const verdictTone: Record<Verdict, Tone> = {
  "can-send": "good",
  "cannot-send": "bad",
  pending: "wait",
  unknown: "unknown",
};

export const certaintyWords: Record<Certainty, string> = {
  confirmed: "Confirmed",
  likely: "Likely",
  possible: "Possible",
};

export const actorWords: Record<Actor, string> = {
  admin: "An administrator",
  user: "The user",
  carrier: "The carriers",
  support: "8x8 Support",
};

/** Field names used in evidence and snapshots, as the console labels them. */
export const fieldWords: Record<string, string> = {
  license: "License",
  phoneNumber: "Phone Number",
  extensionNumber: "Extension number",
  smsNumber: "SMS number",
  smsEnabled: "SMS switch",
  smsStatus: "SMS status",
  numberCategory: "Number category",
  numberStatus: "Number status",
  "campaign.status": "Campaign status",
  "brand.status": "Brand status",
};

/** An instant in the admin's locale, e.g. "May 3, 2026, 2:15 PM". */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function formatValue(value: string | boolean | null | undefined): string {
  if (value === null || value === undefined || value === "") return "(none)";
  if (typeof value === "boolean") return value ? "on" : "off";
  return value;
}
