import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import { Situation } from "../facts/situation.js";
import { DEFAULT_CAMPAIGN_NUMBER_LIMIT } from "../schemas/company-registration.js";
import type { ResolutionStep } from "../schemas/diagnosis.js";
import { finding, fixedSteps, NONE } from "./resolutions.js";
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
    refusedAtLimit:
      "Enabling SMS for {{number}} failed because the company's campaign already holds {{count}} of its {{limit}} numbers.",
    reenableAfter: "Then enable SMS for {{number}} again.",
    removeUnused: 'Remove numbers that no longer need SMS ("Remove number" on Admin Console > SMS).',
    askForMore: "Or ask 8x8 support to raise the campaign's number limit.",
  },
};

const MAKE_ROOM = fixedSteps("removeUnused", "askForMore");

export const campaignNumberLimit: Rule = {
  meta,
  triggers: Situation.Registration,
  evaluate(facts: DiagnosisFacts) {
    const company = facts.company;
    if (!company?.enabledNumbers) return NONE;
    const count = company.enabledNumbers.length;
    const limit = company.numberLimit ?? DEFAULT_CAMPAIGN_NUMBER_LIMIT;
    const full = count >= limit && facts.usCa;
    const refused = full && facts.current.smsStatus === "enabling-failed";
    const blocksEnabling = full && facts.current.smsOff;
    if (count <= limit && !refused && !blocksEnabling) return NONE;
    const evidence = [
      { field: "enabledNumbers.count", after: String(count), observedAt: company.observedAt },
    ];
    const steps: ResolutionStep[] = [...MAKE_ROOM];
    if (refused) {
      // The carriers refused this number because the campaign is full: the limit is the cause, not a side note.
      const number = facts.number ?? "the number";
      steps.push({ messageId: "reenableAfter", data: { number } });
      const data = { number, count, limit };
      return [
        finding(meta, "confirmed", "refusedAtLimit", data, evidence, { steps, actor: "admin" }, "blocking"),
      ];
    }
    const messageId = count > limit ? "overLimit" : "atLimit";
    return [finding(meta, "confirmed", messageId, { count, limit }, evidence, { steps, actor: "admin" })];
  },
};
