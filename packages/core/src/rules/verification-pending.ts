import { type DiagnosisFacts, sameNumber } from "../facts/diagnosis-facts.js";
import { Situation } from "../facts/situation.js";
import { humanDuration } from "../human-duration.js";
import { NUMBER_VERIFICATION_DELAY, NUMBER_VERIFICATION_WAIT } from "../lifecycle/number-verification.js";
import { expectedRemaining, isStalled, trackingStartedAt } from "../lifecycle/schedule.js";
import { toDuration } from "../lifecycle/time.js";
import type { Evidence, Finding } from "../schemas/diagnosis.js";
import type { ProvisioningRecord } from "../schemas/provisioning-record.js";
import { finding, fixedResolution, fixedSteps, NONE, smsStatusEvidence } from "./resolutions.js";
import { ARTICLE_SYNC_ISSUE, articleUrl, type Rule, type RuleMeta } from "./rule.js";

const meta: RuleMeta = {
  id: "verification-pending",
  title: "The number is waiting for carrier verification",
  description: `After SMS is enabled, US/Canadian numbers show Pending while parties outside 8x8 verify and provision them (up to ${humanDuration(NUMBER_VERIFICATION_DELAY.max)}).`,
  severity: "warning",
  regions: "all",
  docs: { article: ARTICLE_SYNC_ISSUE, url: articleUrl(ARTICLE_SYNC_ISSUE) },
  messages: {
    pending:
      "SMS for {{number}} has been Pending for {{elapsed}} while carriers verify and provision it. This usually takes {{typical}} and can take up to {{max}}.",
    stalled:
      "SMS for {{number}} has been Pending for {{elapsed}}, longer than the {{max}} provisioning normally takes: it looks stuck.",
    actionRequired: "Carrier provisioning of {{number}} was rejected and needs a person: {{reasons}}.",
    failed: "Carrier provisioning of {{number}} failed for good: {{reasons}}.",
    liveButPending:
      "The carriers report {{number}} as provisioned, but the console still shows Pending; it should turn Enabled soon.",
    waitForCarriers: "Nothing to do yet: wait for the carriers. SMS Doctor keeps checking.",
    resync:
      "Disable SMS for the number, Save, then enable it again and Save: this re-sends it to the carriers (up to 24 hours to reach them).",
    swapNumber:
      "If that does not help, change the user's number to another one, Save, wait 30 seconds, change it back and Save.",
    contactSupport:
      "If it is still Pending after that, contact 8x8 support with the number and this diagnosis.",
    fixRejection:
      "Fix what the carriers rejected (see Admin Console > SMS for the registration errors), then re-enable SMS.",
    waitForConsole: "Reload the user's page in a few minutes.",
  },
};

const DEFAULT_WAIT = NUMBER_VERIFICATION_WAIT;
const TYPICAL = toDuration(DEFAULT_WAIT.typical);
const MAX = toDuration(DEFAULT_WAIT.max);

const CONTACT_SUPPORT = fixedResolution({ steps: fixedSteps("contactSupport"), actor: "support" });
const FIX_REJECTION = fixedResolution({ steps: fixedSteps("fixRejection"), actor: "admin" });
const WAIT_FOR_CONSOLE = fixedResolution({ steps: fixedSteps("waitForConsole"), actor: "carrier" });
const RESYNC = fixedResolution({
  steps: fixedSteps("resync", "swapNumber", "contactSupport"),
  actor: "admin",
  expectedDelay: { typical: "PT4H", max: "PT24H" },
});
const WAIT_FOR_CARRIERS = fixedSteps("waitForCarriers");

export const verificationPending: Rule = {
  meta,
  triggers: Situation.Pending,
  evaluate(facts: DiagnosisFacts) {
    const { current, provisioning } = facts;
    // Pending with the switch off is a disable in progress, not a verification.
    if (current.smsStatus !== "pending" || !current.smsOn) return NONE;
    const number = current.smsNumber ?? current.phoneNumber ?? "the number";
    const evidence = [smsStatusEvidence(facts)];
    if (provisioning && isRejectedOrFailed(provisioning))
      return [rejectedOrFailed(provisioning, number, evidence)];
    if (provisioning?.state === "ACTIVE") {
      return [finding(meta, "likely", "liveButPending", { number }, evidence, WAIT_FOR_CONSOLE, "info")];
    }
    const pendingSince = pendingSinceOf(facts);
    const elapsedMs = Math.max(0, facts.now - pendingSince);
    const stalled =
      elapsedMs > DEFAULT_WAIT.max ||
      provisioning?.state === "STALLED" ||
      (provisioning !== undefined && isStalled(provisioning, facts.input.now));
    const data = { number, elapsed: toDuration(elapsedMs), typical: TYPICAL, max: MAX, stalled };
    if (stalled) {
      return [finding(meta, "confirmed", "stalled", data, evidence, RESYNC)];
    }
    const remaining = provisioning ? expectedRemaining(provisioning, facts.input.now) : undefined;
    const typical = remaining?.typical ?? toDuration(DEFAULT_WAIT.typical - elapsedMs);
    const max = remaining?.max ?? toDuration(DEFAULT_WAIT.max - elapsedMs);
    const resolution = {
      steps: WAIT_FOR_CARRIERS,
      actor: "carrier" as const,
      expectedDelay: { typical, max },
    };
    return [finding(meta, "confirmed", "pending", data, evidence, resolution)];
  },
};

/** When the number went Pending: the start of the run of Pending snapshots, or when tracking began. */
function pendingSinceOf(facts: DiagnosisFacts): number {
  const { current, earlier } = facts;
  const number = current.snapshot.sms?.number ?? null;
  let since = current.at;
  for (let i = earlier.length - 1; i >= 0; i--) {
    const s = earlier[i]!;
    if (s.smsStatus !== "pending" || !sameNumber(s.snapshot.sms?.number ?? null, number)) break;
    since = s.at;
  }
  const record = facts.provisioning;
  if (record) {
    const started = trackingStartedAt(record);
    if (started < since) since = started;
  }
  return since;
}

/**
 * The finding a tracked number's own record calls for, without any user's snapshot: what the worker alerts
 * on between observations (a stall past the number's threshold, a rejection, a failure), in this rule's
 * words. Undefined while the number is on its way or live.
 */
export function provisioningFinding(record: ProvisioningRecord, now: string): Finding | undefined {
  const number = record.number;
  const evidence = [{ field: "provisioningState", after: record.state, observedAt: record.since }];
  if (isRejectedOrFailed(record)) return rejectedOrFailed(record, number, evidence);
  if (record.state !== "STALLED") return undefined;
  const elapsed = toDuration(Math.max(0, Date.parse(now) - trackingStartedAt(record)));
  return finding(
    meta,
    "confirmed",
    "stalled",
    { number, elapsed, typical: TYPICAL, max: MAX, stalled: true },
    evidence,
    RESYNC,
  );
}

function isRejectedOrFailed(record: ProvisioningRecord): boolean {
  return record.state === "FAILED" || record.state === "ACTION_REQUIRED";
}

/** A number the carriers rejected (the admin fixes what they name) or failed for good (support takes it). */
function rejectedOrFailed(record: ProvisioningRecord, number: string, evidence: Evidence[]): Finding {
  const reasons = record.reasons?.join(", ") || "no reason given";
  const final = record.state === "FAILED";
  return finding(
    meta,
    "confirmed",
    final ? "failed" : "actionRequired",
    { number, reasons },
    evidence,
    final ? CONTACT_SUPPORT : FIX_REJECTION,
    "blocking",
  );
}
