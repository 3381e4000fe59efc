/** Puts core's findings into words (core's formatFinding) and a tracking record into the panel's view. */
import {
  expectedRemaining,
  type Finding,
  formatFinding,
  isStalled,
  PROVISIONING_STATE_WORDS,
  type ProvisioningRecord,
} from "@sms-doctor/core";
import type { ExplainedFinding, TrackingView } from "../messaging/messages";
import { waitWords } from "../panels/words";

export function explainFinding(finding: Finding): ExplainedFinding {
  const words = formatFinding(finding);
  const explained: ExplainedFinding = {
    ruleId: finding.ruleId,
    certainty: finding.certainty,
    severity: finding.severity,
    title: words.title,
    explanation: words.explanation,
    steps: words.steps,
    actor: finding.resolution.actor,
    evidence: finding.evidence,
    article: words.article,
  };
  if (finding.resolution.expectedDelay) {
    explained.expectedDelay = finding.resolution.expectedDelay;
    explained.expectedWait = waitWords(finding.resolution.expectedDelay);
  }
  return explained;
}

export function trackingView(record: ProvisioningRecord, now: string): TrackingView {
  const view: TrackingView = {
    number: record.number,
    state: record.state,
    stateWords: PROVISIONING_STATE_WORDS[record.state],
    since: record.since,
    stalled: isStalled(record, now),
  };
  if (record.lastCheckedAt) view.lastCheckedAt = record.lastCheckedAt;
  if (record.nextCheckAt) view.nextCheckAt = record.nextCheckAt;
  const remaining = expectedRemaining(record, now);
  if (remaining) {
    view.expectedRemaining = remaining;
    view.expectedRemainingWords = waitWords(remaining);
  }
  return view;
}
