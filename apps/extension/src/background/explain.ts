/** Puts core's findings into words (core's formatFinding) and a tracking record into the panel's view. */

import type { TrackedNumber } from "@sms-doctor/contracts";
import {
  causeOf,
  type Diagnosis,
  type Evidence,
  type Finding,
  type FormattedFinding,
  formatCause,
  formatFinding,
  formatPhoneNumberForPeople,
  humanDuration,
  lastSeenOnConsole,
  PROVISIONING_STATE_WORDS,
  toDuration,
} from "@sms-doctor/core";
import type { CauseHeading, ExplainedFinding, TrackingView, WarningView } from "../messaging/messages";
import { stepControls } from "./step-controls";

/** Evidence and history fields that hold a phone number. */
const PHONE_FIELDS = new Set(["phoneNumber", "smsNumber", "sms.number"]);

/**
 * A value as a person reads it: a phone number the way the console shows it for its country (core's
 * formatPhoneNumberForPeople), anything else as it is. Only for text; data-* attributes keep E.164.
 */
export function valueForPeople<T extends string | null | undefined>(field: string, value: T): T | string {
  return value && PHONE_FIELDS.has(field) ? formatPhoneNumberForPeople(value) : value;
}

const evidenceForPeople = (evidence: Evidence): Evidence => ({
  ...evidence,
  ...(evidence.before != null ? { before: valueForPeople(evidence.field, evidence.before) } : {}),
  ...(evidence.after != null ? { after: valueForPeople(evidence.field, evidence.after) } : {}),
});

/**
 * What a diagnosis names as its cause, for the popup's groups (core's formatCause): the top cause's title, or
 * "the cause can't be told" when it is only possible; undefined when nothing was found. A finding this version
 * can't word (a newer worker's) is named by `fallback`, else its rule id.
 */
export function causeTitle(diagnosis: Diagnosis, fallback?: string): string | undefined {
  const cause = causeOf(diagnosis);
  if (cause.kind === "none") return undefined;
  try {
    return formatCause(cause).heading;
  } catch {
    return fallback ?? (cause.kind === "established" ? cause.finding.ruleId : undefined);
  }
}

/** Findings below this heading are causes; possible ones are never shown as the cause (core's causeOf). */
export const FINDINGS_HEADING = "What SMS Doctor found, most important first";

/**
 * What heads the panel's findings: when the top finding is only a possible cause, core's "the cause can't be
 * told" heading with the candidates and what would tell them apart, so no candidate reads as the cause.
 */
export function causeHeading(diagnosis: Diagnosis): CauseHeading {
  const cause = causeOf(diagnosis);
  if (cause.kind !== "undetermined") return { heading: FINDINGS_HEADING, tellApart: [] };
  const words = formatCause(cause);
  return {
    heading: words.heading,
    explanation: [words.explanation, ...words.tellApart].join(" "),
    tellApart: words.tellApart,
  };
}

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
    evidence: finding.evidence.map(evidenceForPeople),
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

/**
 * The worker's view of a tracked number in the panel's words. Stalled and the time remaining are the worker's
 * (its tracking service computes them once, with core's lifecycle): the background only words them.
 */
export function trackingView(record: TrackedNumber): TrackingView {
  const view: TrackingView = {
    number: record.number,
    numberForPeople: formatPhoneNumberForPeople(record.number),
    state: record.state,
    stateWords: PROVISIONING_STATE_WORDS[record.state],
    since: record.since,
    stalled: record.stalled,
  };
  if (record.lastCheckedAt) view.lastCheckedAt = record.lastCheckedAt;
  if (record.nextCheckAt) view.nextCheckAt = record.nextCheckAt;
  if (record.carrierReadiness) view.carrierReadiness = record.carrierReadiness;
  const remaining = record.expectedRemaining;
  if (remaining) {
    view.expectedRemaining = remaining;
    view.expectedRemainingWords = waitWords(remaining);
  }
  return view;
}

const HOUR_MS = 3_600_000;

/**
 * The numbers the worker would like re-read (its views said `wantsReRead`), as the SMS page panel lists them:
 * how long no console has shown each (whole hours, core's humanDuration) and what to open. The SMS page posts its
 * list of numbers to the worker as it is read; a number it doesn't list is seen on its user's page. Undefined when none.
 */
export function numbersToReRead(records: TrackedNumber[], now: string): WarningView | undefined {
  if (records.length === 0) return undefined;
  return {
    summary: "Numbers to re-read",
    items: records.map((record) => {
      const unseen = Math.floor((Date.parse(now) - Date.parse(lastSeenOnConsole(record))) / HOUR_MS);
      const whose = record.userId ? `the page of user ${record.userId}` : "the page of the user who has it";
      return {
        key: record.number,
        text: `${formatPhoneNumberForPeople(record.number)}: not seen on a console for ${humanDuration(toDuration(Math.max(1, unseen) * HOUR_MS))}. Open ${whose} so SMS Doctor shows the worker where it stands.`,
      };
    }),
    notes: [
      "The worker follows these numbers only through what administrators' consoles show, and has not seen them for a while.",
    ],
  };
}
