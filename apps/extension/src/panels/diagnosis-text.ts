/**
 * The plain-text diagnosis an administrator pastes into a support ticket. Written by the background (it uses
 * core's libphonenumber-based formatting, which the content script must not carry).
 */
import { formatPhoneNumberForPeople, type UserSnapshot } from "@sms-doctor/core";
import type { ExplainedFinding, UserDiagnosisView } from "../messaging/messages";
import { actorWords, certaintyWords, fieldWords, formatValue, verdictWords } from "./words";

function findingText(finding: ExplainedFinding, index: number): string[] {
  const lines = [`${index + 1}. ${finding.title} [${certaintyWords[finding.certainty]}, ${finding.ruleId}]`];
  lines.push(`   ${finding.explanation}`);
  for (const evidence of finding.evidence) {
    const field = fieldWords[evidence.field] ?? evidence.field;
    lines.push(
      `   Seen: ${field} ${formatValue(evidence.before)} -> ${formatValue(evidence.after)} (${evidence.observedAt})`,
    );
  }
  finding.steps.forEach((step, stepIndex) => {
    lines.push(`   Step ${stepIndex + 1}: ${step}`);
  });
  const wait = finding.expectedWait ? `; expected wait ${finding.expectedWait}` : "";
  lines.push(`   Who acts: ${actorWords[finding.actor]}${wait}`);
  if (finding.article) lines.push(`   8x8 article: ${finding.article.title} <${finding.article.url}>`);
  return lines;
}

const number = (value: string | null | undefined) =>
  value ? formatPhoneNumberForPeople(value) : formatValue(value);

export function diagnosisText(
  view: Pick<UserDiagnosisView, "verdict" | "findings" | "tracking" | "diagnosedAt">,
  snapshot: UserSnapshot,
): string {
  const who = snapshot.displayName ? `${snapshot.displayName} (${snapshot.userId})` : snapshot.userId;
  const lines = [
    `SMS Doctor diagnosis for ${who}, ${view.diagnosedAt}`,
    `Verdict: ${verdictWords[view.verdict]} (${view.verdict})`,
    "",
    "Read from the Admin Console:",
    `  License: ${formatValue(snapshot.license)}`,
    `  Phone Number: ${number(snapshot.phoneNumber)}`,
    `  Extension number: ${formatValue(snapshot.extensionNumber)}`,
    `  SMS number: ${number(snapshot.sms?.number)}`,
    `  SMS switch: ${formatValue(snapshot.sms?.enabled)}`,
    `  SMS status: ${formatValue(snapshot.sms?.status)}`,
    "",
  ];
  if (view.findings.length === 0) lines.push("No problem found.");
  else {
    lines.push("Findings (most important first):");
    view.findings.forEach((finding, index) => {
      lines.push(...findingText(finding, index));
    });
  }
  if (view.tracking.kind === "tracked") {
    const { tracking } = view.tracking;
    lines.push(
      "",
      `Carrier provisioning of ${tracking.numberForPeople}: ${tracking.state} since ${tracking.since}${tracking.stalled ? " (stalled)" : ""}${tracking.carrierReadiness ? `; ${tracking.carrierReadiness}` : ""}`,
    );
  }
  return lines.join("\n");
}
