import type { FindingAlert } from "@sms-doctor/contracts";
import {
  type Finding,
  formatFinding,
  type ProvisioningRecord,
  provisioningFinding,
  supportRequestFor,
  type Verdict,
} from "@sms-doctor/core";
import { directoryKeys } from "../directory/directory-keys.js";
import type { RedisClient } from "../redis/connections.js";
import { LuaScript } from "../redis/scripts.js";
import { DEFAULT_PREFIX } from "../tracking/keys.js";

/** How long the "already alerted" marks live: past it, a number still in the same state is old news anyway. */
const ALERTED_TTL_SECONDS = 90 * 86_400;

/**
 * One alert per (number, finding, state entered at): SET NX of the mark, then the alert on the findings stream
 * (`GET /v1/findings`) and in the webhook outbox, all or nothing. Checks of a stalled number every six hours
 * call this each time and only the first writes; a check lost between its commit and this call is made good by
 * the next check of the same record. Why not inside the commit script: the alert depends on the record after the
 * check, and the commit script's keys are the tracker's; a mark keeps the two independent and still once.
 * KEYS: mark, findings stream, webhook outbox  ARGV: ttl seconds, stream max length, alert JSON
 * → 1 written, 0 already there
 */
const alertOnceScript = new LuaScript(
  "alert-once",
  `
if not redis.call('SET', KEYS[1], '1', 'EX', ARGV[1], 'NX') then return 0 end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'alert', ARGV[3])
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[2], '*', 'event', ARGV[3])
return 1
`,
);

export interface NumberAlertOptions {
  redis: RedisClient;
  tenant: string;
  record: ProvisioningRecord;
  userId?: string | undefined;
  /** ISO instant the alert is detected at (the tracker's clock). */
  now: string;
  prefix?: string;
  streamMaxLen?: number;
  /** The finding to alert on, with the user's verdict; by default the record's own (`provisioningFinding`). */
  finding?: Finding;
  verdict?: Verdict;
}

/**
 * Raises the alert a tracked number's record calls for (stalled, needs a person, failed; or a finding given,
 * such as `sms-sync-issue`), once: returns the alert when it was written now, undefined otherwise.
 */
export async function alertOnce(options: NumberAlertOptions): Promise<FindingAlert | undefined> {
  const { redis, tenant, record, now } = options;
  const finding = options.finding ?? provisioningFinding(record, now);
  if (!finding) return undefined;
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const keys = directoryKeys(tenant, prefix);
  const digits = record.number.replace(/^\+/, "");
  // Keyed on the state entered at: the same stall is one alert; a new stall after progress is another.
  const episode = `${finding.ruleId}.${finding.messageId}.${Date.parse(record.since)}`;
  const formatted = formatFinding(finding);
  const alert: FindingAlert = {
    id: `${tenant}.${digits}.${episode}`,
    type: "finding.new",
    tenant,
    ...(options.userId ? { userId: options.userId } : {}),
    number: record.number,
    detectedAt: now,
    // Without a user's snapshot: a blocking finding means the number cannot send; a stall is still pending.
    verdict: options.verdict ?? (finding.severity === "blocking" ? "cannot-send" : "pending"),
    finding,
    title: formatted.title,
    explanation: formatted.explanation,
    steps: formatted.steps,
    supportRequest: supportRequestFor(record, now, { outOfSync: finding.ruleId === "sms-sync-issue" }),
  };
  const written = await alertOnceScript.run(
    redis,
    [`${prefix}:t:${tenant}:alerted:${digits}:${episode}`, keys.findings, keys.webhookOutbox],
    [ALERTED_TTL_SECONDS, options.streamMaxLen ?? 100_000, JSON.stringify(alert)],
  );
  return written === 1 ? alert : undefined;
}
