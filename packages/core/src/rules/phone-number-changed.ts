import { type DiagnosisFacts, sameNumber } from "../facts/diagnosis-facts.js";
import { Situation } from "../facts/situation.js";
import type { Evidence } from "../schemas/diagnosis.js";
import { finding, NONE, REENABLE_MESSAGES, reenableResolution, smsStatusEvidence } from "./resolutions.js";
import {
  ARTICLE_PREVIOUSLY_ENABLED,
  articleUrl,
  EARLIER_STATE_TELLS_APART,
  type Rule,
  type RuleMeta,
} from "./rule.js";

const meta: RuleMeta = {
  id: "phone-number-changed",
  title: "The user's phone number was changed",
  description: "SMS was on for one number; the user's phone number changed, and changing it turns SMS off.",
  severity: "blocking",
  regions: "all",
  docs: { article: ARTICLE_PREVIOUSLY_ENABLED, url: articleUrl(ARTICLE_PREVIOUSLY_ENABLED) },
  tellApart: EARLIER_STATE_TELLS_APART,
  messages: {
    changed:
      "SMS was on for {{before}}, then the phone number was changed to {{after}}. Changing a user's number in the Admin Console turns SMS off; it has to be enabled again for the new number.",
    changedSmsUnseen:
      "SMS was on for {{before}}, then the phone number was changed to {{after}}. Changing the number turns SMS off, so SMS is most likely off now (this source cannot see SMS).",
    mayHaveChanged:
      "SMS is off and no earlier state of this user is known. If the phone number was changed, that turned SMS off.",
    ...REENABLE_MESSAGES,
  },
};

export const phoneNumberChanged: Rule = {
  meta,
  triggers: Situation.NotOnForPhoneNumber,
  evaluate(facts: DiagnosisFacts) {
    const { current } = facts;
    // Settled without normalizing when SMS is on for the user's own number (the healthy case).
    if (current.smsOnForPhoneNumber) return NONE;
    const lastSmsOn = facts.lastSmsOn;
    if (!lastSmsOn) {
      // Without any earlier state it is only a candidate; with history where SMS was never on, not this cause.
      if (!current.smsOff || facts.previous) return NONE;
      const resolution = reenableResolution(facts, current.phoneNumber);
      return [finding(meta, "possible", "mayHaveChanged", {}, [smsStatusEvidence(facts)], resolution)];
    }
    const shownBefore = lastSmsOn.snapshot.sms?.number ?? lastSmsOn.snapshot.phoneNumber;
    const shownAfter = current.snapshot.phoneNumber;
    if (shownBefore === null || shownAfter === null || sameNumber(shownBefore, shownAfter)) return NONE;
    const shownSms = current.snapshot.sms?.number ?? null;
    if (current.smsOn && sameNumber(shownSms, shownAfter)) return NONE; // already re-enabled for the new number
    if (
      current.smsVisible &&
      !current.smsOff &&
      current.smsStatus !== "enabling-failed" &&
      sameNumber(shownSms, shownBefore)
    ) {
      return NONE; // SMS still on for the old number: not this cause
    }
    const before = lastSmsOn.number!;
    const after = current.phoneNumber!;
    // When the new number first showed: the first snapshot since SMS was on that has it.
    const since = facts.sinceSmsOn;
    let changedAt = current;
    for (let i = 0; i < since.length; i++) {
      if (sameNumber(since[i]!.snapshot.phoneNumber, shownAfter)) {
        changedAt = since[i]!;
        break;
      }
    }
    const change = { field: "phoneNumber", before, after, observedAt: changedAt.observedAt };
    const evidence: Evidence[] = current.smsVisible
      ? [change, smsStatusEvidence(facts, lastSmsOn.smsStatus ?? "enabled")]
      : [change];
    const certainty = current.smsVisible ? "confirmed" : "likely";
    const messageId = current.smsVisible ? "changed" : "changedSmsUnseen";
    return [
      finding(meta, certainty, messageId, { before, after }, evidence, reenableResolution(facts, after)),
    ];
  },
};
