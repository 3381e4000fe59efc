import { inject } from "vitest";
import { type SandboxOptions, startSandbox } from "../../src/sandbox.js";

/** A sandbox with the clock stopped (tests advance it) and the console built by the global setup. */
export function startTestSandbox(options: SandboxOptions = {}) {
  return startSandbox({ speed: 0, renderDelayMs: 0, consoleDir: inject("consoleDir"), ...options });
}
