// What a finding's English must never do: leave a placeholder, run two sentences together, start a
// sentence in lower case, or say what its evidence (and the case it was found in) contradicts.
import {
  type DiagnosisInput,
  diagnosisFacts,
  type Finding,
  type FormattedFinding,
  RULES,
  registrationAdvice,
} from "../../src/index.js";

/** Capitalized words that may follow a lower-case word: console labels and names, not sentence starts. */
const MID_SENTENCE_WORDS = new Set([
  "SMS",
  "The",
  "Save",
  "Enabled",
  "Pending",
  "Enabling",
  "Admin",
  "US",
  "Disabled",
]);

/** The first words of every template and piece of advice: a sentence of ours starts with one of them. */
const SENTENCE_STARTS = new Set(
  [
    ...RULES.flatMap((rule) => Object.values(rule.meta.messages)),
    ...["Sample", "Opt-in keywords", "Tax Number", "DUNS", "brand name", "x"].map(registrationAdvice),
  ]
    .map((text) => /^[A-Z][\w'-]*/.exec(text)?.[0])
    .filter((word): word is string => word !== undefined && !MID_SENTENCE_WORDS.has(word)),
);

const RUN_ON = new RegExp(`[a-z0-9,] (${[...SENTENCE_STARTS].join("|")})\\b`);

/** Problems with one line of text (an explanation or a step); empty when it reads well. */
export function lineProblems(line: string): string[] {
  const problems: string[] = [];
  if (/\{\{/.test(line)) problems.push("unfilled placeholder");
  if (!/^[A-Z0-9"'(+]/.test(line)) problems.push("does not start as a sentence");
  if (!/[.!?]["')]?$/.test(line)) problems.push("does not end as a sentence");
  if (/ {2}| [.,;:]|\.\.|,[.,]|[.!?][A-Za-z]/.test(line.replace(/\b(?:e\.g|i\.e|Inc|etc)\./g, "x"))) {
    problems.push("stray space or punctuation");
  }
  if (/[.!?] [a-z]/.test(line)) problems.push("a sentence starts in lower case");
  const runOn = RUN_ON.exec(line);
  if (runOn) problems.push(`run-on sentence at "${runOn[0]}"`);
  return problems;
}

/** Everything the text of a finding says that its evidence or the case it was found in contradicts. */
export function contradictions(finding: Finding, text: FormattedFinding, input: DiagnosisInput): string[] {
  const all = [text.explanation, ...text.steps].join("\n");
  const problems: string[] = [];
  const facts = diagnosisFacts(input);
  const lastOn = facts.lastSmsOn;
  const numberChanged = finding.evidence.some(
    (e) => e.field === "phoneNumber" && e.before != null && e.after != null && e.before !== e.after,
  );
  const sameAsBefore =
    lastOn !== undefined && lastOn.number !== null && lastOn.number === facts.current.number;
  if (/same number/.test(all) && (numberChanged || !sameAsBefore)) {
    problems.push("says the number is the same, but it changed or nothing shows it is the same");
  }
  if (/phone number was changed to|for the new number/.test(all) && !numberChanged) {
    problems.push("says the number changed, but no evidence shows a change");
  }
  if (
    /the license was removed/.test(all) &&
    !finding.evidence.some((e) => e.field === "license" && e.after === null)
  ) {
    problems.push("says the license was removed, but the evidence shows none removed");
  }
  if (/has no license now/.test(all) && input.current.license !== null) {
    problems.push("says the user has no license now, but one is shown");
  }
  if (
    finding.certainty === "possible" &&
    finding.severity === "blocking" &&
    !/\b(If|if|may|might|not seen|has not)\b/.test(text.explanation)
  ) {
    problems.push("a possible cause is stated as fact");
  }
  return problems;
}
