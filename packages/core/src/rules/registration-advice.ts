/**
 * What carriers look for in each field of the SMS registration form, so a rejection's fix says more
 * than the error repeats. Keys are the console's field labels, compared without case.
 */
const ADVICE: Readonly<Record<string, string>> = {
  "campaign description":
    "Say who sends the messages, to whom and why, in a sentence or two a carrier can check against the samples.",
  "call to action":
    "Describe exactly how people opt in (for example a web form with an unticked consent box, or a keyword they text), where, and what they are told.",
  "opt in keywords": "List the keywords that subscribe someone, such as START or JOIN, separated by commas.",
  "opt in response message":
    "Name the brand, say what messages follow and how often, and mention HELP, STOP and that message and data rates may apply.",
  "opt out keywords": "Include STOP, and the usual variants such as END, CANCEL, UNSUBSCRIBE and QUIT.",
  "opt out response message": "Name the brand and confirm that no further messages will be sent.",
  "help keywords": "Include HELP (and INFO if you use it).",
  "help response message":
    "Name the brand and give a way to reach a person, such as a phone number or email address.",
  "sample message":
    "Give realistic messages that name the brand and match the campaign description; include opt-out wording in at least one.",
  "legal company name":
    "Write the name exactly as the tax authority's letter shows it, punctuation included.",
  "tax number/id/ein/utr":
    "Use the number from the tax authority's letter, matching the legal company name exactly.",
};

const GENERAL = "Correct the field as the error says.";

/** Advice for a registration-form field, or general advice for a field SMS Doctor does not know. */
export function registrationAdvice(field: string | undefined): string {
  if (!field) return GENERAL;
  // A form has a dozen fields: remember each label's advice rather than normalize it every time.
  let advice = byLabel.get(field);
  if (advice === undefined) {
    advice = ADVICE[field.trim().toLowerCase()] || GENERAL;
    if (byLabel.size >= 1_000) byLabel.clear();
    byLabel.set(field, advice);
  }
  return advice;
}

const byLabel = new Map<string, string>();
