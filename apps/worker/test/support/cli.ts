import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { CLI_BUNDLE } from "./global-setup.js";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment every CLI run needs; tests add their own variables to it. */
export function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...extra };
}

/**
 * Runs the built `sms-doctor` CLI with exactly `env`, collecting what it prints. `done` settles when it
 * exits; `output()` reads stdout so far, for long-running commands a test stops itself.
 */
export function runCli(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcessWithoutNullStreams; done: Promise<CliResult>; output: () => string } {
  const child = spawn(process.execPath, [CLI_BUNDLE, ...args], { env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => {
    stdout += c;
  });
  child.stderr.on("data", (c: Buffer) => {
    stderr += c;
  });
  const done = new Promise<CliResult>((resolve) =>
    child.on("exit", (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done, output: () => stdout };
}
