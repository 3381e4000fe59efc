import type { DiagnosisFacts } from "../facts/diagnosis-facts.js";
import type { Finding, Severity } from "../schemas/diagnosis.js";
import type { SnapshotSource } from "../schemas/user-snapshot.js";

/** Describes a rule, ESLint-style: what it finds, where it applies, and every message it can produce. */
export interface RuleMeta {
  id: string;
  /** A short title for the cause, shown as a finding's heading. */
  title: string;
  description: string;
  /** The severity of its main finding (a finding may say less, e.g. a warning for a near miss). */
  severity: Severity;
  /** `all`, or the countries (ISO codes) whose numbers it applies to. */
  regions: "all" | readonly string[];
  docs: { article: string; url: string };
  /** Message templates with `{{placeholders}}`, keyed by messageId: findings' and resolution steps'. */
  messages: Readonly<Record<string, string>>;
  /**
   * For rules whose finding can be only `possible`: what would confirm or rule the cause out, as a
   * sentence without placeholders. Candidates sharing it (the same text) are told apart by the same
   * observation, and `causeOf` lists it once.
   */
  tellApart?: string;
  /** What a reader of the rule's page needs to know that no message states in full (e.g. what "recently" means). */
  notes?: readonly string[];
  /**
   * Set when only snapshots from these sources carry the facts the rule needs (the console page
   * doesn't show them), so no console-read scenario can show it firing.
   */
  seenOnlyIn?: readonly SnapshotSource[];
  /**
   * Set when the rule compares what the console shows with a carrier's own record of the number (a provisioning
   * record the worker keeps through Telnyx, Twilio, Bandwidth or Sinch): no snapshot alone, hence no console-read
   * scenario, can show it firing; the worker's tests do, against the carrier simulator.
   */
  needsCarrierRecord?: boolean;
}

export interface Rule {
  meta: RuleMeta;
  /**
   * The situations (bits of `Situation`) in which this rule can find anything; it is not called in
   * others. Every rule is held to this by a property test.
   */
  triggers: number;
  /**
   * Returns this rule's findings (usually zero or one) in a new list the caller may keep, or `NONE`
   * when there are none. Pure.
   */
  evaluate(facts: DiagnosisFacts): readonly Finding[];
}

/** A link to 8x8's support search for an article title (8x8 publishes titles, not stable links). */
export function articleUrl(article: string): string {
  return `https://support.8x8.com/search?q=${encodeURIComponent(article)}`;
}

export const ARTICLE_PREVIOUSLY_ENABLED = "Previously Enabled Users Can't Send SMS Messages";
export const ARTICLE_CANNOT_SEND = "8x8 Admin Console Extension Cannot Send or Receive SMS";
export const ARTICLE_REGISTER_CAMPAIGN = "How to register an SMS campaign";
export const ARTICLE_SMS_FAQ = "8x8 Work SMS FAQ";
export const ARTICLE_SYNC_ISSUE = "SMS Campaign Registration: Assigned Phone Numbers Sync Issue";
export const ARTICLE_TAX_INFO = "Incorrect Tax info causes Brand rejection";

/**
 * What tells apart the causes the article lists when only the current state is known: the phone number,
 * the license and SMS each changed or not since SMS was last on.
 */
export const EARLIER_STATE_TELLS_APART =
  "An earlier state of the user would tell whether the phone number, the license or the SMS switch changed: SMS Doctor keeps one each time the user's page is opened in the console, and the worker's directory sync reads them from the Administration API.";
