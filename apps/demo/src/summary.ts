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
  loop?: LoopResult;
}

const cell = (value: string | null) => value ?? "—";

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
  if (summary.loop)
    lines.push(
      `The loop: ${summary.loop.reachedCanSend ? "reached can-send" : "did NOT reach can-send"} — ${summary.loop.steps
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
  if (summary.loop) {
    out.push(
      "",
      "## The loop: from a changed number to SMS working again",
      "",
      summary.loop.reachedCanSend
        ? `Reached \`can-send\` in ${(summary.loop.durationMs / 1000).toFixed(1)} s.`
        : `Did **not** reach \`can-send\`${summary.loop.problem ? `: ${summary.loop.problem}` : ""}.`,
      "",
      "| step | verdict | top cause | carrier tracking | screenshot |",
      "|---|---|---|---|---|",
      ...summary.loop.steps.map(
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
