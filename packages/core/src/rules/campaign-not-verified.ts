import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import { Situation } from "../facts/situation.js";
import type { Evidence, ResolutionStep } from "../schemas/diagnosis.js";
import { registrationAdvice } from "./registration-advice.js";
import { finding, fixedResolution, fixedStep, fixedSteps, NONE } from "./resolutions.js";
import { ARTICLE_PREVIOUSLY_ENABLED, articleUrl, type Rule, type RuleMeta } from "./rule.js";

const meta: RuleMeta = {
  id: "campaign-not-verified",
  title: "The company's SMS campaign is not VERIFIED",
  description:
    "US and Canadian numbers can send SMS only while the company's registered SMS campaign shows VERIFIED in Admin Console > SMS.",
  severity: "blocking",
  regions: ["US", "CA"],
  docs: { article: ARTICLE_PREVIOUSLY_ENABLED, url: articleUrl(ARTICLE_PREVIOUSLY_ENABLED) },
  tellApart: "The SMS page would tell whether the company's campaign is VERIFIED: open Admin Console > SMS.",
  messages: {
    notObserved:
      "{{number}} is a US/Canadian number, so it can send SMS only while the company's SMS campaign is VERIFIED. SMS Doctor has not seen the SMS page yet.",
    statusUnreadable:
      "The SMS page was seen, but its campaign status could not be read; it may not be VERIFIED.",
    rejected:
      "The company's SMS campaign registration was rejected: the registration form shows {{errorCount}} error(s) to correct. US/Canadian numbers cannot send SMS until the campaign is VERIFIED.",
    pending:
      "The company's SMS campaign is still under review by the carriers; US/Canadian numbers cannot send SMS until it shows VERIFIED.",
    notRegistered:
      "The company has no registered SMS campaign. Since June 17, 2024, SMS from unregistered US/Canadian numbers is blocked.",
    openSmsPage: "Open Admin Console > SMS and check that the top section shows VERIFIED.",
    ifVerifiedCheckUser: "If it shows VERIFIED, check that this user's SMS status is Enabled.",
    ifNotVerifiedFixErrors:
      "If it does not, correct the errors the registration form shows and re-submit it.",
    fixField: 'In "{{field}}": {{message}} {{advice}}',
    fixGeneral: "{{message}}",
    resubmit:
      "Re-submit the registration form for validation; carriers review it again (days; each rejection adds at least two weeks).",
    waitForCarriers: "Wait for the carriers' review to finish; nothing to do unless the form shows errors.",
    register:
      "Register the company's brand and SMS campaign in Admin Console > SMS, then enable SMS for the user's number.",
  },
};

const REVIEW_DELAY = Object.freeze({ typical: "P3D", max: "P15D" });
const RESUBMIT_DELAY = Object.freeze({ typical: "P14D", max: "P28D" });
const RESUBMIT = fixedStep("resubmit");
const CHECK_SMS_PAGE = fixedResolution({
  steps: fixedSteps("openSmsPage", "ifVerifiedCheckUser", "ifNotVerifiedFixErrors"),
  actor: "admin",
});
const CHECK_STATUS = fixedResolution({
  steps: fixedSteps("openSmsPage", "ifVerifiedCheckUser"),
  actor: "admin",
});
const WAIT_FOR_CARRIERS = fixedResolution({
  steps: fixedSteps("waitForCarriers"),
  actor: "carrier",
  expectedDelay: REVIEW_DELAY,
});
const REGISTER = fixedResolution({
  steps: fixedSteps("register"),
  actor: "admin",
  expectedDelay: REVIEW_DELAY,
});

export const campaignNotVerified: Rule = {
  meta,
  triggers: Situation.Registration,
  evaluate(facts: DiagnosisFacts) {
    if (!facts.usCa) return NONE;
    const company = facts.company;
    if (!company) {
      const data = { number: facts.number ?? "the number" };
      return [finding(meta, "possible", "notObserved", data, [], CHECK_SMS_PAGE)];
    }
    const status = company.campaign.status;
    if (status === "verified" || status === "deactivated") return NONE; // deactivation has its own rule
    const evidence = [
      { field: "campaign.status", after: status ?? "unreadable", observedAt: company.observedAt },
    ];
    if (status === null) {
      return [finding(meta, "possible", "statusUnreadable", {}, evidence, CHECK_STATUS)];
    }
    if (status === "pending") {
      return [finding(meta, "confirmed", "pending", {}, evidence, WAIT_FOR_CARRIERS)];
    }
    if (status === "not-registered") {
      return [finding(meta, "confirmed", "notRegistered", {}, evidence, REGISTER)];
    }
    // A rejected form: a fix per error, then re-submitting; built at their final sizes.
    const errors = company.campaign.errors;
    const steps: ResolutionStep[] = new Array(errors.length + 1);
    const withErrors: Evidence[] = new Array(errors.length + 1);
    withErrors[0] = evidence[0]!;
    for (let i = 0; i < errors.length; i++) {
      const { field, message } = errors[i]!;
      steps[i] = field
        ? {
            messageId: "fixField",
            data: { field, message: asSentence(message), advice: registrationAdvice(field) },
          }
        : { messageId: "fixGeneral", data: { message: asSentence(message) } };
      // The evidence keeps the form's words exactly as shown.
      withErrors[i + 1] = {
        field: `campaign.${field ?? "form"}`,
        after: message,
        observedAt: company.observedAt,
      };
    }
    steps[errors.length] = RESUBMIT;
    const resolution = { steps, actor: "admin" as const, expectedDelay: RESUBMIT_DELAY };
    return [finding(meta, "confirmed", "rejected", { errorCount: errors.length }, withErrors, resolution)];
  },
};

/**
 * The form's error as a sentence of its own: the console often shows it without a full stop, and the
 * advice that follows it must not run on ("…must include the brand name Give realistic messages…").
 */
function asSentence(message: string): string {
  const text = message.trim();
  if (text === "") return text;
  // . ! ? … and a closing quote or bracket after one end a sentence already.
  return /[.!?…]["')\]]?$/.test(text) ? text : `${text}.`;
}
