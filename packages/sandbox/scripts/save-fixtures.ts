/**
 * Renders replica pages in Chromium and saves them as static HTML for the extension's adapter tests:
 * scripts stripped, form state copied into attributes, a header comment with the path and scenario.
 * Also writes fixtures/pages/index.json with what the world says each page shows (core's words).
 *
 * Run: pnpm --filter @sms-doctor/sandbox fixtures   (builds first; needs /usr/bin/chromium)
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { type Sandbox, startSandbox } from "../src/sandbox.js";
import { listScenarios } from "../src/scenarios.js";
import { launchChromium } from "./chromium.js";
import { applyVariant, freezeFormState } from "./page-transforms.js";

const OUT = fileURLToPath(new URL("../fixtures/pages/", import.meta.url));

/** A DOM change applied before saving, to test adapters against layouts the real console may drift to. */
type Variant =
  | "missing-sms-section"
  | "reordered-sections"
  | "extra-wrappers"
  | "loading"
  | "sms-switched-on-unsaved";

interface FixtureEntry {
  file: string;
  scenario: string;
  path: string;
  page: "users" | "user" | "sms";
  variant: Variant | null;
  userId?: string;
  /** What core should conclude for this user (from the scenario). */
  expect?: { verdict: string; topRuleId: string | null };
  /** What the page shows, as the world knows it: a core UserSnapshot (minus observedAt) or CompanySmsRegistration. */
  truth?: unknown;
}

const entries: FixtureEntry[] = [];

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  for (const file of readdirSync(OUT)) if (file.endsWith(".html")) rmSync(`${OUT}${file}`);
  const browser = await launchChromium();
  try {
    for (const scenario of listScenarios()) await saveScenario(browser, scenario);
  } finally {
    await browser.close();
  }
  entries.sort((a, b) => a.file.localeCompare(b.file));
  writeFileSync(`${OUT}index.json`, `${JSON.stringify(entries, null, 2)}\n`);
  console.log(`wrote ${entries.length} pages to ${OUT}`);
}

async function saveScenario(browser: Browser, scenarioName: string): Promise<void> {
  const sandbox = await startSandbox({ scenario: scenarioName, speed: 0, renderDelayMs: 0 });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    const large = scenarioName === "large-company";
    if (large || scenarioName === "healthy-company") await save(page, sandbox, "/users", "users");
    if (!large) await save(page, sandbox, "/sms", "sms");
    const expectations = large ? sandbox.scenario.expect.slice(0, 4) : sandbox.scenario.expect;
    for (const expectation of expectations) {
      await save(page, sandbox, `/users/user/${expectation.userId}`, "user", null, expectation);
    }
    if (scenarioName === "healthy-company") {
      const alice = sandbox.scenario.expect.find((e) => e.userId === "u-alice")!;
      for (const variant of [
        "missing-sms-section",
        "reordered-sections",
        "extra-wrappers",
        "loading",
      ] as const)
        await save(page, sandbox, "/users/user/u-alice", "user", variant, alice);
      await save(page, sandbox, "/sms", "sms", "reordered-sections");
    }
    if (scenarioName === "phone-number-changed") {
      const alice = sandbox.scenario.expect.find((e) => e.userId === "u-alice")!;
      await save(page, sandbox, "/users/user/u-alice", "user", "sms-switched-on-unsaved", alice);
    }
  } finally {
    await page.close();
    await sandbox.close();
  }
}

async function save(
  page: Page,
  sandbox: Sandbox,
  path: string,
  kind: FixtureEntry["page"],
  variant: Variant | null = null,
  expectation?: { userId: string; verdict: string; topRuleId: string | null },
): Promise<void> {
  const delay = variant === "loading" ? "?renderDelayMs=60000" : "?renderDelayMs=0";
  await page.goto(`${sandbox.consoleUrl}${path}${delay}`);
  if (variant === "loading") await page.getByRole("progressbar").waitFor();
  else if (kind === "users") await page.getByRole("table", { name: "Users" }).waitFor();
  else await page.locator('[data-test-id="form-section"]').last().waitFor();
  // The query string only set the render delay; save the page under its real path.
  await page.evaluate(`history.replaceState(null, "", ${JSON.stringify(path)})`);
  if (variant === "sms-switched-on-unsaved")
    await page.locator('[data-id="sms"]').getByRole("switch", { name: "SMS Disabled" }).first().click();
  if (variant) await page.evaluate(applyVariant, variant);
  await page.evaluate(freezeFormState);
  const html = await page.evaluate<string>("document.documentElement.outerHTML");

  const pageName = kind === "user" ? `user-${expectation!.userId}` : kind;
  const file = `${sandbox.scenario.name}--${pageName}${variant ? `--${variant}` : ""}.html`;
  const header = `<!-- @sms-doctor/sandbox fixture; path: ${path}; scenario: ${sandbox.scenario.name}; variant: ${variant ?? "none"}; regenerate with \`pnpm --filter @sms-doctor/sandbox fixtures\` -->`;
  writeFileSync(`${OUT}${file}`, `<!doctype html>\n${header}\n${stripScripts(html)}\n`);

  const entry: FixtureEntry = { file, scenario: sandbox.scenario.name, path, page: kind, variant };
  if (expectation) {
    const { observedAt: _observedAt, ...snapshot } = sandbox.world.snapshot(expectation.userId)!;
    Object.assign(entry, {
      userId: expectation.userId,
      expect: { verdict: expectation.verdict, topRuleId: expectation.topRuleId },
      truth: snapshot,
    });
  } else if (kind === "sms") {
    const { observedAt: _observedAt, ...registration } = sandbox.world.registration();
    entry.truth = registration;
  }
  entries.push(entry);
}

function stripScripts(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/gi, "")
    .replace(/<link\b[^>]*rel="modulepreload"[^>]*>/gi, "");
}

await main();
