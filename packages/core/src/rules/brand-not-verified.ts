import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import { Situation } from "../facts/situation.js";
import { finding, fixedResolution, fixedSteps, NONE } from "./resolutions.js";
import { ARTICLE_TAX_INFO, articleUrl, type Rule, type RuleMeta } from "./rule.js";

const meta: RuleMeta = {
  id: "brand-not-verified",
  title: "The company's brand is not Verified",
  description:
    "The brand (the company) must be Verified by The Campaign Registry before a campaign can be registered.",
  severity: "blocking",
  regions: ["US", "CA"],
  docs: { article: ARTICLE_TAX_INFO, url: articleUrl(ARTICLE_TAX_INFO) },
  messages: {
    pending:
      "The company's brand is not Verified yet. Public for-profit companies must answer The Campaign Registry's verification email (2FA) before the brand is Verified.",
    unverified:
      "The Campaign Registry could not verify the company's brand, so no SMS campaign can be VERIFIED for US/Canadian numbers.",
    failed:
      "The company's brand registration was rejected, so no SMS campaign can be VERIFIED for US/Canadian numbers.",
    answer2fa:
      "Look for The Campaign Registry's verification email to the company's contact and complete it.",
    checkTaxDetails:
      "In Admin Console > SMS > Your Brand, make the Legal Company Name and Tax Number/ID/EIN match the tax authority's letter exactly.",
    resubmitBrand:
      "Save the brand to re-submit it (about a minute); each rejection costs at least two more weeks.",
  },
};

const ANSWER_2FA = fixedResolution({
  steps: fixedSteps("answer2fa"),
  actor: "admin",
  expectedDelay: { typical: "PT1H", max: "P3D" },
});
const FIX_AND_RESUBMIT = fixedResolution({
  steps: fixedSteps("checkTaxDetails", "resubmitBrand"),
  actor: "admin",
  expectedDelay: { typical: "P14D", max: "P28D" },
});

export const brandNotVerified: Rule = {
  meta,
  triggers: Situation.Registration,
  evaluate(facts: DiagnosisFacts) {
    const status = facts.company?.brand.status;
    if (!facts.usCa || !facts.company || !status || status === "verified") return NONE;
    const evidence = [{ field: "brand.status", after: status, observedAt: facts.company.observedAt }];
    // A verified campaign means the brand passed once; a brand status lagging behind it is only a warning.
    const severity = facts.company.campaign.status === "verified" ? "warning" : "blocking";
    const resolution = status === "pending" ? ANSWER_2FA : FIX_AND_RESUBMIT;
    return [finding(meta, "confirmed", status, {}, evidence, resolution, severity)];
  },
};
