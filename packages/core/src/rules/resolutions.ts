import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import { NUMBER_VERIFICATION_WAIT } from "../lifecycle/number-verification.js";
import { toDuration } from "../lifecycle/time.js";
import type { Evidence, ExpectedDelay, Finding, Resolution, ResolutionStep } from "../schemas/diagnosis.js";
import type { RuleMeta } from "./rule.js";

/** Re-enabling SMS on a US/Canadian number waits for outside verification (the lifecycle's number wait). */
export const US_CA_ENABLE_DELAY: ExpectedDelay = Object.freeze({
  typical: toDuration(NUMBER_VERIFICATION_WAIT.typical),
  max: toDuration(NUMBER_VERIFICATION_WAIT.max),
});

/** Step messages shared by every rule whose fix is "re-enable SMS". */
export const REENABLE_MESSAGES = {
  reenableSms:
    'Open the user in Admin Console > Users, turn the switch for {{number}} to "SMS Enabled" under SMS enabled numbers, and Save.',
  waitForVerification:
    "The number then shows Pending while parties outside 8x8 verify and provision it for SMS (usually hours, up to {{max}}); SMS may be interrupted meanwhile.",
  relogin: "When the status shows Enabled, the user logs out of 8x8 Work and logs back in.",
} as const;

/**
 * The steps to re-enable SMS for a number, with the US/CA verification wait where it applies; a rule
 * adds its own advice (steps without placeholders) right after re-enabling or just before the user logs
 * in again.
 */
export function reenableResolution(
  facts: DiagnosisFacts,
  number: string | null,
  afterReenable: readonly ResolutionStep[] = [],
  beforeRelogin: readonly ResolutionStep[] = [],
): Resolution {
  const usCa = facts.usCa;
  // Built at its final size: this is the resolution of the most common findings.
  const steps: ResolutionStep[] = new Array(2 + afterReenable.length + (usCa ? 1 : 0) + beforeRelogin.length);
  let n = 0;
  steps[n++] = { messageId: "reenableSms", data: { number: number ?? "the user's phone number" } };
  for (let i = 0; i < afterReenable.length; i++) steps[n++] = afterReenable[i]!;
  if (usCa) steps[n++] = WAIT_FOR_VERIFICATION;
  for (let i = 0; i < beforeRelogin.length; i++) steps[n++] = beforeRelogin[i]!;
  steps[n] = RELOGIN;
  return usCa ? { steps, actor: "admin", expectedDelay: US_CA_ENABLE_DELAY } : { steps, actor: "admin" };
}

/**
 * A step without placeholders. Findings are values and most of their steps never vary, so such steps
 * are made once and shared, frozen so that no finding can change another's.
 */
export function fixedStep(messageId: string): ResolutionStep {
  return Object.freeze({ messageId, data: NO_DATA }) as ResolutionStep;
}

/** Steps without placeholders, as one shared frozen list (see `fixedStep`). */
export function fixedSteps(...messageIds: string[]): ResolutionStep[] {
  return Object.freeze(messageIds.map(fixedStep)) as ResolutionStep[];
}

/** A resolution that never varies (its steps from `fixedSteps`), made once and shared, frozen. */
export function fixedResolution(resolution: Resolution): Resolution {
  if (resolution.expectedDelay) Object.freeze(resolution.expectedDelay);
  return Object.freeze(resolution);
}

const NO_DATA = Object.freeze({});
const WAIT_FOR_VERIFICATION: ResolutionStep = Object.freeze({
  messageId: "waitForVerification",
  data: Object.freeze({ max: US_CA_ENABLE_DELAY.max }),
}) as ResolutionStep;
const RELOGIN = fixedStep("relogin");

/** What a rule returns when it finds nothing: one shared, frozen empty list (no allocation per rule). */
export const NONE: readonly Finding[] = Object.freeze([]);

/** Builds a finding with the rule's id and default severity. */
export function finding(
  meta: RuleMeta,
  certainty: Finding["certainty"],
  messageId: string,
  data: Finding["data"],
  evidence: Evidence[],
  resolution: Resolution,
  severity: Finding["severity"] = meta.severity,
): Finding {
  return { ruleId: meta.id, certainty, severity, messageId, data, evidence, resolution };
}

/** The current SMS status as evidence. */
export function smsStatusEvidence(facts: DiagnosisFacts, before?: string | null): Evidence {
  const after = facts.current.smsStatus ?? (facts.current.smsOn ? "enabled" : "off");
  const observedAt = facts.current.observedAt;
  // One literal per shape rather than adding `before` afterwards, which would grow the object.
  return before === undefined
    ? { field: "smsStatus", after, observedAt }
    : { field: "smsStatus", after, observedAt, before };
}

/** SMS is visibly off now, or cannot be seen by the source (e.g. the Administration API). */
export function smsNotOnNow(facts: DiagnosisFacts): boolean {
  return !facts.current.smsVisible || facts.current.smsOff;
}
