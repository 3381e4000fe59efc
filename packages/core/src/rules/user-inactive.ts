import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import { Situation } from "../facts/situation.js";
import { finding, fixedResolution, fixedSteps, NONE } from "./resolutions.js";
import { ARTICLE_CANNOT_SEND, articleUrl, type Rule, type RuleMeta } from "./rule.js";

// What INACTIVE means comes from 8x8's User Management API: `basicInfo.status` "controls whether user
// can log in or use services" (user-api-v1.yaml, BasicInfo.status). SMS is a service of 8x8 Work, so an
// inactive user cannot send, whatever their number, license and SMS switch say: this is said first,
// rather than diagnosing them as if they were active. Only sources that show the status (the
// Administration API) can fire it; the console page read by the extension does not show it.
const meta: RuleMeta = {
  id: "user-inactive",
  title: "The user's account is inactive",
  description:
    "An INACTIVE user (Administration API basicInfo.status) can't sign in or use any 8x8 service, SMS included.",
  severity: "blocking",
  regions: "all",
  docs: { article: ARTICLE_CANNOT_SEND, url: articleUrl(ARTICLE_CANNOT_SEND) },
  seenOnlyIn: ["admin-api", "import"],
  messages: {
    inactive:
      "The user's account is inactive: they can't sign in to 8x8 Work or use any of its services, SMS included.",
    activate:
      "If the user should send SMS, make their account active again (status Active in the Admin Console, or ACTIVE through the Administration API).",
    thenCheck: "Then check that SMS is enabled for their number, and have them sign in to 8x8 Work again.",
  },
};

const ACTIVATE = fixedResolution({ steps: fixedSteps("activate", "thenCheck"), actor: "admin" });

export const userInactive: Rule = {
  meta,
  triggers: Situation.AccountInactive,
  evaluate(facts: DiagnosisFacts) {
    if (facts.current.snapshot.userStatus !== "inactive") return NONE;
    const evidence = [{ field: "userStatus", after: "inactive", observedAt: facts.current.observedAt }];
    return [finding(meta, "confirmed", "inactive", {}, evidence, ACTIVATE)];
  },
};
