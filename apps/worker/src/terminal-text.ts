import { formatPhoneNumberForPeople } from "@sms-doctor/core";

/**
 * Outside text (a user's name from the Administration API, a license, a file name) made safe to print on a
 * terminal: control characters (ANSI and OSC escapes included) and bidirectional overrides would let it
 * repaint the screen or retitle the window, so each becomes U+FFFD. `audit` and `sync` print through this.
 */
export function terminalText(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "\ufffd");
}

/**
 * A phone number as people read it on a terminal or in a report (core's formatPhoneNumberForPeople:
 * "+1 415-200-1234", international format elsewhere), made safe like any outside text. CSV and JSON keep E.164.
 */
export function numberForPeople(number: string): string {
  return terminalText(formatPhoneNumberForPeople(number));
}
