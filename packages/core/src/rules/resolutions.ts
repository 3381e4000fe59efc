import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import { lastEnabledSpan } from "../facts/last-enabled.js";
import { humanDuration } from "../human-duration.js";
import {
  type EnabledRecency,
  enabledRecency,
  NUMBER_VERIFICATION_DELAY,
  RECENTLY_ENABLED_DELAY,
  RECENTLY_ENABLED_WITHIN,
} from "../lifecycle/number-verification.js";
import { toDuration } from "../lifecycle/time.js";
import type { Evidence, ExpectedDelay, Finding, Resolution, ResolutionStep } from "../schemas/diagnosis.js";
import type { RuleMeta } from "./rule.js";

/** Re-enabling SMS on a US/Canadian number waits for outside verification (the lifecycle's number wait). */
export const US_CA_ENABLE_DELAY: ExpectedDelay = NUMBER_VERIFICATION_DELAY;

/** Step messages shared by every rule whose fix is "re-enable SMS". */
export const REENABLE_MESSAGES = {
  reenableSms:
    'Open the user in Admin Console > Users, turn the switch for {{number}} to "SMS Enabled" under SMS enabled numbers, and Save.',
  waitForVerification:
    "The number then shows Pending while parties outside 8x8 verify and provision it for SMS (usually hours, up to {{max}}); SMS may be interrupted meanwhile.",
  relogin: "When the status shows Enabled, the user logs out of 8x8 Work and logs back in.",
} as const;

/** Assigning a license with SMS: license-without-sms's fix, and license-changed's first step when none is left. */
export const ASSIGN_LICENSE_MESSAGES = {
  assignLicense: "Assign an X Series X2 or higher license under Services and permissions, and Save.",
} as const;

/**
 * Step messages of the rules that re-enable the number SMS was on for before, where how recently it was
 * enabled decides the wait (8x8: a recently enabled number may skip verification).
 */
export const RECENCY_MESSAGES = {
  enabledRecently:
    "SMS was enabled for {{number}} within the last {{within}}, so it will likely show Enabled at once rather than Pending.",
  ifStillPending:
    "If it shows Pending instead, parties outside 8x8 are verifying it, which can take up to {{max}}.",
  mayBeEnabledAtOnce:
    "SMS Doctor has not seen when SMS was last enabled for {{number}}: if that was within the last {{within}}, it may skip verification and show Enabled at once rather than Pending.",
} as const;

const WITHIN = toDuration(RECENTLY_ENABLED_WITHIN);

/** The rule pages' account of "enabled recently", from the lifecycle's definition. */
export const RECENTLY_ENABLED_NOTE = `"Enabled recently" means within the last ${humanDuration(WITHIN)} (\`RECENTLY_ENABLED_WITHIN\` in the lifecycle): 8x8's article "Previously Enabled Users Can't Send SMS Messages" says such a number may be active at once rather than Pending on re-enabling, without saying how recent. When SMS was last enabled for the number comes from the carriers' go-live in its provisioning record, else from the snapshots (Enabled for this number since one that showed otherwise). Recent: it will likely show Enabled at once (\`expectedDelay\` ${RECENTLY_ENABLED_DELAY.typical}, at most ${RECENTLY_ENABLED_DELAY.max}). Longer ago: the normal wait (${US_CA_ENABLE_DELAY.typical}, at most ${US_CA_ENABLE_DELAY.max}) and no "may skip" sentence. Never seen: the steps say so. US and Canadian numbers only.`;

/**
 * The steps to re-enable SMS for a number, with the US/CA verification wait where it applies; a rule
 * adds its own advice (steps without placeholders) right after re-enabling. `enabledBefore`: the number
 * is the one SMS was on for before, so when it was last enabled decides the wait (`RECENCY_MESSAGES`);
 * a new number always waits.
 */
export function reenableResolution(
  facts: DiagnosisFacts,
  number: string | null,
  afterReenable: readonly ResolutionStep[] = [],
  enabledBefore = false,
): Resolution {
  const usCa = facts.usCa;
  const recency: EnabledRecency | undefined =
    usCa && enabledBefore && number !== null
      ? enabledRecency(lastEnabledSpan(facts.earlier, facts.provisioning, number), facts.now)
      : undefined;
  // Built at its final size: this is the resolution of the most common findings.
  const steps: ResolutionStep[] = new Array(
    2 + afterReenable.length + (usCa ? 1 : 0) + (recency === "recent" || recency === "unknown" ? 1 : 0),
  );
  let n = 0;
  const shown = number ?? "the user's phone number";
  steps[n++] = { messageId: "reenableSms", data: { number: shown } };
  for (let i = 0; i < afterReenable.length; i++) steps[n++] = afterReenable[i]!;
  if (recency === "recent") {
    steps[n++] = { messageId: "enabledRecently", data: { number: shown, within: WITHIN } };
    steps[n++] = IF_STILL_PENDING;
  } else if (usCa) {
    steps[n++] = WAIT_FOR_VERIFICATION;
    if (recency === "unknown") {
      steps[n++] = { messageId: "mayBeEnabledAtOnce", data: { number: shown, within: WITHIN } };
    }
  }
  steps[n] = RELOGIN;
  if (!usCa) return { steps, actor: "admin" };
  const expectedDelay = recency === "recent" ? RECENTLY_ENABLED_DELAY : US_CA_ENABLE_DELAY;
  return { steps, actor: "admin", expectedDelay };
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
const IF_STILL_PENDING: ResolutionStep = Object.freeze({
  messageId: "ifStillPending",
  data: Object.freeze({ max: US_CA_ENABLE_DELAY.max }),
}) as ResolutionStep;

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
