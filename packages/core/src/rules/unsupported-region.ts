import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import { Situation } from "../facts/situation.js";
import { finding, fixedResolution, fixedSteps, NONE } from "./resolutions.js";
import { ARTICLE_SMS_FAQ, articleUrl, type Rule, type RuleMeta } from "./rule.js";

const meta: RuleMeta = {
  id: "unsupported-region",
  title: "SMS is not available for this country",
  description: "8x8 Work SMS is supported for US and Canadian numbers only (not, for example, the UK).",
  severity: "blocking",
  regions: "all",
  docs: { article: ARTICLE_SMS_FAQ, url: articleUrl(ARTICLE_SMS_FAQ) },
  messages: {
    unsupported: "{{number}} is a {{region}} number; 8x8 Work SMS works with US and Canadian numbers only.",
    useUsCaNumber:
      "To text, the user needs a US or Canadian number; they can still receive texts from any country.",
  },
};

const USE_US_CA_NUMBER = fixedResolution({ steps: fixedSteps("useUsCaNumber"), actor: "admin" });

export const unsupportedRegion: Rule = {
  meta,
  triggers: Situation.OutsideUsCa,
  evaluate(facts: DiagnosisFacts) {
    if (!facts.region || facts.usCa) return NONE;
    const evidence = [{ field: "phoneNumber", after: facts.number, observedAt: facts.current.observedAt }];
    return [
      finding(
        meta,
        "confirmed",
        "unsupported",
        { number: facts.number ?? "the number", region: facts.region },
        evidence,
        USE_US_CA_NUMBER,
      ),
    ];
  },
};
