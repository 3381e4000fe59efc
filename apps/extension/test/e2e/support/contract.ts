/**
 * What drives the built extension from outside its own tests (the demo imports it as
 * `@sms-doctor/extension/e2e`): its id, the console origin its content script runs on, and a reader of
 * its panels through the testability contract (`data-*` attributes only). Imports name their `.js`
 * so packages that resolve modules as Node does can typecheck this file.
 */
import type { Locator, Page } from "playwright-core";
import { EXTENSION_ID } from "../../../extension-key.js";
import { CONSOLE_ORIGIN } from "../../../src/console/routes.js";

export { CONSOLE_ORIGIN, EXTENSION_ID };

export interface PanelReading {
  /** `ready`, or `unreadable` / `error` when the panel could not diagnose. */
  state: string;
  verdict: string;
  /** The findings' rule ids, most important first. */
  ruleIds: string[];
  topCertainty: string | null;
  /** The carrier provisioning state the worker reports, when the panel shows one. */
  trackingState: string | null;
  /** What the panel says when it could not reach the worker ("Carrier tracking unavailable: …"). */
  workerProblem: string | null;
}

export const userPanel = (page: Page): Locator => page.locator('[data-sms-doctor-panel="user"]');

/** Opens a user's page on the console origin; the panel is what callers wait for, not the load event. */
export async function openUser(page: Page, userId: string): Promise<void> {
  await page.goto(`${CONSOLE_ORIGIN}/users/user/${encodeURIComponent(userId)}`, { waitUntil: "commit" });
}

/** Waits until the panel matches (a verdict by default) and reads it. */
export async function readPanel(
  page: Page,
  options: { kind?: "user" | "sms-page"; verdict?: string; timeoutMs?: number } = {},
): Promise<PanelReading> {
  const kind = options.kind ?? "user";
  const host = page.locator(
    `[data-sms-doctor-panel="${kind}"]${options.verdict ? `[data-verdict="${options.verdict}"]` : "[data-verdict]"}`,
  );
  await host.waitFor({ timeout: options.timeoutMs ?? 30_000 });
  // The panel shows the local diagnosis at once and updates in place when the worker answers: read that one.
  await host
    .locator('[data-worker="asking"]')
    .waitFor({ state: "detached", timeout: options.timeoutMs ?? 30_000 });
  const findings = await host
    .locator("[data-rule-id]")
    .evaluateAll((elements) =>
      elements.map((el) => [el.getAttribute("data-rule-id") ?? "", el.getAttribute("data-certainty")]),
    );
  const tracking = host.locator("[data-tracking-state]");
  const problem = host.getByText(/^Carrier tracking unavailable/);
  return {
    state: (await host.getAttribute("data-state")) ?? "",
    verdict: (await host.getAttribute("data-verdict")) ?? "",
    ruleIds: findings.map(([ruleId]) => ruleId ?? ""),
    topCertainty: findings[0]?.[1] ?? null,
    trackingState:
      (await tracking.count()) > 0 ? await tracking.first().getAttribute("data-tracking-state") : null,
    workerProblem: (await problem.count()) > 0 ? await problem.first().textContent() : null,
  };
}
