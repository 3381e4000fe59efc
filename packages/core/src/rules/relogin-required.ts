import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import { instantMillis } from "../facts/instant.js";
import { finding, NONE, smsStatusEvidence } from "./resolutions.js";
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

const RECENT = 24 * 3_600_000;

export const reloginRequired: Rule = {
  meta,
  evaluate(facts: DiagnosisFacts) {
    const { current } = facts;
    if (current.smsStatus !== "enabled") return NONE;
    const enabledAt = enabledAtOf(facts);
    if (enabledAt === undefined || facts.now - enabledAt > RECENT) return NONE;
    const before = facts.earlier.at(-1)?.smsStatus ?? null;
    return [
      finding(
        meta,
        "possible",
        "recentlyEnabled",
        { number: current.smsNumber ?? current.phoneNumber ?? "the number" },
        [smsStatusEvidence(facts, before)],
        {
          steps: [{ messageId: "logoutLogin", data: {} }],
          actor: "user",
        },
      ),
    ];
  },
};

/** When SMS became Enabled: the first Enabled snapshot after a non-Enabled one, or the carriers' go-live. */
function enabledAtOf(facts: DiagnosisFacts): number | undefined {
  const live = facts.provisioning?.transitions.findLast((t) => t.to === "ACTIVE");
  if (live) return instantMillis(live.at);
  const previous = facts.earlier.at(-1);
  if (!previous || previous.smsStatus === "enabled") return undefined;
  return facts.current.at;
}
