/**
 * The loop, end to end: a user whose phone number was changed; the administrator re-enables SMS for the new number
 * in the console; the extension sees Pending and hands the number to the worker; the carrier simulator provisions
 * it; the panel follows it from Pending (tracked) to `can-send`. A screenshot at each step.
 *
 * It is played through one of the worker's providers (`LoopProvider`): the sandbox's Telnyx simulator (the
 * main run), the `console` provider (no carrier: the worker learns everything from what the extension posts as
 * the administrator re-opens the pages), or a carrier dialect (Twilio's API, served by the sandbox over the same
 * registry, its signed webhooks bringing checks forward).
 */

import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import type { TrackedNumber } from "@sms-doctor/contracts";
import { CONSOLE_ORIGIN, openUser, type PanelReading, readPanel, userPanel } from "@sms-doctor/extension/e2e";
import {
  type DialectCredentials,
  loadScenario,
  type Sandbox,
  startDialectServer,
  startSandbox,
  twilioDialect,
} from "@sms-doctor/sandbox";
import type { Page } from "playwright-core";
import { configureWorkerApi, resetExtensionState } from "./extension-browser.js";
import { once } from "./resources.js";
import { atRealTime } from "./scenario-time.js";
import { seedHistory, type TourContext } from "./tour.js";
import { startWorkerService, type WorkerService } from "./worker-service.js";

export const LOOP_SCENARIO = "phone-number-changed";
export const LOOP_USER = "u-alice";
export const LOOP_TENANT = "loop";
/** The carrier simulator's clock once the admin has saved: an hour of carrier review per second. */
export const FAST_CLOCK = 3600;

export interface LoopStep {
  title: string;
  verdict: string;
  topRuleId: string | null;
  trackingState: string | null;
  /** Relative to the output folder. */
  screenshot: string;
}

/**
 * Which of the worker's providers the loop is played through: `sandbox` (the sandbox's Telnyx simulator, the
 * demo's shared worker), `console` (no carrier account, as most 8x8 customers) or `twilio` (a carrier dialect).
 */
export type LoopProvider = "sandbox" | "console" | "twilio";
export const LOOP_PROVIDERS: readonly LoopProvider[] = ["sandbox", "console", "twilio"];

export interface LoopResult {
  provider: LoopProvider;
  scenario: string;
  userId: string;
  newNumber: string;
  reachedCanSend: boolean;
  durationMs: number;
  steps: LoopStep[];
  /** The worker this run talked to: the demo's, or one of its own (its API and Redis key prefix). */
  worker?: { apiUrl: string; prefix: string };
  /** The worker's record of the number at the end, transitions included. */
  tracking?: TrackedNumber;
  problem?: string;
}

/** What the tour needs, and whether to keep the loop's sandbox. */
export interface LoopContext extends TourContext {
  /** Leave the sandbox running afterwards (--keep). */
  keep: boolean;
  timeoutMs?: number;
  /** Default `sandbox`: the demo's own worker. The others start a worker of their own on this Redis. */
  provider?: LoopProvider;
  redisUrl: string;
}

/** A port free now, for a server whose URL must be known before it starts. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The Twilio account the dialect server checks requests against (made up; the shapes are Twilio's). */
const TWILIO_ACCOUNT = `AC${randomBytes(16).toString("hex")}`;
const TWILIO_CREDENTIALS: DialectCredentials = {
  account: TWILIO_ACCOUNT,
  user: TWILIO_ACCOUNT,
  secret: randomBytes(16).toString("hex"),
  service: `MG${randomBytes(16).toString("hex")}`,
};

/**
 * The worker the loop talks to, and the tenant it plays as. `sandbox`: the demo's worker, asking this sandbox's
 * Telnyx simulator. `console`: a worker started with SMS_DOCTOR_PROVIDER=console and nothing else. `twilio`: a
 * worker configured as a Twilio operator would be (credentials, Messaging Service, public URL for signed
 * webhooks), pointed at the sandbox's Twilio dialect over the same registry.
 */
