/**
 * The loop, end to end: a user whose phone number was changed; the administrator re-enables SMS for the new number
 * in the console; the extension sees Pending and hands the number to the worker; the carrier simulator provisions
 * it; the panel follows it from Pending (tracked) to `can-send`. A screenshot at each step.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { CONSOLE_ORIGIN, openUser, type PanelReading, readPanel, userPanel } from "@sms-doctor/extension/e2e";
import { loadScenario, type Sandbox, startSandbox } from "@sms-doctor/sandbox";
import type { Page } from "playwright-core";
import { configureWorkerApi, resetExtensionState } from "./extension-browser.js";
import { once } from "./resources.js";
import { atRealTime } from "./scenario-time.js";
import { seedHistory, type TourContext } from "./tour.js";
import type { TrackedNumberView } from "./worker-service.js";

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

export interface LoopResult {
  scenario: string;
  userId: string;
  newNumber: string;
  reachedCanSend: boolean;
  durationMs: number;
  steps: LoopStep[];
  /** The worker's record of the number at the end, transitions included. */
  tracking?: TrackedNumberView;
  problem?: string;
}

/** What the tour needs, and whether to keep the loop's sandbox. */
export interface LoopContext extends TourContext {
  /** Leave the sandbox running afterwards (--keep). */
  keep: boolean;
  timeoutMs?: number;
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
  const { browser, worker, progress } = ctx;
  const timeoutMs = ctx.timeoutMs ?? 120_000;
  const started = Date.now();
  const scenario = atRealTime(loadScenario(LOOP_SCENARIO));
  const sandbox = await startSandbox({
    scenario,
    // The clock stands still until the admin has saved, so each step can be seen; then it runs fast.
    speed: 0,
    renderDelayMs: ctx.renderDelayMs,
    port: 0,
    carrierWebhookUrl: worker.carrierWebhook.url,
    carrierWebhookSecret: worker.carrierWebhook.secret,
  });
  const closeSandbox = once(() => sandbox.close());
  ctx.resources.add("loop sandbox", closeSandbox);
  const newNumber = sandbox.world.snapshot(LOOP_USER)?.phoneNumber ?? "";
  const steps: LoopStep[] = [];
  const result: LoopResult = {
    scenario: LOOP_SCENARIO,
    userId: LOOP_USER,
    newNumber,
    reachedCanSend: false,
    durationMs: 0,
    steps,
  };
  const dir = join(ctx.outDir, "loop");
  mkdirSync(dir, { recursive: true });

  let page: Page | undefined;
  const shoot = async (title: string, file: string, reading: PanelReading) => {
    const screenshot = `loop/${file}`;
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
    worker.useCarrier(sandbox);
    browser.serveConsole(sandbox.consoleUrl);
    await resetExtensionState(browser);
    await configureWorkerApi(browser, { apiUrl: worker.apiUrl, token: worker.tokenOf(LOOP_TENANT) });
    await seedHistory(ctx, sandbox, LOOP_TENANT, [LOOP_USER]);

    page = await browser.newPage();
    await page.goto(`${CONSOLE_ORIGIN}/sms`, { waitUntil: "commit" });
    await readPanel(page, { kind: "sms-page" });

    // 1. The user whose number was changed: SMS is off, and the panel says why.
    await openUser(page, LOOP_USER);
    const before = await readPanel(page);
    await shoot("The number was changed", "1-phone-number-changed.png", before);
    await userPanel(page).screenshot({ path: join(ctx.outDir, "panel.png") });
    if (before.verdict !== "cannot-send" || before.ruleIds[0] !== "phone-number-changed")
      throw new Error(
        `the panel says ${before.verdict} · ${before.ruleIds[0] ?? "no finding"}, not cannot-send · phone-number-changed`,
      );

    // 2. The administrator does what the panel says: SMS on for the new number, then Save.
    const sms = page.locator('[data-test-id="form-section"][data-id="sms"]');
    const row = sms.getByRole("row").filter({ hasText: newNumber });
    await row.getByRole("switch", { name: "SMS Disabled" }).click();
    await row.getByRole("switch", { name: "SMS Enabled" }).waitFor();
    await page.screenshot({ path: join(ctx.outDir, "loop/2-admin-switches-sms-on.png"), fullPage: true });
    steps.push({
      title: "The admin switches SMS on for the new number",
      verdict: before.verdict,
      topRuleId: before.ruleIds[0] ?? null,
      trackingState: null,
      screenshot: "loop/2-admin-switches-sms-on.png",
    });
    progress.check(
      true,
      `The admin switches SMS on for ${newNumber} and saves  → loop/2-admin-switches-sms-on.png`,
    );
    await sms.getByRole("button", { name: "Save", exact: true }).click();
    await row.getByRole("cell", { name: "Pending", exact: true }).waitFor({ timeout: 30_000 });

    // 3. The extension sees Pending and hands the number to the worker, which asks the carrier.
    await readPanel(page, { verdict: "pending" });
    const awaiting = await until(
      `the worker to check ${newNumber} with the carrier`,
      async () => {
        const record = await worker.tracked(LOOP_TENANT, newNumber);
        return record && record.state !== "REQUESTED" ? record : undefined;
      },
      timeoutMs,
    );
    progress.info(`the worker tracks ${newNumber}: ${awaiting.state}`);
    await page.reload({ waitUntil: "commit" });
    const pending = await readPanel(page, { verdict: "pending" });
    await shoot("Pending, tracked by the worker", "3-pending-tracked.png", pending);
    if (!pending.trackingState) throw new Error("the pending panel shows no carrier tracking");

    // 4. Carrier review at a fast clock: the carrier assigns the number; its webhook wakes the worker.
    sandbox.world.clock.setSpeed(FAST_CLOCK);
    progress.info(`carrier simulator clock: ${FAST_CLOCK / 3600} simulated hour(s) per second`);
    const live = await until(
      `the carrier to provision ${newNumber} and the worker to see it`,
      async () => {
        const record = await worker.tracked(LOOP_TENANT, newNumber);
        const enabled = sandbox.world.number(newNumber)?.sms.status === "enabled";
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
