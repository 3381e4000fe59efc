/**
 * The whole of SMS Doctor, working: Redis, the worker and its status API, the sandbox (console replica,
 * Administration API, carrier simulator) and Chromium with the built extension configured to use the API.
 * It tours every scenario, then plays the loop from a changed number to SMS working again.
 */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { listScenarios, type Sandbox } from "@sms-doctor/sandbox";
import { launchExtensionBrowser } from "./extension-browser.js";
import { LOOP_PROVIDERS, LOOP_TENANT, type LoopProvider, type LoopResult, playLoop } from "./loop.js";
import type { Progress } from "./progress.js";
import { chooseRedis } from "./redis.js";
import type { Resources } from "./resources.js";
import { type Summary, terminalSummary, writeSummary } from "./summary.js";
import { type TourRow, tourScenario } from "./tour.js";
import { startWorkerService, type WorkerService } from "./worker-service.js";

export interface DemoOptions {
  /** Show the browser (needs a display). */
  headed: boolean;
  /** Leave everything running at the end. */
  keep: boolean;
  /** Scenarios to tour (default: every one). */
  scenarios?: string[];
  /** Play the loop after the tour. Default true. */
  loop?: boolean;
  /**
   * The worker's providers the loop is played through, in order (default all: the sandbox's Telnyx simulator,
   * `console` with no carrier, and Twilio's dialect). `sandbox` is the main run (`summary.loop`).
   */
  loopProviders?: readonly LoopProvider[];
  outDir: string;
  env: NodeJS.ProcessEnv;
  progress: Progress;
  /** Everything started is registered here; the caller stops it (at the end, or on a signal). */
  resources: Resources;
  /** How long the replica waits before rendering a page's sections, as the real console does. */
  renderDelayMs?: number;
}

export interface DemoRun {
  ok: boolean;
  summary: Summary;
  files: { json: string; markdown: string };
  /** What the demo started (still running with --keep, until the resources are closed). */
  services: { worker: WorkerService; redisUrl: string; sandbox?: Sandbox };
}

const LOOP_STAGES: Record<LoopProvider, string> = {
  sandbox: "The loop: a changed number, re-enabled by the admin, provisioned by the carrier",
  console:
    "The loop again, with the console provider: no carrier, the worker follows what the extension posts",
  twilio:
    "The loop again, with a carrier dialect: the worker follows Twilio's API (the sandbox's Twilio dialect)",
};

export async function runDemo(options: DemoOptions): Promise<DemoRun> {
  const { progress, resources } = options;
  const startedAt = new Date().toISOString();
  const scenarios = options.scenarios ?? listScenarios();
  const unknown = scenarios.filter((name) => !listScenarios().includes(name));
  if (unknown.length > 0)
    throw new Error(`no such scenario: ${unknown.join(", ")} (known: ${listScenarios().join(", ")})`);
  const renderDelayMs = options.renderDelayMs ?? 100;

  rmSync(options.outDir, { recursive: true, force: true });
  mkdirSync(options.outDir, { recursive: true });

  progress.stage("Starting Redis, the worker and its status API");
  const redis = await chooseRedis(options.env, resources);
  progress.info(`Redis: ${redis.url.replace(/\/\/[^@/]*@/, "//…@")} (${redis.origin})`);
  const worker = await startWorkerService({
    redisUrl: redis.url,
    tenants: [...scenarios, LOOP_TENANT],
    logFile: join(options.outDir, "worker.log"),
    resources,
  });
  progress.info(
    `status API: ${worker.apiUrl} (keys under ${worker.prefix}; log in ${join(options.outDir, "worker.log")})`,
  );

  progress.stage(`Starting Chromium (${options.headed ? "headed" : "headless"}) with the built extension`);
  const browser = await launchExtensionBrowser({ headed: options.headed, resources });
  progress.info(
    "the extension is loaded and set to use the status API; https://admin.8x8.com is served by the replica",
  );

  const ctx = { browser, worker, progress, resources, outDir: options.outDir, renderDelayMs };
  progress.stage(`Touring ${scenarios.length} scenario(s)`);
  const rows: TourRow[] = [];
  for (const name of scenarios) {
    resources.throwIfClosing();
    rows.push(...(await tourScenario(name, ctx)));
  }

  let loop: LoopResult | undefined;
  const providerLoops: LoopResult[] = [];
  let sandbox: Sandbox | undefined;
  if (options.loop !== false) {
    const providers = options.loopProviders ?? LOOP_PROVIDERS;
    // With --keep the main run goes last, so what stays running (browser, sandbox, worker) is what it shows.
    const order = options.keep
      ? [...providers.filter((p) => p !== "sandbox"), ...providers.filter((p) => p === "sandbox")]
      : providers;
    for (const provider of order) {
      resources.throwIfClosing();
      progress.stage(LOOP_STAGES[provider]);
      const keep = options.keep && provider === "sandbox";
      const played = await playLoop({ ...ctx, keep, provider, redisUrl: redis.url });
      if (provider === "sandbox") ({ result: loop, sandbox } = played);
      else providerLoops.push(played.result);
    }
  }

  const matching = rows.filter((row) => row.matches).length;
  const summary: Summary = {
    startedAt,
    finishedAt: new Date().toISOString(),
    ok:
      matching === rows.length &&
      (loop === undefined || loop.reachedCanSend) &&
      providerLoops.every((l) => l.reachedCanSend),
    scenarios: scenarios.length,
    users: rows.length,
    matching,
    rows,
    ...(loop ? { loop } : {}),
    ...(providerLoops.length > 0 ? { providerLoops } : {}),
  };
  const files = writeSummary(options.outDir, summary);
  progress.stage("Summary");
  progress.block(terminalSummary(summary));
  progress.info(
    `written: ${files.markdown}, ${files.json} and ${rows.length + [loop, ...providerLoops].reduce((n, l) => n + (l?.steps.length ?? 0), 0)} screenshots`,
  );
  return {
    ok: summary.ok,
    summary,
    files,
    services: { worker, redisUrl: redis.url, ...(sandbox ? { sandbox } : {}) },
  };
}
