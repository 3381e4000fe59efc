import { inject, onTestFinished } from "vitest";
import { type SandboxOptions, startSandbox } from "../../src/sandbox.js";

/** A sandbox with the clock stopped (tests advance it) and the console built by the global setup. */
export function startTestSandbox(options: SandboxOptions = {}) {
  return startSandbox({ speed: 0, renderDelayMs: 0, consoleDir: inject("consoleDir"), ...options });
}

/** A test sandbox for the running test alone: it closes when the test finishes, passed or failed. */
export async function startSandboxForTest(options: SandboxOptions = {}) {
  const sandbox = await startTestSandbox(options);
  onTestFinished(() => sandbox.close());
  return sandbox;
}
