/**
 * "Copy support case": everything 8x8 support asks for about a user who can't send SMS, in one paste, as plain
 * text and as Markdown: the user, their numbers with country, license, the company's campaign status and its
 * errors, the history timeline with each observation's source, the carrier tracker's state and times (with a
 * worker), which documented fixes were already tried and when, and the verdict and findings with their certainty.
 *
 * Only this user's own data: never the worker's token or URL (the background holds them, the case never sees
 * them), and not the company's list of SMS enabled numbers (other users' numbers).
 */
import {
  type CompanySmsRegistration,
  formatPhoneNumberForPeople,
  regionOf,
  toE164,
  type UserSnapshot,
} from "@sms-doctor/core";
import type { UserDiagnosisView } from "../messaging/messages";
import { actorWords, certaintyWords, fieldWords, formatValue, verdictWords } from "../panels/words";

export interface CaseInput
  extends Pick<UserDiagnosisView, "verdict" | "findings" | "cause" | "tracking" | "diagnosedAt" | "worker"> {
  snapshot: UserSnapshot;
  /** The user's history before this visit (this browser's and the worker's), oldest first. */
  history: UserSnapshot[];
  company?: CompanySmsRegistration;
}

/** A section of the case: a title and its lines (a line may be nested one level under the previous). */
interface Section {
  title: string;
  lines: (string | string[])[];
}

const SOURCE_WORDS: Record<string, string> = {
  console: "Admin Console",
  "admin-api": "Administration API (directory sync)",
  import: "imported history",
};

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** "+1 415-200-1234 (United States)": a number as people read it, with its country. */
export function numberWithCountry(number: string | null | undefined): string {
  if (!number) return "(none)";
  const e164 = toE164(number);
  const region = e164 ? regionOf(e164) : null;
  const country = region ? regionNames.of(region) : undefined;
  return `${formatPhoneNumberForPeople(number)}${country ? ` (${country})` : ""}`;
}

const smsWords = (snapshot: UserSnapshot): string => {
  // The Administration API can't see SMS; on the console no SMS row is shown.
  if (!snapshot.sms) return snapshot.source === "admin-api" ? "not visible to this source" : "not shown";
  const status = snapshot.sms.status ? `, status ${snapshot.sms.status}` : "";
  return `${numberWithCountry(snapshot.sms.number)}, switch ${snapshot.sms.enabled ? "on" : "off"}${status}`;
};

/** One observation of the timeline: what it saw of the fields support cares about. */
function observationLine(snapshot: UserSnapshot): string {
  const source = SOURCE_WORDS[snapshot.source ?? "console"] ?? snapshot.source;
  const license = snapshot.license === undefined ? "" : `license ${formatValue(snapshot.license)}; `;
  const phone =
    snapshot.phoneNumber === undefined ? "" : `phone number ${numberWithCountry(snapshot.phoneNumber)}; `;
  return `${snapshot.observedAt} (${source}): ${license}${phone}SMS ${smsWords(snapshot)}`;
}

/**
 * The documented fixes (8x8's articles: enable SMS again for the number; assign a license of X2 or higher, then
 * enable SMS) the history shows were done, with when: SMS switched on for a number after it was seen off, and a
 * license given to a user who had none.
 */
export function fixesTried(timeline: UserSnapshot[]): string[] {
  const tried: string[] = [];
  let known: Pick<UserSnapshot, "sms" | "license"> | undefined;
  for (const snapshot of timeline) {
    if (known) {
      if (snapshot.sms?.enabled && known.sms && !known.sms.enabled) {
        tried.push(`${snapshot.observedAt}: SMS enabled again for ${numberWithCountry(snapshot.sms.number)}`);
      }
      if (snapshot.license && known.license === null) {
        tried.push(`${snapshot.observedAt}: license assigned (${snapshot.license})`);
      }
    }
    // A source that can't see SMS (the Administration API) says nothing about it.
    known = { sms: snapshot.sms ?? known?.sms ?? null, license: snapshot.license };
  }
  return tried;
}

