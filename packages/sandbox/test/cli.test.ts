import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { json } from "./support/json.js";

const CLI = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL("../", import.meta.url));
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill("SIGKILL");
  child = undefined;
});

/** Runs the start command (from source, through tsx) and collects what it prints. */
function run(args: string[]) {
  const proc = spawn(process.execPath, ["--import", "tsx", CLI, "--", ...args], {
    cwd: PACKAGE_DIR, // where `tsx` resolves
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = proc;
  let output = "";
  proc.stdout.on("data", (chunk) => {
    output += chunk;
  });
  proc.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  const printed = async (pattern: RegExp) => {
    for (let waited = 0; !pattern.test(output); waited += 50) {
      if (waited > 20_000) throw new Error(`never printed ${pattern}:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return output;
  };
  return { proc, exited, printed };
}

describe("the start command", () => {
  it("starts a scenario, prints its URLs, serves them, and stops on SIGTERM", async () => {
    const cli = run(["--scenario", "verification-pending", "--port", "0", "--speed", "60"]);
    const output = await cli.printed(/Ctrl\+C/);
    expect(output).toContain("verification-pending");
    const consoleUrl = /Admin Console replica\s+(http:\/\/127\.0\.0\.1:\d+)\/users/.exec(output)![1]!;
    const adminUsers = /Administration API\s+(\S+\/admin-provisioning\/users)/.exec(output)![1]!;
    expect((await json(fetch(`${consoleUrl}/api/session`))).scenario).toBe("verification-pending");
    expect((await fetch(adminUsers, { headers: { "x-api-key": "sandbox-admin-key" } })).status).toBe(200);
    expect(output).toMatch(/60× real time/);
    cli.proc.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
  });

  it("refuses a bad option value with the usage", async () => {
    const cli = run(["--speed", "fast"]);
    expect(await cli.exited).toBe(2);
    expect(await cli.printed(/Usage/)).toMatch(/--speed needs a number/);
  });
});
