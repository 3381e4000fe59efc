import { type DiagnosisFacts, type SnapshotFacts, sameNumber } from "../facts/diagnosis-facts.js";
import { sameLicense } from "../facts/license.js";
import { Situation } from "../facts/situation.js";
import type { Evidence, ResolutionStep } from "../schemas/diagnosis.js";
import {
  ASSIGN_LICENSE_MESSAGES,
  finding,
  fixedStep,
  fixedSteps,
  NONE,
  RECENCY_MESSAGES,
  RECENTLY_ENABLED_NOTE,
  REENABLE_MESSAGES,
  reenableResolution,
  smsNotOnNow,
  smsStatusEvidence,
} from "./resolutions.js";
import {
  ARTICLE_PREVIOUSLY_ENABLED,
  articleUrl,
  EARLIER_STATE_TELLS_APART,
  type Rule,
  type RuleMeta,
} from "./rule.js";

const meta: RuleMeta = {
  id: "license-changed",
  title: "The user's X Series license was changed",
  description:
    "SMS was on under one license; the license was removed or replaced, which turns SMS off even when the same license is added back.",
  severity: "blocking",
  regions: "all",
  docs: { article: ARTICLE_PREVIOUSLY_ENABLED, url: articleUrl(ARTICLE_PREVIOUSLY_ENABLED) },
  tellApart: EARLIER_STATE_TELLS_APART,
  notes: [RECENTLY_ENABLED_NOTE],
  messages: {
    removed:
      'SMS was on under the license "{{before}}", then the license was removed ({{after}}). Removing a license turns SMS off; it stays off after a license is added again.',
    removedNotReadded:
      'SMS was on under the license "{{before}}", then the license was removed, and the user has no license now. SMS needs an X Series X2 or higher license; once one is assigned, SMS still has to be enabled again.',
    replaced:
      'SMS was on under the license "{{before}}", then the license changed to "{{after}}". Changing a license turns SMS off.',
    mayHaveChanged:
      "SMS is off. If the user's license was removed and added back (even the same license), that turned SMS off; no snapshot saw such a change.",
    ...ASSIGN_LICENSE_MESSAGES,
    ...REENABLE_MESSAGES,
    reenableEvenIfSame:
      "Enable SMS again for the assigned number, even though it is the same number as before.",
    ...RECENCY_MESSAGES,
  },
};

export const licenseChanged: Rule = {
  meta,
  triggers: Situation.SmsOff | Situation.SmsUnseen,
  evaluate(facts: DiagnosisFacts) {
    // SMS on now (the healthy case) settles it before the history is read.
    if (!smsNotOnNow(facts)) return NONE;
    const { current, lastSmsOn } = facts;
    if (!lastSmsOn || lastSmsOn.license === null) {
      return current.smsOff && !lastSmsOn && !facts.previous ? [possible(facts, false)] : NONE;
    }
    const before = lastSmsOn.license;
    const since = facts.sinceSmsOn;
    let changed: SnapshotFacts | undefined;
    for (let i = 0; i < since.length && !changed; i++) {
      if (!sameLicense(since[i]!.license, before)) changed = since[i];
    }
    if (!changed) {
      // Unseen re-add of the same license: only a candidate, and only when the number did not change either.
      if (!current.smsOff) return NONE;
      const shown = lastSmsOn.snapshot.phoneNumber;
      for (let i = 0; i < since.length; i++) {
        if (!sameNumber(since[i]!.snapshot.phoneNumber, shown)) return NONE;
      }
      return [possible(facts, true)];
    }
    const license = { field: "license", before, after: changed.license, observedAt: changed.observedAt };
    const evidence: Evidence[] = current.smsVisible
      ? [license, smsStatusEvidence(facts, lastSmsOn.smsStatus ?? "enabled")]
      : [license];
    const certainty = current.smsVisible ? "confirmed" : "likely";
    const messageId =
      changed.license !== null ? "replaced" : current.license === null ? "removedNotReadded" : "removed";
    const data = { before, after: changed.license ?? "no license" };
    const sameAsBefore = sameNumber(lastSmsOn.number, current.number);
    return [finding(meta, certainty, messageId, data, evidence, resolution(facts, sameAsBefore))];
  },
};

function possible(facts: DiagnosisFacts, sameAsBefore: boolean) {
  const evidence = [smsStatusEvidence(facts)];
  return finding(meta, "possible", "mayHaveChanged", {}, evidence, resolution(facts, sameAsBefore));
}

const ASSIGN_LICENSE = fixedStep("assignLicense");
const EVEN_IF_SAME = fixedSteps("reenableEvenIfSame");

/**
 * Re-enabling SMS, after assigning a license with SMS when the user has none now (enabling needs it).
 * "Even though it is the same number" only when it is: with a new number too, the number explains it.
 * The wait depends on when SMS was last enabled for the number, unless the number is a new one; with
 * no history, nothing says the number changed.
 */
function resolution(facts: DiagnosisFacts, sameAsBefore: boolean) {
  const number = facts.current.number;
  const withoutSms = facts.licenseSms === "none" || facts.licenseSms === "no-sms";
  const enabledBefore = sameAsBefore || !facts.lastSmsOn;
  const resolution = reenableResolution(facts, number, sameAsBefore ? EVEN_IF_SAME : [], enabledBefore);
  if (!withoutSms) return resolution;
  const steps: ResolutionStep[] = [ASSIGN_LICENSE, ...resolution.steps];
  return { ...resolution, steps };
}
