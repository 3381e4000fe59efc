/**
 * axe-core (the accessibility engine of browsers' dev tools) run in a page: injected from the installed package
 * by its path (no network), and its violations of impact moderate or above returned as readable lines.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

const SERIOUS_ENOUGH = new Set(["moderate", "serious", "critical"]);

/** axe's violations of impact moderate or above within `selector` (the whole page without one). */
export async function axeViolations(page: Page, selector?: string): Promise<string[]> {
  const loaded = () => page.evaluate(() => "axe" in window);
  if (!(await loaded())) {
    await page.addScriptTag({ path: AXE_PATH }).catch(() => undefined);
    // An extension page's CSP (script-src 'self') refuses the inline script addScriptTag writes; evaluating
    // the same file through the debugging protocol is not subject to it.
    if (!(await loaded())) await page.evaluate(readFileSync(AXE_PATH, "utf8"));
  }
  const violations = await page.evaluate(async (include) => {
    const axe = (
      window as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const result = await axe.run(include ? { include: [[include]] } : document, {
      resultTypes: ["violations"],
    });
    return result.violations;
  }, selector ?? null);
  return (violations as AxeViolation[])
    .filter((violation) => SERIOUS_ENOUGH.has(violation.impact ?? ""))
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
          .map((node) => JSON.stringify(node.target))
          .join(", ")}`,
    );
}
