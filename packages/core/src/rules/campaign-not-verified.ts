import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import type { Resolution, ResolutionStep } from "../schemas/diagnosis.js";
import { registrationAdvice } from "./registration-advice.js";
import { finding, NONE } from "./resolutions.js";
import { ARTICLE_PREVIOUSLY_ENABLED, articleUrl, type Rule, type RuleMeta } from "./rule.js";

const meta: RuleMeta = {
  id: "campaign-not-verified",
  title: "The company's SMS campaign is not VERIFIED",
  description:
    "US and Canadian numbers can send SMS only while the company's registered SMS campaign shows VERIFIED in Admin Console > SMS.",
  severity: "blocking",
  regions: ["US", "CA"],
  docs: { article: ARTICLE_PREVIOUSLY_ENABLED, url: articleUrl(ARTICLE_PREVIOUSLY_ENABLED) },
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

const REVIEW_DELAY = { typical: "P3D", max: "P15D" };

export const campaignNotVerified: Rule = {
  meta,
  evaluate(facts: DiagnosisFacts) {
    if (!facts.usCa) return NONE;
    const company = facts.company;
    if (!company) {
      const steps = ["openSmsPage", "ifVerifiedCheckUser", "ifNotVerifiedFixErrors"].map((messageId) => ({
        messageId,
        data: {},
      }));
      return [
        finding(meta, "possible", "notObserved", { number: facts.number ?? "the number" }, [], {
          steps,
          actor: "admin",
        }),
      ];
    }
    const status = company.campaign.status;
    if (status === "verified" || status === "deactivated") return NONE; // deactivation has its own rule
    const evidence = [
      { field: "campaign.status", after: status ?? "unreadable", observedAt: company.observedAt },
    ];
    if (status === null) {
      const steps = ["openSmsPage", "ifVerifiedCheckUser"].map((messageId) => ({ messageId, data: {} }));
      return [finding(meta, "possible", "statusUnreadable", {}, evidence, { steps, actor: "admin" })];
    }
    if (status === "pending") {
      const resolution: Resolution = {
        steps: [{ messageId: "waitForCarriers", data: {} }],
        actor: "carrier",
        expectedDelay: REVIEW_DELAY,
      };
      return [finding(meta, "confirmed", "pending", {}, evidence, resolution)];
    }
    if (status === "not-registered") {
      const resolution: Resolution = {
        steps: [{ messageId: "register", data: {} }],
        actor: "admin",
        expectedDelay: REVIEW_DELAY,
      };
      return [finding(meta, "confirmed", "notRegistered", {}, evidence, resolution)];
    }
    const errors = company.campaign.errors;
    const steps: ResolutionStep[] = errors.map(
      (error): ResolutionStep =>
        error.field
          ? {
              messageId: "fixField",
              data: { field: error.field, message: error.message, advice: registrationAdvice(error.field) },
            }
          : { messageId: "fixGeneral", data: { message: error.message } },
    );
    steps.push({ messageId: "resubmit", data: {} });
    const withErrors = [
      ...evidence,
      ...errors.map((error) => ({
        field: `campaign.${error.field ?? "form"}`,
        after: error.message,
        observedAt: company.observedAt,
      })),
    ];
    return [
      finding(meta, "confirmed", "rejected", { errorCount: errors.length }, withErrors, {
        steps,
        actor: "admin",
        expectedDelay: { typical: "P14D", max: "P28D" },
      }),
    ];
  },
};
