import type { z } from "zod";

/** One offending field: its dotted path (e.g. `current.sms.status`) and what is wrong with it. */
export interface InputIssue {
  path: string;
  message: string;
}

/** Thrown by `diagnose` for input that does not match `DiagnosisInputSchema`; names every offending path. */
export class DiagnosisInputError extends Error {
  readonly code = "invalid-diagnosis-input";
  readonly issues: readonly InputIssue[];

  constructor(issues: readonly InputIssue[]) {
    super(`Invalid diagnosis input: ${issues.map((i) => `${i.path || "(input)"}: ${i.message}`).join("; ")}`);
    this.name = "DiagnosisInputError";
    this.issues = issues;
  }
}

/** Turns zod issues into `path: message` pairs with dotted paths (`history.2.observedAt`). */
export function toInputIssues(error: z.ZodError): InputIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/** The first zod issue as `path: message` (or the message alone at the root): a skipped row's reason. */
export function firstIssueText(error: z.ZodError): string {
  const [issue] = toInputIssues(error);
  if (!issue) return "invalid";
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/**
 * Thrown by `formatFinding` for a finding whose `ruleId`, or one of whose `messageId`s, this version of core
 * does not know: a finding from a newer worker. Callers show what they can instead (the finding's data).
 */
export class UnknownFindingError extends Error {
  readonly code = "unknown-finding";

  constructor(
    /** `ruleId`, `messageId` or `resolution.steps.<n>.messageId`. */
    readonly field: string,
    readonly value: string,
  ) {
    super(`${field}: "${value}" is not known to this version of SMS Doctor`);
    this.name = "UnknownFindingError";
  }
}
