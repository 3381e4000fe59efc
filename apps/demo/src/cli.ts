/**
 * `pnpm --filter @sms-doctor/demo demo -- [--headed] [--keep] [--scenarios a,b] [--no-loop] [--loops a,b] [--out dir]`
 *
 * Exits 0 when every toured user shows what its scenario declares and every run of the loop reaches can-send, 1
 * otherwise.
 * Ctrl-C (or SIGTERM) at any point stops everything the demo started.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { EXTENSION_ID } from "@sms-doctor/extension/e2e";
import { type DemoRun, runDemo } from "./demo.js";
import { LOOP_PROVIDERS, LOOP_TENANT, LOOP_USER, type LoopProvider } from "./loop.js";
import { DEFAULT_OUTPUT_DIR, EXTENSION_DIST } from "./paths.js";
import { consoleProgress } from "./progress.js";
import { Resources } from "./resources.js";

const USAGE = `SMS Doctor demo: the sandbox, the worker, Redis and Chromium with the extension, touring every scenario.

  --headed           show the browser (needs a display)
  --keep             leave everything running at the end and print how to use it; Ctrl-C stops it
  --scenarios a,b    tour only these scenarios (default: all)
  --no-loop          skip the loop (changed number → re-enabled → provisioned → can-send)
  --loops a,b        the worker providers the loop is played through (default: ${LOOP_PROVIDERS.join(",")}):
                     sandbox (the sandbox's Telnyx simulator), console (no carrier: only what the extension
                     posts), twilio (the sandbox's Twilio dialect)
  --out <dir>        where screenshots and the summary go (default: demo-output/ at the repository root)`;

function keepInstructions(run: DemoRun): string {
  const { worker, sandbox, redisUrl } = run.services;
  const token = worker.tokenOf(LOOP_TENANT);
  const lines = [
    "Everything is still running. Ctrl-C stops it all.",
    "",
    `  Worker status API     ${worker.apiUrl}   (OpenAPI at ${worker.apiUrl}/docs)`,
    `    token               ${token}   (tenant "${LOOP_TENANT}")`,
    `    queue dashboard     ${worker.apiUrl}/admin/queues   (Authorization: Bearer ${worker.adminToken})`,
    `  Redis                 ${redisUrl.replace(/\/\/[^@/]*@/, "//…@")}   (keys under ${worker.prefix})`,
  ];
  if (sandbox)
    lines.push(
      `  Admin Console replica ${sandbox.consoleUrl}/users/user/${LOOP_USER}   (the demo's Chromium shows it at https://admin.8x8.com)`,
      `  Administration API    ${sandbox.adminApiUrl}/users   (x-api-key: ${sandbox.adminApiKey})`,
      `  Carrier simulator     ${sandbox.carrierUrl}/v2/10dlc/phone_number_campaigns   (Bearer ${sandbox.carrierApiKey}; clock: ${sandbox.carrierUrl}/_control/clock)`,
    );
  lines.push(
    "",
    "Load the extension by hand in Chrome or Chromium:",
    "  1. open chrome://extensions and switch on Developer mode",
    `  2. Load unpacked → ${EXTENSION_DIST}   (its id is ${EXTENSION_ID}, the origin the API allows)`,
    `  3. in the extension's Options: Worker API URL ${worker.apiUrl}, Token ${token}, Save, allow the origin`,
    "  The extension runs on https://admin.8x8.com only; the replica's own address shows the console without it.",
  );
  return lines.join("\n");
}

/** `--loops a,b`: each one of LOOP_PROVIDERS, or a usage error naming the unknown one. */
function loopProviders(list: string): LoopProvider[] {
  const names = list.split(",").map((s) => s.trim());
  const unknown = names.filter((name) => !(LOOP_PROVIDERS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw Object.assign(
      new Error(`--loops: no such provider ${unknown.join(", ")} (known: ${LOOP_PROVIDERS.join(", ")})`),
      {
        code: "ERR_PARSE_ARGS_INVALID_OPTION_VALUE",
      },
    );
  return names as LoopProvider[];
}

async function main(): Promise<number> {
  // `pnpm … demo -- --keep` passes the "--" on.
  const args = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === "--"));
  const { values } = parseArgs({
    args,
    options: {
      headed: { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
      scenarios: { type: "string" },
      "no-loop": { type: "boolean", default: false },
      loops: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const progress = consoleProgress();
  const resources = new Resources();

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(signal === "SIGINT" ? 130 : 143); // a second Ctrl-C: don't wait
    stopping = true;
    progress.stage(`${signal}: stopping everything the demo started`);
    void resources.close().then((problems) => {
      for (const problem of problems) progress.check(false, problem);
      process.exit(signal === "SIGINT" ? 130 : 143);
    });
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  let run: DemoRun;
  try {
    run = await runDemo({
      headed: values.headed!,
      keep: values.keep!,
      ...(values.scenarios ? { scenarios: values.scenarios.split(",").map((s) => s.trim()) } : {}),
      loop: !values["no-loop"],
      ...(values.loops ? { loopProviders: loopProviders(values.loops) } : {}),
      outDir: resolve(values.out ?? DEFAULT_OUTPUT_DIR),
      env: process.env,
      progress,
      resources,
    });
  } catch (error) {
    if (stopping) return await new Promise<number>(() => {}); // the signal handler exits
    progress.check(false, error instanceof Error ? error.message : String(error));
    await resources.close();
    return 1;
  }
  if (values.keep) {
    progress.stage("Still running (--keep)");
    progress.block(keepInstructions(run));
    await new Promise<never>(() => {}); // until Ctrl-C or SIGTERM
  }
  progress.stage("Stopping everything the demo started");
  const problems = await resources.close();
  for (const problem of problems) progress.check(false, problem);
  progress.check(
    run.ok,
    run.ok
      ? "every scenario matches and every run of the loop reached can-send"
      : "something did not match: see the table above",
  );
  return run.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usage = (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    console.error(usage ? `${(error as Error).message}\n\n${USAGE}` : error);
    process.exit(usage ? 2 : 1);
  },
);
