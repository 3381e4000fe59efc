import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import { Situation } from "../facts/situation.js";
import { humanDuration } from "../human-duration.js";
import {
  CONSOLE_PROVIDER,
  RESYNC_INTERRUPTION,
  RESYNC_REACHES_CARRIERS_WITHIN,
  SYNC_ISSUE_THRESHOLD,
} from "../lifecycle/number-verification.js";
import { HOUR, toDuration } from "../lifecycle/time.js";
import type { ProvisioningRecord } from "../schemas/provisioning-record.js";
import { finding, fixedResolution, fixedSteps, NONE, smsStatusEvidence } from "./resolutions.js";
import { ARTICLE_SYNC_ISSUE, articleUrl, type Rule, type RuleMeta } from "./rule.js";

/*
 * 8x8's article (https://support-portal.8x8.com/viewArticle.html?c=1_40_42_77_7551_&d=242f71bc-b7a4-45fb-b7db-1c552e0730c4):
 * some numbers show as approved in Admin Console without being associated with the campaign in the
 * backend; the fix is to re-associate them by disabling SMS for the number, Save, enabling it, Save; up to
 * 24 hours for the carriers; SMS may stop for up to a couple of hours meanwhile, so do it at a quiet time.
 */
const meta: RuleMeta = {
  id: "sms-sync-issue",
  title: "The console and the carrier disagree about the number",
  description:
    "The console shows SMS Enabled for a number its carrier says is not assigned to the campaign, or the carrier has had it assigned for a long time while the console still does not show it Enabled: 8x8's Assigned Phone Numbers Sync Issue.",
  severity: "blocking",
  regions: ["US", "CA"],
  docs: { article: ARTICLE_SYNC_ISSUE, url: articleUrl(ARTICLE_SYNC_ISSUE) },
  messages: {
    enabledButUnassigned:
      "The console shows SMS Enabled for {{number}}, but {{provider}} says the number is not assigned to the campaign ({{carrierStatus}}): 8x8's records and the carriers' are out of sync, and SMS to or from it can fail.",
    assignedButNotEnabled:
      "The carrier ({{provider}}) has had {{number}} assigned to the campaign for {{elapsed}}, but the console still shows {{consoleStatus}}: 8x8's records and the carriers' are out of sync.",
    quietTime: `Pick a quiet time: while the number is re-sent to the carriers SMS can stop for up to ${humanDuration(toDuration(RESYNC_INTERRUPTION))} (the status shows Pending).`,
    disable: "Open the user's SMS enabled numbers, turn the switch to SMS Disabled and Save.",
    enable: "Turn the switch back to SMS Enabled and Save.",
    waitForCarriers: `Allow up to ${RESYNC_REACHES_CARRIERS_WITHIN / HOUR} hours for the change to reach the carriers.`,
    contactSupport:
      "If the number is still out of sync after that, contact 8x8 support with the number and this diagnosis.",
  },
  needsCarrierRecord: true,
  notes: [
    `The disagreement needs a provisioning record from a carrier (the worker tracking the number through Telnyx, Twilio, Bandwidth or Sinch), not one fed by the console itself. Enabled in the console while the carrier has not assigned the number fires at once; the reverse fires once the carrier has had it assigned for longer than ${SYNC_ISSUE_THRESHOLD / HOUR} hours (\`SYNC_ISSUE_THRESHOLD\`): 8x8 says changes take up to that long to reach the carriers, so past it the console is not late but out of sync.`,
  ],
};

const RESYNC = fixedResolution({
  steps: fixedSteps("quietTime", "disable", "enable", "waitForCarriers", "contactSupport"),
  actor: "admin",
  expectedDelay: {
    typical: toDuration(RESYNC_INTERRUPTION),
    // 8x8 states it in hours ("up to 24 hours"), as the verification wait is.
    max: `PT${RESYNC_REACHES_CARRIERS_WITHIN / HOUR}H`,
  },
});

export const smsSyncIssue: Rule = {
  meta,
  triggers: Situation.Enabled | Situation.Pending | Situation.EnablingFailed,
  evaluate(facts: DiagnosisFacts) {
    const record = facts.provisioning;
    if (!record || !fromCarrier(record) || !facts.usCa) return NONE;
    const { current } = facts;
    const number = current.smsNumber ?? current.phoneNumber ?? "the number";
    const provider = record.provider!;
    const evidence = [smsStatusEvidence(facts), carrierEvidence(record)];
    if (current.smsStatus === "enabled") {
      if (!carrierSaysUnassigned(record)) return NONE;
      const carrierStatus = record.raw?.value ?? record.state;
      return [
        finding(
          meta,
          "confirmed",
          "enabledButUnassigned",
          { number, provider, carrierStatus },
          evidence,
          RESYNC,
        ),
      ];
    }
    // Pending with the switch off is a disable in progress, not a number waiting to be enabled.
    const waiting =
      (current.smsStatus === "pending" && current.smsOn) || current.smsStatus === "enabling-failed";
    if (!waiting || record.state !== "ACTIVE") return NONE;
    const elapsed = facts.now - Date.parse(record.since);
    if (elapsed <= SYNC_ISSUE_THRESHOLD) return NONE;
    const consoleStatus = current.smsStatus === "pending" ? "Pending" : "Enabling Failed";
    return [
      finding(
        meta,
        "confirmed",
        "assignedButNotEnabled",
        { number, provider, elapsed: toDuration(elapsed), consoleStatus },
        evidence,
        RESYNC,
        "warning",
      ),
    ];
  },
};

/** The record follows a carrier's API, not what consoles show, and a check has been made. */
function fromCarrier(record: ProvisioningRecord): boolean {
  return (
    record.provider !== undefined &&
    record.provider !== CONSOLE_PROVIDER &&
    record.lastCheckedAt !== undefined
  );
}

/**
 * The carrier does not have the number assigned to the campaign: still waiting, rejected, stuck or failed,
 * or unassigned by the carrier (a CANCELLED record the carrier's own words ended; one cancelled through
 * the API has no say here). Live and suspended numbers are assigned.
 */
export function carrierSaysUnassigned(record: ProvisioningRecord): boolean {
  if (record.state === "ACTIVE" || record.state === "SUSPENDED") return false;
  if (record.state === "CANCELLED") return record.raw !== undefined;
  return true;
}

function carrierEvidence(record: ProvisioningRecord) {
  return {
    field: "carrierStatus",
    after: record.raw ? `${record.raw.provider} ${record.raw.entity} ${record.raw.value}` : record.state,
    observedAt: record.lastObservedAt ?? record.lastCheckedAt!,
  };
}
