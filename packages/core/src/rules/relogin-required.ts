import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import { instantMillis, longerAgoThan } from "../facts/instant.js";
import { Situation } from "../facts/situation.js";
import { DAY } from "../lifecycle/time.js";
import { finding, fixedResolution, fixedSteps, NONE, smsStatusEvidence } from "./resolutions.js";
import { ARTICLE_SMS_FAQ, articleUrl, type Rule, type RuleMeta } from "./rule.js";

const meta: RuleMeta = {
  id: "relogin-required",
  title: "The user may need to log in again",
  description: "After SMS changes, users must log out of 8x8 Work and log back in before SMS appears.",
  severity: "info",
  regions: "all",
  docs: { article: ARTICLE_SMS_FAQ, url: articleUrl(ARTICLE_SMS_FAQ) },
  messages: {
    recentlyEnabled:
      "SMS was enabled for {{number}} recently; the user only sees it after logging in to 8x8 Work again.",
    logoutLogin: "The user logs out of 8x8 Work and logs back in.",
  },
};

// How long after SMS turned on the user may not have logged in again yet: a day. Not the lifecycle's
// RECENTLY_ENABLED_WITHIN, which is about carriers' verification being skipped on re-enabling.
const RECENT = DAY;

const LOG_OUT_AND_IN = fixedResolution({ steps: fixedSteps("logoutLogin"), actor: "user" });

export const reloginRequired: Rule = {
  meta,
  triggers: Situation.Enabled,
  evaluate(facts: DiagnosisFacts) {
    const { current } = facts;
    if (current.smsStatus !== "enabled") return NONE;
    const enabledAt = enabledAtOf(facts);
    if (enabledAt === undefined || facts.now - enabledAt > RECENT) return NONE;
    const before = facts.previous?.smsStatus ?? null;
    return [
      finding(
        meta,
        "possible",
        "recentlyEnabled",
        { number: current.smsNumber ?? current.phoneNumber ?? "the number" },
        [smsStatusEvidence(facts, before)],
        LOG_OUT_AND_IN,
      ),
    ];
  },
};

/**
 * When SMS last became Enabled: the carriers' go-live, else the first Enabled snapshot after one that
 * was not Enabled. Undefined when no snapshot shows it turning on.
 */
function enabledAtOf(facts: DiagnosisFacts): number | undefined {
  const live = facts.provisioning?.transitions.findLast((t) => t.to === "ACTIVE");
  if (live) return instantMillis(live.at);
  const previous = facts.previous;
  if (!previous) return undefined;
  if (previous.smsStatus !== "enabled") return facts.current.at;
  // Enabled before too: it turned on earlier still, and only matters if that was recent.
  if (longerAgoThan(previous.observedAt, facts.now, RECENT)) return undefined;
  const earlier = facts.earlier;
  let enabledAt: number | undefined;
  for (let i = earlier.length - 1; i >= 0; i--) {
    if (earlier[i]!.smsStatus !== "enabled") return enabledAt;
    enabledAt = earlier[i]!.at;
  }
  return undefined; // Enabled in every snapshot: when it turned on was never seen
}
