import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import { Situation } from "../facts/situation.js";
import { finding, fixedResolution, fixedSteps, NONE } from "./resolutions.js";
import { ARTICLE_CANNOT_SEND, articleUrl, type Rule, type RuleMeta } from "./rule.js";

const meta: RuleMeta = {
  id: "service-extension",
  title: "Service extensions cannot use SMS",
  description: "Numbers on Auto Attendant, Call Queue or Ring Group extensions cannot send SMS.",
  severity: "blocking",
  regions: "all",
  docs: { article: ARTICLE_CANNOT_SEND, url: articleUrl(ARTICLE_CANNOT_SEND) },
  messages: {
    serviceExtension: "This number belongs to a {{kind}} extension, and service extensions cannot send SMS.",
    moveToUser: "Assign the number to a user's extension if it must send SMS.",
  },
};

const KIND: Record<string, string> = {
  "auto-attendant": "Auto Attendant",
  "call-queue": "Call Queue",
  "ring-group": "Ring Group",
};

const MOVE_TO_USER = fixedResolution({ steps: fixedSteps("moveToUser"), actor: "admin" });

export const serviceExtension: Rule = {
  meta,
  triggers: Situation.NumberDetails,
  evaluate(facts: DiagnosisFacts) {
    const type = facts.extensionType;
    if (!type || type === "user") return NONE;
    const evidence = [{ field: "extensionType", after: type, observedAt: facts.current.observedAt }];
    return [
      finding(meta, "confirmed", "serviceExtension", { kind: KIND[type] ?? type }, evidence, MOVE_TO_USER),
    ];
  },
};
