/** Puts core's findings into words (core's formatFinding) and a tracking record into the panel's view. */
import {
  expectedRemaining,
  type Finding,
  type FormattedFinding,
  formatFinding,
  humanDuration,
  isStalled,
  PROVISIONING_STATE_WORDS,
  type ProvisioningRecord,
} from "@sms-doctor/core";
import type { ExplainedFinding, TrackingView } from "../messaging/messages";
import { stepControls } from "./step-controls";

/** A duration in words (core's humanDuration); a wait already over is "any moment now". */
const durationWords = (iso: string): string => {
  const words = humanDuration(iso);
  return words === "no time" ? "any moment now" : words;
};

/** "PT4H" to "PT48H" → "4 hours, at most 48 hours": how long a wait takes, as the panels word it. */
function waitWords(wait: { typical: string; max: string }): string {
  return `${durationWords(wait.typical)}, at most ${durationWords(wait.max)}`;
}

/**
 * A finding in words for the panel. One this version cannot put into words (a newer worker's rule or
 * message: `UnknownFindingError`, or data its template lacks) is shown with what it carries, its rule id and
 * data, rather than failing the whole panel.
 */
export function explainFinding(finding: Finding): ExplainedFinding {
  let words: Pick<FormattedFinding, "title" | "explanation" | "steps"> & {
    article?: FormattedFinding["article"];
  };
  try {
    words = formatFinding(finding);
  } catch {
    const data = Object.entries(finding.data ?? {})
      .map(([key, value]) => `${key}: ${String(value)}`)
      .join("; ");
    words = {
      title: `Finding "${finding.ruleId}" (from a newer SMS Doctor)`,
      explanation: data || "This version of SMS Doctor cannot describe this finding; update the extension.",
      steps: [],
    };
  }
  const explained: ExplainedFinding = {
    ruleId: finding.ruleId,
    certainty: finding.certainty,
    severity: finding.severity,
    title: words.title,
    explanation: words.explanation,
    steps: words.steps,
    actor: finding.resolution.actor,
    evidence: finding.evidence,
    ...(words.article ? { article: words.article } : {}),
  };
  const controls = stepControls(finding);
  if (controls) explained.controls = controls;
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
