import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import { Situation } from "../facts/situation.js";
import { finding, fixedResolution, fixedSteps, NONE } from "./resolutions.js";
import { ARTICLE_CANNOT_SEND, articleUrl, type Rule, type RuleMeta } from "./rule.js";

const meta: RuleMeta = {
  id: "toll-free-number",
  title: "Toll-free numbers cannot send SMS in 8x8 Work",
  description: "8x8 Work does not support SMS on toll-free numbers.",
  severity: "blocking",
  regions: "all",
  docs: { article: ARTICLE_CANNOT_SEND, url: articleUrl(ARTICLE_CANNOT_SEND) },
  messages: {
    tollFree: "{{number}} is a toll-free number; 8x8 Work cannot send SMS from toll-free numbers.",
    assignLocal: "Give the user a local (geographic) number for SMS, then enable SMS for it.",
  },
};

const ASSIGN_LOCAL = fixedResolution({ steps: fixedSteps("assignLocal"), actor: "admin" });

export const tollFreeNumber: Rule = {
  meta,
  triggers: Situation.TollFree | Situation.NumberDetails,
  evaluate(facts: DiagnosisFacts) {
    if (!facts.tollFree && facts.numberCategory !== "toll-free") return NONE;
    const number = facts.number;
    const evidence = [{ field: "numberCategory", after: "toll-free", observedAt: facts.current.observedAt }];
    return [
      finding(meta, "confirmed", "tollFree", { number: number ?? "the number" }, evidence, ASSIGN_LOCAL),
    ];
  },
};
