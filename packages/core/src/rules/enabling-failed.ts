import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import { Situation } from "../facts/situation.js";
import { finding, fixedResolution, fixedSteps, NONE, smsStatusEvidence } from "./resolutions.js";
import { ARTICLE_SYNC_ISSUE, articleUrl, type Rule, type RuleMeta } from "./rule.js";

const meta: RuleMeta = {
  id: "enabling-failed",
  title: "Enabling SMS failed",
  description: "The console shows Enabling Failed: the number was not provisioned for SMS.",
  severity: "blocking",
  regions: "all",
  docs: { article: ARTICLE_SYNC_ISSUE, url: articleUrl(ARTICLE_SYNC_ISSUE) },
  messages: {
    failed: "Enabling SMS for {{number}} failed; the number cannot send SMS.",
    checkCampaign: "US/Canadian numbers: check that Admin Console > SMS shows the campaign as VERIFIED.",
    retry: "Turn the switch to SMS Disabled, Save, then back to SMS Enabled and Save.",
    contactSupport: "If it fails again, contact 8x8 support with the number and this diagnosis.",
  },
};

const RETRY = fixedResolution({ steps: fixedSteps("retry", "contactSupport"), actor: "admin" });
const CHECK_CAMPAIGN_AND_RETRY = fixedResolution({
  steps: fixedSteps("checkCampaign", "retry", "contactSupport"),
  actor: "admin",
});

export const enablingFailed: Rule = {
  meta,
  triggers: Situation.EnablingFailed,
  evaluate(facts: DiagnosisFacts) {
    if (facts.current.smsStatus !== "enabling-failed") return NONE;
    const number = facts.current.smsNumber ?? facts.current.phoneNumber ?? "the number";
    const resolution = facts.usCa ? CHECK_CAMPAIGN_AND_RETRY : RETRY;
    return [finding(meta, "confirmed", "failed", { number }, [smsStatusEvidence(facts)], resolution)];
  },
};
