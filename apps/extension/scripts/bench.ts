/**
 * How quickly the panel follows the console: for 20 loads of a user page, the time from the SMS enabled numbers
 * section appearing in the DOM to the user panel showing its verdict (reading, validation, history, diagnosis and
 * rendering included); the same for a collapsed SMS section, from its switches appearing when the admin opens
 * it to the waiting panel replaced by the verdict; the first of these again with a worker configured that answers
 * after 3 s, and with one that never answers (the panel must not wait on it: issue 15); and the content script's
 * size. Run with `pnpm --filter @sms-doctor/extension bench` (it builds first).
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative } from "node:path";
import { markupQuery } from "@sms-doctor/sandbox";
import { CONSOLE, launchWithExtension } from "../test/e2e/support/browser";
import { DIST, EXTENSION_ID } from "../test/e2e/support/extension";
import { serveReplica } from "../test/e2e/support/sandbox-console";
import { saveWorkerSettings } from "../test/e2e/support/worker-process";
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

/**
 * A worker API that is slow or silent: it lets the extension's origin in (CORS preflight answered at once, as the
 * real worker does) and then answers every request after `delayMs` with an observation reply, or never.
 */
async function slowWorker(delayMs: number | "never") {
  const held = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    response.setHeader("access-control-allow-origin", `chrome-extension://${EXTENSION_ID}`);
    if (request.method === "OPTIONS") {
      response.setHeader("access-control-allow-headers", "authorization, content-type");
      response.setHeader("access-control-allow-methods", "GET, POST, DELETE");
      response.end();
      return;
    }
    request.resume();
    held.add(response);
    if (delayMs === "never") return;
    setTimeout(() => {
      held.delete(response);
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ diagnosis: { verdict: "unknown", findings: [] }, history: [] }));
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

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

  // The worker's settings, saved where the options page saves them (the extension's IndexedDB).
  const options = await browser.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/src/options/index.html`);
  const setWorker = (settings: { apiUrl: string; token: string } | null) =>
    saveWorkerSettings(options, settings);
  for (const [what, delay] of [
    ["a worker answering after 3 s", 3000],
    ["a worker that never answers", "never"],
  ] as const) {
    const worker = await slowWorker(delay);
    await setWorker({ apiUrl: worker.apiUrl, token: "bench-token-0123456789" });
    const withWorker: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      await page.goto(`${CONSOLE}/users/user/u-alice`);
      await page.locator('[data-sms-doctor-panel="user"][data-state="ready"]').waitFor();
      withWorker.push(await elapsed());
    }
    // The same panel is updated once the worker answers (or is given up on, after the client's 5 s timeout).
    await page
      .locator(
        '[data-sms-doctor-panel="user"] [data-worker="answered"], [data-sms-doctor-panel="user"] [data-worker="unreachable"]',
      )
      .waitFor({ timeout: 15_000 });
    report(`SMS section appeared → panel with verdict, with ${what}`, withWorker);
    await setWorker(null);
    await worker.close();
  }
  await options.close();

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
