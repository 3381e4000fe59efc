/**
 * Every sandbox scenario, through the replica at the real origin. With what an admin's earlier visits would have
 * left (each user's history and the SMS registration, imported on the options page for the first scenario and
 * seeded into storage for the others):
 * - what the extension reads from each user's page equals what the world shows;
 * - each expected user's panel shows the verdict and top rule the scenario declares. Where the declaration and
 *   core's own diagnosis of the world's truth disagree (a core or scenario matter, not the extension's), the panel
 *   must match core and the disagreement is reported.
 * (The SMS page reader is held to every scenario's SMS page by the saved-pages unit test, and the SMS page panel
 * by replica.test.ts.)
 */

import { listScenarios, loadScenario, type Sandbox } from "@sms-doctor/sandbox";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ExtensionBrowser, launchWithExtension, resetExtensionState } from "./support/browser";
import { PanelPage } from "./support/panel";
import {
  consoleFields,
  coreOnWorld,
  historyExport,
  OptionsPage,
  openUser,
  serveReplica,
  storedReadings,
} from "./support/sandbox-console";

let browser: ExtensionBrowser;
let options: OptionsPage;
let page: Page;
let sandbox: Sandbox | undefined;
beforeAll(async () => {
  browser = await launchWithExtension();
  options = await OptionsPage.open(browser);
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
  await browser.context.unrouteAll();
});

// large-company declares 820 users among 10 000; two (one with a cause, one without) show the panel holds there.
const scenarios = listScenarios();
const sample = (name: string) => {
  const all = loadScenario(name).expect;
  if (name !== "large-company") return all;
  const withCause = all.find((e) => e.topRuleId !== null);
  const without = all.find((e) => e.topRuleId === null);
  return [withCause, without].filter((e) => e !== undefined);
};
const disagreements: string[] = [];

describe("sandbox scenarios in Chromium", () => {
  it.each(scenarios)("%s", async (name) => {
    await resetExtensionState(browser);
    sandbox = await serveReplica(browser.context, { scenario: name });
    const expectations = sample(name);
    await options.importHistory(
      historyExport(
        sandbox,
        expectations.map((e) => e.userId),
      ),
    );

    for (const { userId, verdict, topRuleId } of expectations) {
      await openUser(page, userId);
      const panel = new PanelPage(page, "user");
      const seen = { verdict: await panel.verdict(), topRuleId: await panel.topRuleId() };
      const { snapshot } = await storedReadings(browser, userId);
      expect(consoleFields(snapshot), `${userId}'s page reading`).toEqual(
        consoleFields(sandbox.world.snapshot(userId)),
      );
      const core = coreOnWorld(sandbox, userId);
      const coreSays = { verdict: core.verdict, topRuleId: core.findings[0]?.ruleId ?? null };
      const declared = { verdict, topRuleId };
      if (JSON.stringify(coreSays) === JSON.stringify(declared)) {
        expect(seen, `${userId}'s panel: ${JSON.stringify(seen)}`).toEqual(declared);
      } else {
        disagreements.push(
          `${name}/${userId}: declared ${JSON.stringify(declared)}, core ${JSON.stringify(coreSays)}`,
        );
        expect(seen, `${userId}'s panel (core's diagnosis of the world)`).toEqual(coreSays);
      }
    }
  });

  afterAll(() => {
    if (disagreements.length > 0) {
      console.warn(
        `Scenario declarations that core's diagnosis of the world disagrees with:\n${disagreements.join("\n")}`,
      );
    }
  });
});