async function workerFor(
  provider: LoopProvider,
  ctx: LoopContext,
  sandbox: Sandbox,
): Promise<{ worker: WorkerService; tenant: string }> {
  if (provider === "sandbox") {
    ctx.worker.useCarrier(sandbox);
    return { worker: ctx.worker, tenant: LOOP_TENANT };
  }
  const tenant = `${LOOP_TENANT}-${provider}`;
  const common = {
    redisUrl: ctx.redisUrl,
    tenants: [tenant],
    logFile: join(ctx.outDir, `worker-${provider}.log`),
    resources: ctx.resources,
  };
  if (provider === "console")
    return {
      worker: await startWorkerService({ ...common, environment: { SMS_DOCTOR_PROVIDER: "console" } }),
      tenant,
    };
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const dialect = await startDialectServer({
    world: sandbox.world,
    dialect: twilioDialect,
    credentials: TWILIO_CREDENTIALS,
    webhookUrl: `${publicUrl}/v1/webhooks/twilio`,
  });
  ctx.resources.add(
    "Twilio dialect server",
    once(() => dialect.close()),
  );
  const worker = await startWorkerService({
    ...common,
    port,
    environment: {
      SMS_DOCTOR_PROVIDER: "twilio",
      SMS_DOCTOR_PROVIDER_URL: dialect.url,
      SMS_DOCTOR_TWILIO_ACCOUNT_SID: TWILIO_CREDENTIALS.user,
      SMS_DOCTOR_TWILIO_AUTH_TOKEN: TWILIO_CREDENTIALS.secret,
      SMS_DOCTOR_TWILIO_MESSAGING_SERVICE_SID: TWILIO_CREDENTIALS.service!,
      SMS_DOCTOR_PUBLIC_URL: publicUrl,
    },
  });
  return { worker, tenant };
}

