import { type DiagnosisFacts, sameNumber } from "../facts/diagnosis-facts.js";
import { sameLicense } from "../facts/license.js";
import { Situation } from "../facts/situation.js";
import {
  finding,
  NONE,
  RECENCY_MESSAGES,
  RECENTLY_ENABLED_NOTE,
  REENABLE_MESSAGES,
  reenableResolution,
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
  id: "sms-disabled-by-admin",
  title: "An administrator turned SMS off",
  description:
    "SMS was on; the number and license did not change, and SMS is now off: someone turned it off.",
  severity: "blocking",
  regions: "all",
  docs: { article: ARTICLE_PREVIOUSLY_ENABLED, url: articleUrl(ARTICLE_PREVIOUSLY_ENABLED) },
  tellApart: EARLIER_STATE_TELLS_APART,
  notes: [RECENTLY_ENABLED_NOTE],
  messages: {
    disabled:
      "SMS was on for {{number}} and is now off, while the phone number and license stayed the same: an administrator most likely turned it off (the console does not record who).",
    mayHaveBeenDisabled: "SMS is off. An administrator may have turned it off.",
    ...REENABLE_MESSAGES,
    ...RECENCY_MESSAGES,
  },
};

export const smsDisabledByAdmin: Rule = {
  meta,
  triggers: Situation.SmsOff,
  evaluate(facts: DiagnosisFacts) {
    const { current, lastSmsOn } = facts;
    if (!current.smsOff) return NONE;
    if (!lastSmsOn) {
      const evidence = [smsStatusEvidence(facts)];
      return [
        finding(meta, "possible", "mayHaveBeenDisabled", {}, evidence, resolution(facts, current.number)),
      ];
    }
    // Numbers compare as shown first: normalizing is only needed when the text differs.
    const shownPhone = lastSmsOn.snapshot.phoneNumber;
    const shownSms = lastSmsOn.snapshot.sms?.number ?? shownPhone;
    const since = facts.sinceSmsOn;
    for (let i = 0; i < since.length; i++) {
      const s = since[i]!;
      const phone = s.snapshot.phoneNumber;
      if (!sameLicense(s.license, lastSmsOn.license)) return NONE;
      if (!sameNumber(phone, shownPhone) && !sameNumber(phone, shownSms)) return NONE;
    }
    const number = lastSmsOn.number ?? current.number;
    const data = { number: number ?? "the user's number" };
    const evidence = [smsStatusEvidence(facts, lastSmsOn.smsStatus ?? "enabled")];
    return [finding(meta, "likely", "disabled", data, evidence, resolution(facts, number))];
  },
};

/** The number SMS was on for is re-enabled: when it was last enabled decides the wait. */
function resolution(facts: DiagnosisFacts, number: string | null) {
  return reenableResolution(facts, number, [], true);
}
