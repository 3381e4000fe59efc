import type { DiagnosisFacts } from "./facts/diagnosis-facts.js";
import type { Finding, Verdict } from "./schemas/diagnosis.js";

/**
 * The verdict follows what is certain: SMS shown off (or Enabling Failed) means it cannot send whatever
 * the cause; a confirmed or likely blocking finding means it cannot send; Pending with nothing else
 * blocking is `pending`; `can-send` needs SMS Enabled, a VERIFIED campaign where one is needed, and
 * nothing that might block.
 */
export function verdictOf(facts: DiagnosisFacts, findings: readonly Finding[]): Verdict {
  const { current } = facts;
  if (current.smsOff || current.smsStatus === "enabling-failed") return "cannot-send";
  let mightBlock = false;
  for (const f of findings) {
    if (f.severity !== "blocking") continue;
    if (f.certainty !== "possible") return "cannot-send";
    mightBlock = true;
  }
  if (current.smsStatus === "pending") return "pending";
  if (mightBlock || current.smsStatus !== "enabled") return "unknown";
  const campaignOk = !facts.usCa || facts.company?.campaign.status === "verified";
  return campaignOk ? "can-send" : "unknown";
}
