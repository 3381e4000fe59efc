import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import { Situation } from "../facts/situation.js";
import { ASSIGN_LICENSE_MESSAGES, finding, fixedResolution, fixedSteps, NONE } from "./resolutions.js";
import { ARTICLE_CANNOT_SEND, articleUrl, type Rule, type RuleMeta } from "./rule.js";

const meta: RuleMeta = {
  id: "license-without-sms",
  title: "The user's license does not include SMS",
  description: "SMS needs an X Series X2 license or higher; Lobby and Basic licenses have no SMS.",
  severity: "blocking",
  regions: "all",
  docs: { article: ARTICLE_CANNOT_SEND, url: articleUrl(ARTICLE_CANNOT_SEND) },
  messages: {
    noLicense: "The user has no license, and SMS needs an X Series X2 license or higher.",
    noSmsInLicense: 'The license "{{license}}" does not include SMS; SMS needs X Series X2 or higher.',
    ...ASSIGN_LICENSE_MESSAGES,
    reenableAfter: "Then enable SMS for the user's number (changing the license turns SMS off).",
  },
};

const ASSIGN_LICENSE = fixedResolution({
  steps: fixedSteps("assignLicense", "reenableAfter"),
  actor: "admin",
});

export const licenseWithoutSms: Rule = {
  meta,
  triggers: Situation.LicenseWithoutSms,
  evaluate(facts: DiagnosisFacts) {
    if (facts.licenseSms !== "none" && facts.licenseSms !== "no-sms") return NONE;
    // Auto Attendants, Call Queues and Ring Groups have no license by nature: service-extension explains them.
    const type = facts.extensionType;
    if (type !== undefined && type !== "user") return NONE;
    const license = facts.current.license;
    const evidence = [{ field: "license", after: license, observedAt: facts.current.observedAt }];
    const messageId = license === null || license.trim() === "" ? "noLicense" : "noSmsInLicense";
    return [finding(meta, "confirmed", messageId, { license: license ?? "" }, evidence, ASSIGN_LICENSE)];
  },
};
