/** What the demo says as it goes: a heading per stage, a line per thing done, ✓/✗ for checks. */
export interface Progress {
  stage(text: string): void;
  info(text: string): void;
  check(ok: boolean, text: string): void;
  /** Anything printed as it is (the summary table, the --keep instructions). */
  block(text: string): void;
}

export function consoleProgress(stream: NodeJS.WriteStream = process.stdout): Progress {
  const color = stream.isTTY && !process.env.NO_COLOR;
  const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const write = (line: string) => stream.write(`${line}\n`);
  return {
    stage: (text) => write(`\n${paint("1;34", `▸ ${text}`)}`),
    info: (text) => write(`  ${text}`),
    check: (ok, text) => write(`  ${ok ? paint("32", "✓") : paint("31", "✗")} ${text}`),
    block: (text) => write(text),
  };
}

/** Keeps every line (for tests, and for a report of a run that failed). */
export function recordingProgress(): Progress & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    stage: (text) => lines.push(`▸ ${text}`),
    info: (text) => lines.push(`  ${text}`),
    check: (ok, text) => lines.push(`  ${ok ? "✓" : "✗"} ${text}`),
    block: (text) => lines.push(text),
  };
}