/** Waits for a condition by asking again every `everyMs` until it holds or the time is up. */
async function until<T>(
  what: string,
  ask: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await ask();
    if (answer !== undefined) return answer;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export async function playLoop(ctx: LoopContext): Promise<{ result: LoopResult; sandbox?: Sandbox }> {
  const { browser, progress } = ctx;
  const provider = ctx.provider ?? "sandbox";
  const timeoutMs = ctx.timeoutMs ?? 120_000;
  const started = Date.now();
  const scenario = atRealTime(loadScenario(LOOP_SCENARIO));
  const sandbox = await startSandbox({
    scenario,
    // The clock stands still until the admin has saved, so each step can be seen; then it runs fast.
    speed: 0,
    renderDelayMs: ctx.renderDelayMs,
    port: 0,
    // The Telnyx simulator's webhooks go to the demo's worker; the other providers hear nothing from it.
    ...(provider === "sandbox"
      ? {
          carrierWebhookUrl: ctx.worker.carrierWebhook.url,
          carrierWebhookSecret: ctx.worker.carrierWebhook.secret,
        }
      : {}),
  });
  const closeSandbox = once(() => sandbox.close());
  ctx.resources.add(`loop sandbox (${provider})`, closeSandbox);
  const newNumber = sandbox.world.snapshot(LOOP_USER)?.phoneNumber ?? "";
  const steps: LoopStep[] = [];
  const result: LoopResult = {
    provider,
    scenario: LOOP_SCENARIO,
    userId: LOOP_USER,
    newNumber,
    reachedCanSend: false,
    durationMs: 0,
    steps,
  };
  // The main run's screenshots are in loop/ (the README's names); the others' in loop-<provider>/.
  const folder = provider === "sandbox" ? "loop" : `loop-${provider}`;
  const dir = join(ctx.outDir, folder);
  mkdirSync(dir, { recursive: true });

  let page: Page | undefined;
  const shoot = async (title: string, file: string, reading: PanelReading) => {
    const screenshot = `${folder}/${file}`;
    await page!.screenshot({ path: join(ctx.outDir, screenshot), fullPage: true });
    steps.push({
      title,
      verdict: reading.verdict,
      topRuleId: reading.ruleIds[0] ?? null,
      trackingState: reading.trackingState,
      screenshot,
    });
    progress.check(
      true,
      `${title}: ${reading.verdict}${reading.ruleIds[0] ? ` · ${reading.ruleIds[0]}` : ""}${reading.trackingState ? ` · carrier tracking ${reading.trackingState}` : ""}  → ${screenshot}`,
    );
  };

  try {
    const { worker, tenant } = await workerFor(provider, ctx, sandbox);
    result.worker = { apiUrl: worker.apiUrl, prefix: worker.prefix };
    if (provider !== "sandbox") progress.info(`a worker with provider ${provider}: ${worker.apiUrl}`);
    browser.serveConsole(sandbox.consoleUrl);
    await resetExtensionState(browser);
    await configureWorkerApi(browser, { apiUrl: worker.apiUrl, token: worker.tokenOf(tenant) });
    await seedHistory({ browser, worker }, sandbox, tenant, [LOOP_USER]);

    page = await browser.newPage();
    await page.goto(`${CONSOLE_ORIGIN}/sms`, { waitUntil: "commit" });
    await readPanel(page, { kind: "sms-page" });

    // 1. The user whose number was changed: SMS is off, and the panel says why.
    await openUser(page, LOOP_USER);
    const before = await readPanel(page);
    await shoot("The number was changed", "1-phone-number-changed.png", before);
    if (provider === "sandbox") await userPanel(page).screenshot({ path: join(ctx.outDir, "panel.png") });
    if (before.verdict !== "cannot-send" || before.ruleIds[0] !== "phone-number-changed")
      throw new Error(
        `the panel says ${before.verdict} · ${before.ruleIds[0] ?? "no finding"}, not cannot-send · phone-number-changed`,
      );

    // 2. The administrator does what the panel says: SMS on for the new number, then Save.
    const sms = page.locator('[data-test-id="form-section"][data-id="sms"]');
    const row = sms.getByRole("row").filter({ hasText: newNumber });
    await row.getByRole("switch", { name: "SMS Disabled" }).click();
    await row.getByRole("switch", { name: "SMS Enabled" }).waitFor();
    const switched = `${folder}/2-admin-switches-sms-on.png`;
    await page.screenshot({ path: join(ctx.outDir, switched), fullPage: true });
    steps.push({
      title: "The admin switches SMS on for the new number",
      verdict: before.verdict,
      topRuleId: before.ruleIds[0] ?? null,
      trackingState: null,
      screenshot: switched,
    });
    progress.check(true, `The admin switches SMS on for ${newNumber} and saves  → ${switched}`);
    await sms.getByRole("button", { name: "Save", exact: true }).click();
    await row.getByRole("cell", { name: "Pending", exact: true }).waitFor({ timeout: 30_000 });

    // 3. The extension sees Pending and hands the number to the worker, which asks the carrier.
    await readPanel(page, { verdict: "pending" });
    const awaiting = await until(
      `the worker to check ${newNumber} with the carrier`,
      async () => {
        const record = await worker.tracked(tenant, newNumber);
        return record && record.state !== "REQUESTED" ? record : undefined;
      },
      timeoutMs,
    );
    progress.info(`the worker tracks ${newNumber}: ${awaiting.state}`);
    await page.reload({ waitUntil: "commit" });
    const pending = await readPanel(page, { verdict: "pending" });
    await shoot("Pending, tracked by the worker", "3-pending-tracked.png", pending);
    if (!pending.trackingState) throw new Error("the pending panel shows no carrier tracking");

    // 4. Carrier review at a fast clock: the carrier assigns the number; its webhook wakes the worker. With the
    // console provider nothing calls the worker: it learns that the number is Enabled when the administrator
    // opens the user's page again and the extension posts what it shows.
    sandbox.world.clock.setSpeed(FAST_CLOCK);
    progress.info(`carrier simulator clock: ${FAST_CLOCK / 3600} simulated hour(s) per second`);
    let reopenedAt = 0;
    const live = await until(
      provider === "console"
        ? `the console to show ${newNumber} Enabled and the worker to learn it from the extension`
        : `the carrier to provision ${newNumber} and the worker to see it`,
      async () => {
        const record = await worker.tracked(tenant, newNumber);
        const enabled = sandbox.world.number(newNumber)?.sms.status === "enabled";
        if (
          provider === "console" &&
          enabled &&
          record?.state !== "ACTIVE" &&
          Date.now() - reopenedAt > 3000
        ) {
          reopenedAt = Date.now();
          progress.info(`the console shows ${newNumber} Enabled: the administrator opens the user again`);
          await page!.reload({ waitUntil: "commit" });
          await readPanel(page!);
        }
        return enabled && record?.state === "ACTIVE" ? record : undefined;
      },
      timeoutMs,
    );
    result.tracking = live;
    progress.info(
      `the worker's record: ${live.transitions.map((t) => t.to).join(" → ")} (${live.transitions.length} transitions)`,
    );

    // 5. The administrator looks again: SMS works.
    await page.reload({ waitUntil: "commit" });
    const after = await readPanel(page, { verdict: "can-send", timeoutMs: 30_000 });
    await shoot("Live with the carriers", "4-can-send.png", after);
    result.reachedCanSend = true;
  } catch (error) {
    ctx.resources.throwIfClosing();
    result.problem = error instanceof Error ? error.message.split("\n")[0] : String(error);
    progress.check(false, `the loop stopped: ${result.problem}`);
    if (page) await page.screenshot({ path: join(dir, "failed.png"), fullPage: true }).catch(() => {});
  } finally {
    result.durationMs = Date.now() - started;
    if (!ctx.keep) {
      await page?.close().catch(() => {});
      await closeSandbox();
    }
  }
  return ctx.keep ? { result, sandbox } : { result };
}
