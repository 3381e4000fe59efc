import { fillMessage, formatFinding } from "./format-finding.js";
import { ruleMeta } from "./rules/index.js";
import type { Diagnosis, Finding } from "./schemas/diagnosis.js";

/**
 * What a diagnosis can say of its cause, for headings (the panel, the Users list badge, the fleet
 * audit's groups): a top finding that is `possible` is one candidate among others, and a heading naming
 * it would read as the cause.
 * - `established`: the top finding is confirmed or likely, or is not a blocking cause at all (advice);
 *   it can head the diagnosis.
 * - `undetermined`: the top finding is a blocking cause that is only possible; `candidates` are every
 *   such finding, most likely first, and `tellApart` what would tell them apart (each rule's
 *   `meta.tellApart`, each text once).
 * - `none`: nothing was found.
 */
export type Cause =
  | { kind: "established"; finding: Finding }
  | { kind: "undetermined"; smsOff: boolean; candidates: Finding[]; tellApart: string[] }
  | { kind: "none" };

/** Whether the diagnosis's top finding can be shown as the cause; if not, its candidates and what would tell them apart. */
export function causeOf(diagnosis: Diagnosis): Cause {
  const top = diagnosis.findings[0];
  if (!top) return { kind: "none" };
  if (top.certainty !== "possible" || top.severity !== "blocking")
    return { kind: "established", finding: top };
  const candidates: Finding[] = [];
  const tellApart: string[] = [];
  for (const finding of diagnosis.findings) {
    if (finding.certainty !== "possible" || finding.severity !== "blocking") continue;
    candidates.push(finding);
    const tells = ruleMeta(finding.ruleId)?.tellApart;
    if (tells !== undefined && !tellApart.includes(tells)) tellApart.push(tells);
  }
  // With only possible blocking findings, the verdict is cannot-send only when SMS is shown off (Enabling
  // Failed always brings a confirmed finding, which would rank first).
  return { kind: "undetermined", smsOff: diagnosis.verdict === "cannot-send", candidates, tellApart };
}

/** Headings and sentences of a cause, keyed by message id; the panel, badge and audit word it alike. */
export const CAUSE_MESSAGES = {
  smsOffCauseUnknown: "SMS is off; the cause can't be told from what was seen",
  causeUnknown: "SMS may not work; the cause can't be told from what was seen",
  noCause: "No cause was found",
  candidates: "Possible causes: {{candidates}}.",
} as const;

/** A cause in English: a heading, a sentence, the candidates' titles and what would tell them apart. */
export interface FormattedCause {
  heading: string;
  explanation: string;
  candidates: { ruleId: string; title: string }[];
  tellApart: string[];
}

/** Words a `Cause`: an established one by its finding's title and explanation, an undetermined one by `CAUSE_MESSAGES`. */
export function formatCause(cause: Cause): FormattedCause {
  if (cause.kind === "none") {
    return { heading: CAUSE_MESSAGES.noCause, explanation: "", candidates: [], tellApart: [] };
  }
  if (cause.kind === "established") {
    const text = formatFinding(cause.finding);
    const candidates = [{ ruleId: cause.finding.ruleId, title: text.title }];
    return { heading: text.title, explanation: text.explanation, candidates, tellApart: [] };
  }
  const candidates = cause.candidates.map((f) => ({
    ruleId: f.ruleId,
    title: ruleMeta(f.ruleId)?.title ?? f.ruleId,
  }));
  // Titles are headings ("The user's phone number was changed"); in a list inside a sentence they start lower case.
  const listed = candidates.map(({ title }) => title.charAt(0).toLowerCase() + title.slice(1)).join("; ");
  return {
    heading: cause.smsOff ? CAUSE_MESSAGES.smsOffCauseUnknown : CAUSE_MESSAGES.causeUnknown,
    explanation: fillMessage(CAUSE_MESSAGES.candidates, { candidates: listed }),
    candidates,
    tellApart: cause.tellApart,
  };
}