function sections(input: CaseInput): Section[] {
  const { snapshot, company } = input;
  const user: Section = {
    title: "User",
    lines: [
      `User id: ${snapshot.userId}`,
      ...(snapshot.displayName ? [`Name: ${snapshot.displayName}`] : []),
      `License: ${formatValue(snapshot.license)}`,
      `Phone Number: ${numberWithCountry(snapshot.phoneNumber)}`,
      `Extension number: ${formatValue(snapshot.extensionNumber)}`,
      `SMS: ${smsWords(snapshot)}`,
    ],
  };
  const campaign: Section = {
    title: "Company SMS registration",
    lines: company
      ? [
          `As seen on Home > SMS at ${company.observedAt}`,
          `Brand: ${company.brand.status}`,
          `Campaign: ${company.campaign.status}`,
          ...(company.campaign.errors.length === 0
            ? ["Registration errors: none"]
            : [
                "Registration errors:",
                company.campaign.errors.map((error) =>
                  error.field ? `${error.field}: ${error.message}` : error.message,
                ),
              ]),
        ]
      : ["Not seen yet: SMS Doctor learns it when Home > SMS is opened."],
  };
  const verdict: Section = {
    title: "Verdict",
    lines: [
      `${verdictWords[input.verdict]} (${input.verdict}), diagnosed ${input.diagnosedAt}`,
      ...(input.cause.explanation ? [`${input.cause.heading}. ${input.cause.explanation}`] : []),
    ],
  };
  const findings: Section = {
    title: "Findings (most important first)",
    lines:
      input.findings.length === 0
        ? ["No problem found."]
        : input.findings.flatMap((finding, index) => [
            `${index + 1}. ${finding.title} [${certaintyWords[finding.certainty]}, ${finding.ruleId}]`,
            [
              finding.explanation,
              ...finding.evidence.map(
                (e) =>
                  `Seen: ${fieldWords[e.field] ?? e.field} ${formatValue(e.before)} -> ${formatValue(e.after)} (${e.observedAt})`,
              ),
              ...finding.steps.map((step, i) => `Step ${i + 1}: ${step}`),
              `Who acts: ${actorWords[finding.actor]}${finding.expectedWait ? `; expected wait ${finding.expectedWait}` : ""}`,
            ],
          ]),
  };
  const tracking: Section = { title: "Carrier tracking", lines: [trackingWords(input)] };
  const timeline = [...input.history, snapshot];
  const tried = fixesTried(timeline);
  const fixes: Section = {
    title: "Documented fixes already tried (from the history)",
    lines: tried.length > 0 ? tried : ["None seen in the history."],
  };
  const history: Section = {
    title: `History timeline (oldest first, ${timeline.length} observation${timeline.length === 1 ? "" : "s"})`,
    lines: timeline.map(observationLine),
  };
  return [user, campaign, verdict, findings, tracking, fixes, history];
}

function trackingWords(input: CaseInput): string {
  const status = input.tracking;
  if (status.kind === "tracked") {
    const t = status.tracking;
    return [
      `${t.numberForPeople}: ${t.stateWords} (${t.state}) since ${t.since}${t.stalled ? ", stalled" : ""}`,
      t.carrierReadiness ? `carriers: ${t.carrierReadiness}` : "",
      t.lastCheckedAt ? `last checked ${t.lastCheckedAt}` : "",
      t.nextCheckAt ? `next check ${t.nextCheckAt}` : "",
      t.expectedRemainingWords ? `expected remaining about ${t.expectedRemainingWords}` : "",
    ]
      .filter(Boolean)
      .join("; ");
  }
  if (status.kind === "error") return `Unavailable: ${status.message}`;
  if (status.kind === "not-configured") return "No worker configured, so the carriers are not tracked.";
  if (input.worker?.state === "asking") return "The worker was still being asked.";
  return "Not applicable (only Pending US and Canadian numbers are tracked with the carriers).";
}

/** Characters Markdown would read as formatting in text that came from the page. */
const escapeMarkdown = (text: string) => text.replace(/[\\`*_[\]<>#|]/g, "\\$&");

export function supportCase(input: CaseInput): { text: string; markdown: string } {
  const who = input.snapshot.displayName
    ? `${input.snapshot.displayName} (${input.snapshot.userId})`
    : input.snapshot.userId;
  const title = `SMS support case for ${who}, prepared by SMS Doctor`;
  const all = sections(input);
  const text = [title, ""];
  const markdown = [`# ${escapeMarkdown(title)}`, ""];
  for (const section of all) {
    text.push(`${section.title}:`);
    markdown.push(`## ${section.title}`, "");
    for (const line of section.lines) {
      if (typeof line === "string") {
        text.push(`  ${line}`);
        markdown.push(`- ${escapeMarkdown(line)}`);
      } else {
        for (const nested of line) {
          text.push(`     ${nested}`);
          markdown.push(`  - ${escapeMarkdown(nested)}`);
        }
      }
    }
    text.push("");
    markdown.push("");
  }
  return { text: text.join("\n").trimEnd(), markdown: markdown.join("\n").trimEnd() };
}
