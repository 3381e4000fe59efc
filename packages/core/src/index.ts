export { CAUSE_MESSAGES, type Cause, causeOf, type FormattedCause, formatCause } from "./cause.js";
export { diagnose, evaluateRules, parseDiagnosisInput } from "./diagnose.js";
export { DiagnosisInputError, firstIssueText, type InputIssue, UnknownFindingError } from "./errors.js";
export { DiagnosisFacts, diagnosisFacts, SnapshotFacts } from "./facts/diagnosis-facts.js";
export { type LicenseSms, licenseSms } from "./facts/license.js";
export {
  formatPhoneNumberForPeople,
  isTollFree,
  isUsOrCanada,
  regionOf,
  toE164,
} from "./facts/phone-number.js";
export { Situation, situationsOf } from "./facts/situation.js";
export { type FormattedFinding, fillMessage, formatFinding, humanDuration } from "./format-finding.js";
export * from "./lifecycle/index.js";
export {
  formatSavePrediction,
  predictSave,
  SAVE_MESSAGES,
  type SaveContext,
  type SavePrediction,
  type SavePredictionData,
  type UserFormState,
} from "./predict-save.js";
export { RULE_IDS, RULES, type Rule, type RuleMeta, ruleMeta } from "./rules/index.js";
export { registrationAdvice } from "./rules/registration-advice.js";
export { carrierSaysUnassigned } from "./rules/sms-sync-issue.js";
export { provisioningFinding } from "./rules/verification-pending.js";
export * from "./schemas/index.js";
export { verdictOf } from "./verdict.js";
