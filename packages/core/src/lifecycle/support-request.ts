import { humanDuration } from "../human-duration.js";
import type { ProvisioningRecord } from "../schemas/provisioning-record.js";
import { CONSOLE_PROVIDER, NUMBER_VERIFICATION_WAIT } from "./number-verification.js";
import { trackingStartedAt } from "./schedule.js";
import { toDuration } from "./time.js";

/** A message an administrator can send to 8x8 support as it is: who to, a subject and a plain-text body. */
export interface SupportRequest {
  to: string;
  subject: string;
  body: string;
}

const SUPPORT = "8x8 support";

/**
 * The support request for a number whose provisioning stalled, needs a person or failed: the number, since
 * when, what was seen and what was tried, from its tracking record alone (pure; `now` is the caller's).
 * 8x8 asks for the number and what was done; the transitions are the record of it.
 */
export function supportRequestFor(
  record: ProvisioningRecord,
  now: string,
  options: { outOfSync?: boolean } = {},
): SupportRequest {
  const started = trackingStartedAt(record);
  const waited = humanDuration(toDuration(Math.max(0, Date.parse(now) - started)));
  const source =
    record.provider === undefined || record.provider === CONSOLE_PROVIDER
      ? "the Admin Console's SMS status"
      : `the carrier's API (${record.provider})`;
  const problem = options.outOfSync
    ? `is shown in the Admin Console other than the carrier shows it (carrier: ${record.state})`
    : record.state === "STALLED"
      ? `has been waiting for carrier provisioning for ${waited}, longer than the ${humanDuration(toDuration(NUMBER_VERIFICATION_WAIT.max))} 8x8 states as the maximum`
      : record.state === "FAILED"
        ? "failed carrier provisioning for good"
        : "was rejected during carrier provisioning";
  const resubmissions = record.transitions.filter(
    (t) => t.from === "ACTION_REQUIRED" && t.to.startsWith("AWAITING_"),
  ).length;
  const lines = [
    "Hello 8x8 support,",
    "",
    `SMS for ${record.number} ${problem}. Please check the number's campaign assignment with the carriers.`,
    "",
    `Number: ${record.number}`,
    `SMS enabled: ${new Date(started).toISOString()}`,
    `Status: ${record.state} since ${record.since}${record.stage ? ` (waiting on the ${record.stage})` : ""}`,
  ];
  if (record.reasons?.length) lines.push(`Reasons given: ${record.reasons.join(", ")}`);
  if (record.raw)
    lines.push(`Last status seen: ${record.raw.provider} ${record.raw.entity} ${record.raw.value}`);
  lines.push("", "What happened:");
  if (record.transitions.length === 0) lines.push(`- ${record.since}: no change since SMS was enabled`);
  for (const t of record.transitions) lines.push(`- ${t.at}: ${t.from} -> ${t.to} (${t.cause})`);
  lines.push(
    "",
    "What was tried:",
    `- Followed by SMS Doctor through ${source}${record.lastCheckedAt ? `, last checked ${record.lastCheckedAt}` : ""}.`,
    resubmissions > 0
      ? `- Resubmitted ${resubmissions} time(s) after a rejection.`
      : "- No resubmission yet.",
  );
  return {
    to: SUPPORT,
    subject: `SMS not provisioned for ${record.number} (${record.state})`,
    body: lines.join("\n"),
  };
}
