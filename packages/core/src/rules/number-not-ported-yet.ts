import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import { Situation } from "../facts/situation.js";
import { finding, fixedResolution, fixedSteps, NONE } from "./resolutions.js";
import { ARTICLE_CANNOT_SEND, articleUrl, type Rule, type RuleMeta } from "./rule.js";

const meta: RuleMeta = {
  id: "number-not-ported-yet",
  title: "The number is still being ported",
  description:
    "Numbers being ported in, and temporary numbers used meanwhile, get SMS only when porting completes.",
  severity: "blocking",
  regions: "all",
  docs: { article: ARTICLE_CANNOT_SEND, url: articleUrl(ARTICLE_CANNOT_SEND) },
  messages: {
    porting:
      "{{number}} is still being ported to 8x8 ({{status}}); SMS becomes available when porting completes.",
    temporary:
      "{{number}} is a temporary number used while a port-in completes; it gets SMS only when porting completes.",
    waitForPort:
      "Wait for the port to complete (Admin Console > Phone Numbers), then enable SMS for the ported number.",
  },
};

const WAIT_FOR_PORT = fixedResolution({
  steps: fixedSteps("waitForPort"),
  actor: "carrier",
  expectedDelay: { typical: "P7D", max: "P30D" },
});

export const numberNotPortedYet: Rule = {
  meta,
  triggers: Situation.NumberDetails,
  evaluate(facts: DiagnosisFacts) {
    const status = facts.numberStatus;
    if (status !== "porting" && status !== "pre-porting" && status !== "temporary") return NONE;
    const evidence = [{ field: "numberStatus", after: status, observedAt: facts.current.observedAt }];
    return [
      finding(
        meta,
        "confirmed",
        status === "temporary" ? "temporary" : "porting",
        { number: facts.number ?? "the number", status },
        evidence,
        WAIT_FOR_PORT,
      ),
    ];
  },
};
