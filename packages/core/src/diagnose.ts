import { DiagnosisInputError, toInputIssues } from "./errors.js";
import { type DiagnosisFacts, diagnosisFacts } from "./facts/diagnosis-facts.js";
import { RULES } from "./rules/index.js";
import {
  type Diagnosis,
  type DiagnosisInput,
  DiagnosisInputSchema,
  type Finding,
} from "./schemas/diagnosis.js";
import { isDiagnosisInput } from "./schemas/diagnosis-input-guard.js";
import { verdictOf } from "./verdict.js";

const SEVERITY_RANK = { blocking: 0, warning: 1, info: 2 } as const;
const CERTAINTY_RANK = { confirmed: 0, likely: 1, possible: 2 } as const;

function byImportance(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    CERTAINTY_RANK[a.certainty] - CERTAINTY_RANK[b.certainty]
  );
}

/**
 * Why the user can or cannot send SMS, and what to do. Pure, synchronous and deterministic: it never
 * reads the clock (`input.now` is the time). Throws `DiagnosisInputError` naming every bad field.
 */
export function diagnose(input: unknown): Diagnosis {
  // The fast guard accepts exactly what the schema accepts; zod runs only to name what is wrong.
  const parsed = isDiagnosisInput(input) ? input : parseDiagnosisInput(input);
  return evaluateRules(diagnosisFacts(parsed));
}

/** Validates raw input with `DiagnosisInputSchema`; throws `DiagnosisInputError` naming every bad path. */
export function parseDiagnosisInput(input: unknown): DiagnosisInput {
  const result = DiagnosisInputSchema.safeParse(input);
  if (!result.success) throw new DiagnosisInputError(toInputIssues(result.error));
  return result.data;
}

/** Runs every rule over already-worked-out facts and ranks the findings: most important first. */
export function evaluateRules(facts: DiagnosisFacts): Diagnosis {
  // Most diagnoses have no finding or one: the list is made at the first, at the size needed.
  let findings: Finding[] | undefined;
  const situations = facts.situations;
  for (let i = 0; i < RULES.length; i++) {
    const rule = RULES[i]!;
    if ((rule.triggers & situations) === 0) continue; // cannot find anything here: not called
    const found = rule.evaluate(facts);
    if (found.length === 0) continue;
    if (findings === undefined)
      findings = found as Finding[]; // a rule's list is new, and ours to keep
    else for (let j = 0; j < found.length; j++) findings.push(found[j]!);
  }
  if (findings === undefined) findings = [];
  else if (findings.length > 1) rankByImportance(findings);
  return { verdict: verdictOf(facts, findings), findings };
}

/**
 * Sorts findings most important first. Findings arrive in registry order and this insertion sort is
 * stable, so equals keep the registry's rank; with the two or three findings a diagnosis has, it costs
 * less than calling `Array.prototype.sort` with a comparator.
 */
function rankByImportance(findings: Finding[]): void {
  for (let i = 1; i < findings.length; i++) {
    const finding = findings[i]!;
    let j = i;
    for (; j > 0 && byImportance(findings[j - 1]!, finding) > 0; j--) findings[j] = findings[j - 1]!;
    findings[j] = finding;
  }
}
