/** "What SMS Doctor read from this page": every value the diagnosis rests on, so an admin can check it. */
import type { UserSnapshot } from "@sms-doctor/core";
import { formatValue } from "./words";

const smsStatusWords: Record<string, string> = {
  enabled: "Enabled",
  pending: "Pending",
  "enabling-failed": "Enabling Failed",
  disabled: "Disabled",
  "disabling-failed": "Disabling Failed",
};

export function ReadFromPage({ snapshot }: { snapshot: UserSnapshot }) {
  const rows: [field: string, label: string, value: string][] = [
    ["license", "License", formatValue(snapshot.license)],
    ["phoneNumber", "Phone Number", formatValue(snapshot.phoneNumber)],
    ["extensionNumber", "Extension number", formatValue(snapshot.extensionNumber)],
    ["smsNumber", "SMS number", formatValue(snapshot.sms?.number)],
    [
      "smsEnabled",
      "SMS switch",
      snapshot.sms ? (snapshot.sms.enabled ? "SMS Enabled" : "SMS Disabled") : "(not shown)",
    ],
    [
      "smsStatus",
      "SMS status",
      snapshot.sms?.status ? (smsStatusWords[snapshot.sms.status] ?? "") : "(blank)",
    ],
  ];
  return (
    <details>
      <summary>What SMS Doctor read from this page</summary>
      <dl>
        {rows.map(([field, label, value]) => [
          <dt key={`${field}-label`}>{label}</dt>,
          <dd key={field} data-field={field}>
            {value}
          </dd>,
        ])}
      </dl>
    </details>
  );
}
