import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import { sameLicense } from "../facts/license.js";
import { finding, NONE, REENABLE_MESSAGES, reenableResolution, smsStatusEvidence } from "./resolutions.js";
import { ARTICLE_PREVIOUSLY_ENABLED, articleUrl, type Rule, type RuleMeta } from "./rule.js";

const meta: RuleMeta = {
  id: "sms-disabled-by-admin",
  title: "An administrator turned SMS off",
  description:
    "SMS was on; the number and license did not change, and SMS is now off: someone turned it off.",
  severity: "blocking",
  regions: "all",
  docs: { article: ARTICLE_PREVIOUSLY_ENABLED, url: articleUrl(ARTICLE_PREVIOUSLY_ENABLED) },
  messages: {
    disabled:
      "SMS was on for {{number}} and is now off, while the phone number and license stayed the same: an administrator most likely turned it off (the console does not record who).",
    mayHaveBeenDisabled: "SMS is off. An administrator may have turned it off.",
    ...REENABLE_MESSAGES,
    recentlyProvisionedNoDelay:
      "A number that was provisioned and enabled very recently may not see the delay.",
  },
};

export const smsDisabledByAdmin: Rule = {
  meta,
  evaluate(facts: DiagnosisFacts) {
    const { current, lastSmsOn } = facts;
    if (!current.smsOff) return NONE;
    const number = current.smsNumber ?? current.phoneNumber;
    if (!lastSmsOn) {
      return [
        finding(
          meta,
          "possible",
          "mayHaveBeenDisabled",
          {},
          [smsStatusEvidence(facts)],
          resolution(facts, number),
        ),
      ];
    }
    const before = lastSmsOn.smsNumber ?? lastSmsOn.phoneNumber;
    const unchanged = facts.sinceSmsOn.every(
      (s) =>
        sameLicense(s.license, lastSmsOn.license) &&
        (s.phoneNumber === lastSmsOn.phoneNumber || s.phoneNumber === before),
    );
    if (!unchanged) return NONE;
    const data = { number: before ?? number ?? "the user's number" };
    const evidence = [smsStatusEvidence(facts, lastSmsOn.smsStatus ?? "enabled")];
    return [finding(meta, "likely", "disabled", data, evidence, resolution(facts, before ?? number))];
  },
};

function resolution(facts: DiagnosisFacts, number: string | null) {
  const base = reenableResolution(facts, number);
  if (!facts.usCa) return base;
  return {
    ...base,
    steps: [
      ...base.steps.slice(0, 2),
      { messageId: "recentlyProvisionedNoDelay", data: {} },
      ...base.steps.slice(2),
    ],
  };
}
