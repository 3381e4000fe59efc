import { type DiagnosisFacts, type SnapshotFacts, sameNumber } from "../facts/diagnosis-facts.js";
import { sameLicense } from "../facts/license.js";
import { Situation } from "../facts/situation.js";
import type { Evidence } from "../schemas/diagnosis.js";
import {
  finding,
  fixedSteps,
  NONE,
  REENABLE_MESSAGES,
  reenableResolution,
  smsNotOnNow,
  smsStatusEvidence,
} from "./resolutions.js";
import { ARTICLE_PREVIOUSLY_ENABLED, articleUrl, type Rule, type RuleMeta } from "./rule.js";

const meta: RuleMeta = {
  id: "license-changed",
  title: "The user's X Series license was changed",
  description:
    "SMS was on under one license; the license was removed or replaced, which turns SMS off even when the same license is added back.",
  severity: "blocking",
  regions: "all",
  docs: { article: ARTICLE_PREVIOUSLY_ENABLED, url: articleUrl(ARTICLE_PREVIOUSLY_ENABLED) },
  messages: {
    removed:
      'SMS was on under the license "{{before}}", then the license was removed ({{after}}). Removing a license turns SMS off; it stays off after a license is added again.',
    replaced:
      'SMS was on under the license "{{before}}", then the license changed to "{{after}}". Changing a license turns SMS off.',
    mayHaveChanged:
      "SMS is off. If the user's license was removed and added back (even the same license), that turned SMS off; no snapshot saw such a change.",
    ...REENABLE_MESSAGES,
    reenableEvenIfSame:
      "Enable SMS again for the assigned number, even though it is the same number as before.",
    recentNumberMayBeActive:
      "A number that was enabled recently may skip verification and show Enabled at once rather than Pending.",
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
      return current.smsOff && !lastSmsOn && !facts.previous ? [possible(facts)] : NONE;
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
      return [possible(facts)];
    }
    const license = { field: "license", before, after: changed.license, observedAt: changed.observedAt };
    const evidence: Evidence[] = current.smsVisible
      ? [license, smsStatusEvidence(facts, lastSmsOn.smsStatus ?? "enabled")]
      : [license];
    const certainty = current.smsVisible ? "confirmed" : "likely";
    const messageId = changed.license === null ? "removed" : "replaced";
    const data = { before, after: changed.license ?? "no license" };
    return [finding(meta, certainty, messageId, data, evidence, resolution(facts))];
  },
};

function possible(facts: DiagnosisFacts) {
  return finding(meta, "possible", "mayHaveChanged", {}, [smsStatusEvidence(facts)], resolution(facts));
}

const EVEN_IF_SAME = fixedSteps("reenableEvenIfSame");
const EVEN_IF_SAME_US_CA = fixedSteps("reenableEvenIfSame", "recentNumberMayBeActive");

function resolution(facts: DiagnosisFacts) {
  return reenableResolution(facts, facts.current.number, facts.usCa ? EVEN_IF_SAME_US_CA : EVEN_IF_SAME);
}
