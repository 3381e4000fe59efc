import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import { Situation } from "../facts/situation.js";
import { finding, NONE } from "./resolutions.js";
import { ARTICLE_SMS_FAQ, articleUrl, type Rule, type RuleMeta } from "./rule.js";

const meta: RuleMeta = {
  id: "sms-number-not-primary",
  title: "SMS is on for a number other than the user's phone number",
  description:
    "Only one number per user can be SMS-enabled; when it is not the user's phone number, texts go out from another number.",
  severity: "warning",
  regions: "all",
  docs: { article: ARTICLE_SMS_FAQ, url: articleUrl(ARTICLE_SMS_FAQ) },
  messages: {
    notPrimary:
      "SMS is on for {{smsNumber}}, but the user's phone number is {{phoneNumber}}; texts go out from {{smsNumber}}.",
    enableForPrimary:
      "If the user should text from {{phoneNumber}}, enable SMS for it (only one number per user can have SMS; this turns the other off).",
  },
};

export const smsNumberNotPrimary: Rule = {
  meta,
  triggers: Situation.NotOnForPhoneNumber,
  evaluate(facts: DiagnosisFacts) {
    const { current } = facts;
    if (!current.smsOn || current.smsOnForPhoneNumber) return NONE;
    const { smsNumber, phoneNumber, observedAt } = current;
    if (!smsNumber || !phoneNumber) return NONE;
    const evidence = [
      { field: "smsNumber", after: smsNumber, observedAt },
      { field: "phoneNumber", after: phoneNumber, observedAt },
    ];
    const data = { smsNumber, phoneNumber };
    return [
      finding(meta, "likely", "notPrimary", data, evidence, {
        steps: [{ messageId: "enableForPrimary", data: { phoneNumber } }],
        actor: "admin",
      }),
    ];
  },
};
