/** The summary of a run: `summary.json` for machines, `summary.md` for people, and a table for the terminal. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { LoopResult } from "./loop.js";
import type { TourRow } from "./tour.js";

export interface Summary {
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  scenarios: number;
  users: number;
  matching: number;
  rows: TourRow[];
  /** The loop through the sandbox's Telnyx simulator (the main run). */
  loop?: LoopResult;
  /** The same loop through the worker's other providers: `console` (no carrier), a carrier dialect. */
  providerLoops?: LoopResult[];
}

const cell = (value: string | null) => value ?? "—";

const loopsOf = (summary: Summary): LoopResult[] => [
  ...(summary.loop ? [summary.loop] : []),
  ...(summary.providerLoops ?? []),
];

/** How each provider's run is introduced in summary.md. */
const LOOP_HEADINGS: Record<LoopResult["provider"], string> = {
  sandbox: "The loop: from a changed number to SMS working again (the sandbox's Telnyx simulator)",
  console: "The loop with the console provider: no carrier, only what the extension posts",
  twilio: "The loop with a carrier dialect: Twilio's API and its signed webhooks",
};

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)];
}

const tourCells = (row: TourRow) => [
  row.scenario,
  row.userId,
  row.seen.verdict,
  cell(row.seen.topRuleId),
  row.matches ? "yes" : `no (declared ${row.expected.verdict} · ${cell(row.expected.topRuleId)})`,
];
const HEADER = ["scenario", "user", "verdict", "top cause", "matches"];

/** The table printed at the end of a run. */
export function terminalSummary(summary: Summary): string {
  const lines = table(HEADER, summary.rows.map(tourCells));
  const warnings = summary.rows.filter((row) => row.warning);
  if (warnings.length > 0)
    lines.push("", ...warnings.map((row) => `! ${row.scenario}/${row.userId}: ${row.warning}`));
  lines.push(
    "",
    `${summary.matching} of ${summary.users} users in ${summary.scenarios} scenarios match what their scenario declares.`,
  );
  for (const loop of loopsOf(summary))
    lines.push(
      `The loop (${loop.provider}): ${loop.reachedCanSend ? "reached can-send" : "did NOT reach can-send"} — ${loop.steps
        .map((s) => `${s.verdict}${s.trackingState ? ` (${s.trackingState})` : ""}`)
        .join(" → ")}`,
    );
  return lines.join("\n");
}

function markdown(summary: Summary): string {
  const escapeCell = (text: string) => text.replace(/\|/g, "\\|");
  const rows = summary.rows.map(
    (row) =>
      `| ${tourCells(row)
        .map((c, i) => (i === 4 ? c : `\`${c}\``))
        .map(escapeCell)
        .join(" | ")} | [png](${row.screenshot}) |`,
  );
  const out = [
    "# SMS Doctor demo",
    "",
    `Run ${summary.startedAt} → ${summary.finishedAt}: **${summary.ok ? "every check passed" : "something did not match"}**.`,
    "",
    "## The tour",
    "",
    `${summary.matching} of ${summary.users} users in ${summary.scenarios} scenarios show the verdict and top cause their scenario declares.`,
    "",
    `| ${HEADER.join(" | ")} | screenshot |`,
    `|${HEADER.map(() => "---").join("|")}|---|`,
    ...rows,
  ];
  const warnings = summary.rows.filter((row) => row.warning);
  if (warnings.length > 0)
    out.push(
      "",
      "Things the panel reported that did not change its verdict:",
      "",
      ...warnings.map((row) => `- \`${row.scenario}/${row.userId}\`: ${row.warning}`),
    );
  for (const loop of loopsOf(summary)) {
    out.push(
      "",
      `## ${LOOP_HEADINGS[loop.provider]}`,
      "",
      loop.reachedCanSend
        ? `Reached \`can-send\` in ${(loop.durationMs / 1000).toFixed(1)} s.`
        : `Did **not** reach \`can-send\`${loop.problem ? `: ${loop.problem}` : ""}.`,
      "",
      "| step | verdict | top cause | carrier tracking | screenshot |",
      "|---|---|---|---|---|",
      ...loop.steps.map(
        (s) =>
          `| ${escapeCell(s.title)} | \`${s.verdict}\` | \`${cell(s.topRuleId)}\` | ${s.trackingState ? `\`${s.trackingState}\`` : "—"} | [png](${s.screenshot}) |`,
      ),
    );
  }
  return `${out.join("\n")}\n`;
}

export function writeSummary(outDir: string, summary: Summary): { json: string; markdown: string } {
  const json = join(outDir, "summary.json");
  const md = join(outDir, "summary.md");
  writeFileSync(json, `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(md, markdown(summary));
  return { json, markdown: md };
}
