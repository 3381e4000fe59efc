/**
 * Renders replica pages in Chromium and saves them as static HTML for the extension's adapter tests:
 * scripts stripped, form state copied into attributes, a header comment with the path and scenario.
 * Also writes fixtures/pages/index.json with what the world says each page shows (core's words).
 * Besides the default markup, it saves pages in the replica's markup variants (src/console/markup-variants.ts).
 *
 * Run: pnpm --filter @sms-doctor/sandbox fixtures   (builds first; needs /usr/bin/chromium)
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import {
  MARKUP_VARIANT_NAMES,
  MARKUP_VARIANT_PAGES,
  type MarkupVariant,
  markupQuery,
  otherPathUserPage,
} from "../src/console/markup-variants.js";
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

/**
 * A page rendered in markup variants: `markup-<names joined by +>`, and `markup-collapsed-sms-opened` for the
 * collapsed SMS section after its header button was clicked.
 */
type MarkupFixtureVariant = `markup-${string}`;

interface FixtureEntry {
  file: string;
  scenario: string;
  path: string;
  page: "users" | "user" | "sms";
  variant: Variant | MarkupFixtureVariant | null;
  /** The replica's markup variants the page was rendered in (absent: the default markup). */
  markup?: MarkupVariant[];
  /**
   * True when the profile's SMS section is collapsed: its content (number, switch, status) is not in the
   * page, so the SMS fields of `truth` are not shown there (`truth` is still the world's state).
   */
  collapsed?: true;
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
    if (scenarioName === "healthy-company" || scenarioName === "verification-pending")
      await saveMarkupVariants(page, sandbox);
    if (scenarioName === "us-rejected-campaign")
      // The label variants change the SMS page only where it shows the campaign form.
      for (const markup of ["labelledby", "aria-label", "wrapping-labels"] as const)
        await save(page, sandbox, "/sms", "sms", null, undefined, { markup: [markup] });
    if (scenarioName === "phone-number-changed") {
      const alice = sandbox.scenario.expect.find((e) => e.userId === "u-alice")!;
      await save(page, sandbox, "/users/user/u-alice", "user", "sms-switched-on-unsaved", alice);
    }
  } finally {
    await page.close();
    await sandbox.close();
  }
}

/** Pages the replica shows differently in a markup variant; user pages for the scenario's Pending user too. */
const COMBINED: MarkupVariant[] = ["labelledby", "landmark-sections", "aria-grid"];

async function saveMarkupVariants(page: Page, sandbox: Sandbox): Promise<void> {
  const users =
    sandbox.scenario.name === "healthy-company"
      ? sandbox.scenario.expect.filter((e) => e.userId === "u-alice")
      : // The scenario's user whose SMS shows Pending.
        sandbox.scenario.expect.filter((e) => sandbox.world.snapshot(e.userId)?.sms?.status === "pending");
  if (users.length === 0) throw new Error(`${sandbox.scenario.name}: no user to save in markup variants`);
  for (const markup of MARKUP_VARIANT_NAMES) {
    const pages = MARKUP_VARIANT_PAGES[markup];
    for (const expectation of users) {
      const path =
        markup === "other-path" ? otherPathUserPage(expectation.userId) : `/users/user/${expectation.userId}`;
      await save(page, sandbox, path, "user", null, expectation, { markup: [markup] });
      if (markup === "collapsed-sms")
        await save(page, sandbox, path, "user", null, expectation, { markup: [markup], openSms: true });
    }
    // The label variants leave this SMS page as it is (no campaign form); us-rejected-campaign saves those.
    if (pages.includes("sms") && !["labelledby", "aria-label", "wrapping-labels"].includes(markup))
      await save(page, sandbox, "/sms", "sms", null, undefined, { markup: [markup] });
    if (pages.includes("users") && sandbox.scenario.name === "healthy-company")
      await save(page, sandbox, "/users", "users", null, undefined, { markup: [markup] });
  }
  // Variants combine: one page where nothing is where the default markup puts it.
  for (const expectation of users)
    await save(page, sandbox, `/users/user/${expectation.userId}`, "user", null, expectation, {
      markup: COMBINED,
    });
}

async function save(
  page: Page,
  sandbox: Sandbox,
  path: string,
  kind: FixtureEntry["page"],
  layoutVariant: Variant | null = null,
  expectation?: { userId: string; verdict: string; topRuleId: string | null },
  { markup = [], openSms = false }: { markup?: MarkupVariant[]; openSms?: boolean } = {},
): Promise<void> {
  const variant: FixtureEntry["variant"] =
    markup.length === 0 ? layoutVariant : `markup-${markup.join("+")}${openSms ? "-opened" : ""}`;
  const delay = layoutVariant === "loading" ? "?renderDelayMs=60000" : "?renderDelayMs=0";
  // Always name the markup (empty: the default): the replica keeps the last one for the tab's session.
  await page.goto(`${sandbox.consoleUrl}${path}${delay}&${markupQuery(markup)}`);
  if (layoutVariant === "loading") await page.getByRole("progressbar").waitFor();
  else if (markup.length > 0)
    // Variants move the usual landmarks: wait until the page has data and no spinner.
    await page.waitForFunction(
      () => document.querySelector("main > *") && !document.querySelector('[role="progressbar"]'),
    );
  else if (kind === "users") await page.getByRole("table", { name: "Users" }).waitFor();
  else await page.locator('[data-test-id="form-section"]').last().waitFor();
  if (openSms) {
    await page.getByRole("button", { name: "SMS enabled numbers", expanded: false }).click();
    await page.getByRole("switch").first().waitFor();
  }
  // The query string only set the render delay; save the page under its real path.
  await page.evaluate(`history.replaceState(null, "", ${JSON.stringify(path)})`);
  if (layoutVariant === "sms-switched-on-unsaved")
    await page.locator('[data-id="sms"]').getByRole("switch", { name: "SMS Disabled" }).first().click();
  if (layoutVariant) await page.evaluate(applyVariant, layoutVariant);
  await page.evaluate(freezeFormState);
  const html = await page.evaluate<string>("document.documentElement.outerHTML");

  const pageName = kind === "user" ? `user-${expectation!.userId}` : kind;
  const file = `${sandbox.scenario.name}--${pageName}${variant ? `--${variant}` : ""}.html`;
  const header = `<!-- @sms-doctor/sandbox fixture; path: ${path}; scenario: ${sandbox.scenario.name}; variant: ${variant ?? "none"}; regenerate with \`pnpm --filter @sms-doctor/sandbox fixtures\` -->`;
  writeFileSync(`${OUT}${file}`, `<!doctype html>\n${header}\n${stripScripts(html)}\n`);

  const entry: FixtureEntry = { file, scenario: sandbox.scenario.name, path, page: kind, variant };
  if (markup.length > 0) entry.markup = markup;
  if (markup.includes("collapsed-sms") && !openSms) entry.collapsed = true;
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
