/**
 * What carriers look for in each field of the SMS registration form, so a rejection's fix says more
 * than the error repeats: the campaign-not-verified finding and the extension's SMS page panel both
 * give this advice. Labels are matched loosely (the console's wording varies between form versions);
 * the first match wins, so the narrower patterns come first.
 */

const ADVICE: readonly (readonly [RegExp, string])[] = [
  [
    /\btax\b|\bein\b|\butr\b/i,
    "Use the number from the tax authority's letter, matching the legal company name exactly.",
  ],
  [
    /legal company name/i,
    "Write the name exactly as the tax authority's letter shows it, punctuation and suffix (Inc., LLC…) included.",
  ],
  [
    /description/i,
    "Say who sends the messages, to whom and why, in a sentence or two a carrier can check against the samples.",
  ],
  [
    /call to action/i,
    "Describe exactly how people opt in (for example a web form with an unticked consent box, or a keyword they text), where, and what they are told.",
  ],
  [
    /opt[- ]?in keyword/i,
    "List the keywords that subscribe someone, such as START or JOIN, separated by commas.",
  ],
  [
    /opt[- ]?in response/i,
    "Name the brand, say what messages follow and how often, and mention HELP, STOP and that message and data rates may apply.",
  ],
  [/opt[- ]?out keyword/i, "Include STOP, and the usual variants such as END, CANCEL, UNSUBSCRIBE and QUIT."],
  [/opt[- ]?out response/i, "Name the brand and confirm that no further messages will be sent."],
  [/help keyword/i, "Include HELP (and INFO if you use it)."],
  [
    /help response/i,
    "Name the brand and give a way to reach a person, such as a phone number or email address.",
  ],
  [
    /sample/i,
    "Give realistic messages that name the brand and match the campaign description; include opt-out wording in at least one.",
  ],
  [
    /\bdba\b|brand name/i,
    "Use the name customers know the company by; it must appear in the sample messages.",
  ],
  [/stock/i, "Public companies: give the ticker and the exchange exactly as listed."],
  [
    /\bduns\b|\bgiin\b|\blei\b|alternative business id/i,
    "Check the number against the issuing registry; leave it empty if the company has none.",
  ],
];

const GENERAL = "Correct the value as the error says, then submit the form again.";

/** Advice for a registration-form field, or general advice for a field SMS Doctor does not know. */
export function registrationAdvice(field: string | undefined): string {
  if (!field) return GENERAL;
  return ADVICE.find(([label]) => label.test(field))?.[1] ?? GENERAL;
}
