import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import { DEFAULT_CAMPAIGN_NUMBER_LIMIT } from "../schemas/company-registration.js";
import { finding, NONE } from "./resolutions.js";
import { ARTICLE_REGISTER_CAMPAIGN, articleUrl, type Rule, type RuleMeta } from "./rule.js";

const meta: RuleMeta = {
  id: "campaign-number-limit",
  title: "The campaign's number limit is reached",
  description: "A campaign holds 48 phone numbers by default; enabling more fails or is refused.",
  severity: "warning",
  regions: ["US", "CA"],
  docs: { article: ARTICLE_REGISTER_CAMPAIGN, url: articleUrl(ARTICLE_REGISTER_CAMPAIGN) },
  messages: {
    overLimit: "The company's campaign has {{count}} SMS enabled numbers, more than its limit of {{limit}}.",
    atLimit:
      "The company's campaign already holds {{count}} of its {{limit}} numbers, so SMS cannot be enabled for another number.",
    removeUnused: 'Remove numbers that no longer need SMS ("Remove number" on Admin Console > SMS).',
    askForMore: "Or ask 8x8 support to raise the campaign's number limit.",
  },
};

export const campaignNumberLimit: Rule = {
  meta,
  evaluate(facts: DiagnosisFacts) {
    const company = facts.company;
    if (!company?.enabledNumbers) return NONE;
    const count = company.enabledNumbers.length;
    const limit = company.numberLimit ?? DEFAULT_CAMPAIGN_NUMBER_LIMIT;
    const atLimitWithSmsOff = count === limit && facts.current.smsOff && facts.usCa;
    if (count <= limit && !atLimitWithSmsOff) return NONE;
    const evidence = [
      { field: "enabledNumbers.count", after: String(count), observedAt: company.observedAt },
    ];
    const steps = [
      { messageId: "removeUnused", data: {} },
      { messageId: "askForMore", data: {} },
    ];
    return [
      finding(meta, "confirmed", count > limit ? "overLimit" : "atLimit", { count, limit }, evidence, {
        steps,
        actor: "admin",
      }),
    ];
  },
};
