/**
 * How quickly the panel follows the console: for 20 loads of a user page, the time from the SMS enabled numbers
 * section appearing in the DOM to the user panel showing its verdict (reading, validation, history, diagnosis and
 * rendering included); the same for a collapsed SMS section, from its switches appearing when the admin opens
 * it to the waiting panel replaced by the verdict; and the content script's size. Run with `pnpm --filter @sms-doctor/extension bench`
 * (it builds first).
 */
import { join, relative } from "node:path";
import { markupQuery } from "@sms-doctor/sandbox";
import { CONSOLE, launchWithExtension } from "../test/e2e/support/browser";
import { DIST } from "../test/e2e/support/extension";
import { serveReplica } from "../test/e2e/support/sandbox-console";
import { contentScriptSizes } from "./size-budget.mjs";

const LOADS = 20;

// Runs in the page before its scripts: notes when the SMS section's content appears (its first switch; a collapsed
// section has none until opened) and when the panel has a verdict.
const probe = () => {
  const marks: { section?: number; panel?: number } = {};
  (window as unknown as { __smsDoctorBench: typeof marks }).__smsDoctorBench = marks;
  new MutationObserver(() => {
    marks.section ??= document.querySelector('[role="switch"]') ? performance.now() : undefined;
    marks.panel ??= document.querySelector('[data-sms-doctor-panel="user"][data-state="ready"]')
      ? performance.now()
      : undefined;
  }).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["data-state"],
  });
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const browser = await launchWithExtension();
const closers: (() => Promise<void>)[] = [];
try {
  // The sandbox's replica with its default render delay: sections appear 150 ms after the user's data arrives.
  const sandbox = await serveReplica(browser.context, { scenario: "healthy-company", renderDelayMs: 150 });
  closers.push(() => sandbox.close());
  const page = await browser.newPage();
  await page.goto(`${CONSOLE}/sms`);
  await page.locator('[data-sms-doctor-panel="sms-page"][data-verdict]').waitFor();
  await page.addInitScript(probe);
  const report = (what: string, times: number[]) =>
    console.log(
      `${what}: median ${median(times).toFixed(1)} ms over ${LOADS} loads (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})`,
    );
  const elapsed = async () => {
    const marks = await page.evaluate(
      () => (window as unknown as { __smsDoctorBench: { section: number; panel: number } }).__smsDoctorBench,
    );
    return marks.panel - marks.section;
  };

  const times: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    await page.goto(`${CONSOLE}/users/user/u-alice`);
    await page.locator('[data-sms-doctor-panel="user"][data-state="ready"]').waitFor();
    times.push(await elapsed());
  }
  report("SMS section appeared → panel with verdict", times);

  const opened: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    await page.goto(`${CONSOLE}/users/user/u-alice?${markupQuery(["collapsed-sms"])}`);
    await page.locator('[data-sms-doctor-panel="user"][data-state="waiting"]').waitFor();
    await page.getByRole("button", { name: "SMS enabled numbers", exact: true }).click();
    await page.locator('[data-sms-doctor-panel="user"][data-state="ready"]').waitFor();
    opened.push(await elapsed());
  }
  report("collapsed SMS section opened → waiting panel replaced by the verdict", opened);
  for (const { file, bytes, gzipBytes } of contentScriptSizes(DIST)) {
    console.log(
      `content script ${join(relative(process.cwd(), DIST), file)}: ${(bytes / 1024).toFixed(1)} kB, ${(gzipBytes / 1024).toFixed(1)} kB gzip`,
    );
  }
} finally {
  for (const close of closers) await close();
  await browser.close();
}
