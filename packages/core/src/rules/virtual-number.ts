import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import { Situation } from "../facts/situation.js";
import { finding, fixedResolution, fixedSteps, NONE } from "./resolutions.js";
import { ARTICLE_CANNOT_SEND, articleUrl, type Rule, type RuleMeta } from "./rule.js";

const meta: RuleMeta = {
  id: "virtual-number",
  title: "Virtual numbers are excluded from SMS",
  description: "8x8 excludes virtual numbers from SMS.",
  severity: "blocking",
  regions: "all",
  docs: { article: ARTICLE_CANNOT_SEND, url: articleUrl(ARTICLE_CANNOT_SEND) },
  messages: {
    virtual: "{{number}} is a virtual number, and virtual numbers cannot send SMS.",
    assignDirect: "Give the user a direct local number for SMS, then enable SMS for it.",
  },
};

const ASSIGN_DIRECT = fixedResolution({ steps: fixedSteps("assignDirect"), actor: "admin" });

export const virtualNumber: Rule = {
  meta,
  triggers: Situation.NumberDetails,
  evaluate(facts: DiagnosisFacts) {
    if (facts.numberCategory !== "virtual") return NONE;
    const evidence = [{ field: "numberCategory", after: "virtual", observedAt: facts.current.observedAt }];
    return [
      finding(
        meta,
        "confirmed",
        "virtual",
        { number: facts.number ?? "the number" },
        evidence,
        ASSIGN_DIRECT,
      ),
    ];
  },
};
