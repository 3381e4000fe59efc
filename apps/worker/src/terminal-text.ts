/**
 * Outside text (a user's name from the Administration API, a license, a file name) made safe to print on a
 * terminal: control characters (ANSI and OSC escapes included) and bidirectional overrides would let it
 * repaint the screen or retitle the window, so each becomes U+FFFD. `audit` and `sync` print through this.
 */
export function terminalText(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "\ufffd");
}
