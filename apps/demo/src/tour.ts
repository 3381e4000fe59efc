/**
 * The tour: every scenario's world, opened user by user in the replica at the real console origin, with the
 * extension (talking to the worker) explaining each one. What the panel says is compared with what the scenario
 * declares.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { UserSnapshot } from "@sms-doctor/core";
import { CONSOLE_ORIGIN, openUser, readPanel } from "@sms-doctor/extension/e2e";
import { type Expectation, loadScenario, type Sandbox, startSandbox } from "@sms-doctor/sandbox";
import { configureWorkerApi, type ExtensionBrowser, resetExtensionState } from "./extension-browser.js";
import type { Progress } from "./progress.js";
import { once, type Resources } from "./resources.js";
import { atRealTime } from "./scenario-time.js";
import type { WorkerService } from "./worker-service.js";

export interface Outcome {
  verdict: string;
  topRuleId: string | null;
}

export interface TourRow {
  scenario: string;
  userId: string;
  expected: Outcome;
  seen: Outcome;
  matches: boolean;
  /** Relative to the output folder. */
  screenshot: string;
  /** Why the panel could not say, when it could not. */
  problem?: string;
  /** Something the panel reported that does not change the verdict (e.g. the worker API refused a call). */
  warning?: string;
}

export interface TourContext {
  browser: ExtensionBrowser;
  worker: WorkerService;
  progress: Progress;
  resources: Resources;
  outDir: string;
  renderDelayMs: number;
}

/** The large generated company has 10 000 users; its first user of each kind stands for the rest. */
export function usersToVisit(scenario: { name: string; expect: Expectation[] }): Expectation[] {
  if (scenario.name !== "large-company") return scenario.expect;
  return scenario.expect.filter(
    (e, i, all) => all.findIndex((f) => f.verdict === e.verdict && f.topRuleId === e.topRuleId) === i,
  );
}

const describeOutcome = ({ verdict, topRuleId }: Outcome) => `${verdict} · ${topRuleId ?? "no finding"}`;

/**
 * What earlier visits would have left: each user as the console showed them after every change the scenario
 * describes, in the worker's shared history (as if colleagues had looked) and in this browser's own history
 * (imported on the options page).
 */
export async function seedHistory(
  ctx: Pick<TourContext, "browser" | "worker">,
  sandbox: Sandbox,
  tenant: string,
  userIds: string[],
): Promise<void> {
  const users: Record<string, UserSnapshot[]> = {};
  for (const userId of userIds) {
    users[userId] = sandbox.world.history(userId);
    for (const snapshot of users[userId]) await ctx.worker.observe(tenant, snapshot);
  }
  await ctx.browser.options.importHistory(users);
}

export async function tourScenario(name: string, ctx: TourContext): Promise<TourRow[]> {
  const { browser, worker, progress } = ctx;
  const scenario = atRealTime(loadScenario(name));
  const sandbox = await startSandbox({ scenario, speed: 0, renderDelayMs: ctx.renderDelayMs, port: 0 });
  const closeSandbox = once(() => sandbox.close());
  ctx.resources.add(`sandbox ${name}`, closeSandbox);
  const rows: TourRow[] = [];
  try {
    worker.useCarrier(sandbox);
    browser.serveConsole(sandbox.consoleUrl);
    const tenant = name;
    await resetExtensionState(browser);
    await configureWorkerApi(browser, { apiUrl: worker.apiUrl, token: worker.tokenOf(tenant) });
    const visits = usersToVisit(scenario);
    await seedHistory(
      ctx,
      sandbox,
      tenant,
      visits.map((v) => v.userId),
    );

    const page = await browser.newPage();
    try {
      // The SMS page once, as an admin would: SMS Doctor learns the brand and campaign status there.
      await page.goto(`${CONSOLE_ORIGIN}/sms`, { waitUntil: "commit" });
      const smsPage = await readPanel(page, { kind: "sms-page" });
      progress.info(`${name}: ${scenario.description} (SMS page: ${smsPage.verdict})`);

      const dir = join(ctx.outDir, "tour");
      mkdirSync(dir, { recursive: true });
      for (const expectation of visits) {
        ctx.resources.throwIfClosing();
        const screenshot = `tour/${name}--${expectation.userId}.png`;
        const expected = { verdict: expectation.verdict, topRuleId: expectation.topRuleId };
        let seen: Outcome = { verdict: "(no panel)", topRuleId: null };
        let problem: string | undefined;
        let warning: string | undefined;
        try {
          await openUser(page, expectation.userId);
          const reading = await readPanel(page);
          seen = { verdict: reading.verdict, topRuleId: reading.ruleIds[0] ?? null };
          if (reading.state !== "ready") problem = `the panel is in state "${reading.state}"`;
          if (reading.workerProblem) warning = reading.workerProblem;
        } catch (error) {
          ctx.resources.throwIfClosing();
          problem = error instanceof Error ? error.message.split("\n")[0] : String(error);
        }
        await page.screenshot({ path: join(ctx.outDir, screenshot), fullPage: true }).catch(() => {});
        const matches =
          !problem && seen.verdict === expected.verdict && seen.topRuleId === expected.topRuleId;
        rows.push({
          scenario: name,
          userId: expectation.userId,
          expected,
          seen,
          matches,
          screenshot,
          ...(problem ? { problem } : {}),
          ...(warning ? { warning } : {}),
        });
        progress.check(
          matches,
          `${expectation.userId}: ${describeOutcome(seen)}${matches ? "" : ` (declared ${describeOutcome(expected)}${problem ? `; ${problem}` : ""})`}`,
        );
        if (warning) progress.info(`  ! ${warning}`);
      }
    } finally {
      await page.close().catch(() => {});
    }
  } finally {
    await closeSandbox();
  }
  return rows;
}
