import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import { Situation } from "../facts/situation.js";
import { finding, fixedResolution, fixedSteps, NONE } from "./resolutions.js";
import { ARTICLE_REGISTER_CAMPAIGN, articleUrl, type Rule, type RuleMeta } from "./rule.js";

const meta: RuleMeta = {
  id: "campaign-deactivated",
  title: "The company's SMS campaign was deactivated",
  description: "Deactivating the campaign disables SMS on every number and cannot be undone.",
  severity: "blocking",
  regions: ["US", "CA"],
  docs: { article: ARTICLE_REGISTER_CAMPAIGN, url: articleUrl(ARTICLE_REGISTER_CAMPAIGN) },
  messages: {
    deactivated:
      "The company's SMS campaign was deactivated, which disabled SMS on every number. Deactivation cannot be undone.",
    registerNew: "Register a new SMS campaign in Admin Console > SMS and wait for it to show VERIFIED.",
    reenableNumbers: "Then enable SMS again for each user's number.",
  },
};

const REGISTER_NEW = fixedResolution({
  steps: fixedSteps("registerNew", "reenableNumbers"),
  actor: "admin",
  expectedDelay: { typical: "P3D", max: "P15D" },
});

export const campaignDeactivated: Rule = {
  meta,
  triggers: Situation.Registration,
  evaluate(facts: DiagnosisFacts) {
    const company = facts.company;
    if (!facts.usCa || company?.campaign.status !== "deactivated") return NONE;
    const evidence = [{ field: "campaign.status", after: "deactivated", observedAt: company.observedAt }];
    return [finding(meta, "confirmed", "deactivated", {}, evidence, REGISTER_NEW)];
  },
};
