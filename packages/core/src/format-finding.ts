import { UnknownFindingError } from "./errors.js";
import { formatPhoneNumberForPeople } from "./facts/phone-number.js";
import { humanDuration } from "./human-duration.js";
import { ruleMeta } from "./rules/index.js";
import type { Finding, MessageData } from "./schemas/diagnosis.js";

/** A finding in English, ready to show or paste into a support ticket. */
export interface FormattedFinding {
  title: string;
  explanation: string;
  steps: string[];
  article: { title: string; url: string };
}

export { humanDuration };

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * Fills a message template's `{{placeholders}}`; throws when one has no value (a rule bug, never silent).
 * Data keeps durations in ISO 8601 and phone numbers in E.164 for machines; people read "3 hours 1 minute"
 * and "+1 415-200-1234".
 */
export function fillMessage(template: string, data: MessageData): string {
  return template.replace(PLACEHOLDER, (_, key: string) => {
    const value = data[key];
    if (value === undefined) throw new Error(`message placeholder {{${key}}} has no value`);
    if (typeof value !== "string") return String(value);
    return E164.test(value) ? formatPhoneNumberForPeople(value) : humanDuration(value);
  });
}

/** A whole value in E.164: how rules put phone numbers in data (other text, such as licenses, never is). */
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * English title, explanation and resolution steps of a finding, with every placeholder filled. A finding
 * this version does not know (a newer worker's rule or message) is refused with `UnknownFindingError`.
 */
export function formatFinding(finding: Finding): FormattedFinding {
  const meta = ruleMeta(finding.ruleId);
  if (!meta) throw new UnknownFindingError("ruleId", String(finding.ruleId));
  // Own keys only: a messageId such as "toString" must not find Object.prototype's function.
  const message = (messageId: string, field: string) => {
    const template = Object.hasOwn(meta.messages, messageId) ? meta.messages[messageId] : undefined;
    if (typeof template !== "string") throw new UnknownFindingError(field, String(messageId));
    return template;
  };
  return {
    title: meta.title,
    explanation: fillMessage(message(finding.messageId, "messageId"), finding.data),
    steps: finding.resolution.steps.map((step, i) =>
      fillMessage(message(step.messageId, `resolution.steps.${i}.messageId`), step.data),
    ),
    article: { title: meta.docs.article, url: meta.docs.url },
  };
}
