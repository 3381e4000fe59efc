import { numberForPeople, terminalText } from "../terminal-text.js";
import type { AffectedUser, FleetAudit } from "./fleet-audit.js";

export const REPORT_FORMATS = ["table", "md", "json", "csv"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Users listed per cause in the table and Markdown reports; JSON and CSV list everyone. */
const LISTED_PER_CAUSE = 25;

/** The audit as the chosen format. Export values are untrusted: each format neutralizes them its own way. */
export function formatAuditReport(audit: FleetAudit, format: ReportFormat, source: string): string {
  if (format === "json") return `${JSON.stringify({ source, ...audit }, null, 2)}\n`;
  if (format === "csv") return csvReport(audit);
  if (format === "md") return markdownReport(audit, source);
  return tableReport(audit, source);
}

function summary(audit: FleetAudit): string {
  const v = audit.verdicts;
  return `${audit.audited} users audited: ${v["cannot-send"]} cannot send, ${v.pending} pending, ${v.unknown} unknown, ${v["can-send"]} can send; ${audit.skipped.length} rows skipped`;
}

function who(user: AffectedUser): string {
  return [user.displayName, user.email ? `<${user.email}>` : undefined, `(${user.userId})`]
    .filter(Boolean)
    .join(" ");
}

function tableReport(audit: FleetAudit, source: string): string {
  const out: string[] = [`SMS Doctor fleet audit of ${terminalText(source)}`, summary(audit), ""];
  if (audit.causes.length === 0) out.push("Nobody is known to be unable to send SMS.", "");
  for (const cause of audit.causes) {
    out.push(
      `■ ${cause.title} — ${cause.users.length} user${cause.users.length === 1 ? "" : "s"} [${cause.ruleId}]`,
    );
    cause.steps.forEach((step, i) => {
      out.push(`    ${i + 1}. ${terminalText(step)}`);
    });
    if (cause.article.url) out.push(`    ${cause.article.url}`);
    const width = Math.min(
      60,
      Math.max(...cause.users.slice(0, LISTED_PER_CAUSE).map((u) => terminalText(who(u)).length)),
    );
    for (const user of cause.users.slice(0, LISTED_PER_CAUSE)) {
      const name = terminalText(who(user));
      const clipped = name.length > width ? `${name.slice(0, width - 1)}…` : name.padEnd(width);
      out.push(
        `    ${clipped}  ${user.phoneNumber ? numberForPeople(user.phoneNumber) : "no number"}  ${terminalText(user.license ?? "no license")}  ${user.certainty}`,
      );
    }
    if (cause.users.length > LISTED_PER_CAUSE)
      out.push(
        `    … and ${cause.users.length - LISTED_PER_CAUSE} more (--format csv or json lists everyone)`,
      );
    out.push("");
  }
  out.push(...skippedLines(audit).map(terminalText));
  return `${out.join("\n")}\n`;
}

function skippedLines(audit: FleetAudit): string[] {
  if (audit.skipped.length === 0) return [];
  const shown = audit.skipped.slice(0, 50).map((s) => `  line ${s.line}: ${s.problem}`);
  if (audit.skipped.length > 50) shown.push(`  … and ${audit.skipped.length - 50} more`);
  return ["Rows skipped (not audited):", ...shown, ""];
}

/** Markdown: escapes what would format, link or inject HTML. */
function md(value: string): string {
  return terminalText(value).replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
}

function markdownReport(audit: FleetAudit, source: string): string {
  const out: string[] = [`# SMS Doctor fleet audit of ${md(source)}`, "", summary(audit), ""];
  if (audit.causes.length === 0) out.push("Nobody is known to be unable to send SMS.", "");
  for (const cause of audit.causes) {
    out.push(`## ${md(cause.title)} (${cause.users.length}) — \`${cause.ruleId}\``, "");
    cause.steps.forEach((step, i) => {
      out.push(`${i + 1}. ${md(step)}`);
    });
    if (cause.article.url) out.push("", `See [${md(cause.article.title)}](${cause.article.url}).`);
    out.push("", "| user | email | phone number | license | certainty |", "|---|---|---|---|---|");
    for (const user of cause.users.slice(0, LISTED_PER_CAUSE))
      out.push(
        `| ${md(user.displayName ?? "")} (${md(user.userId)}) | ${md(user.email ?? "")} | ${md(user.phoneNumber ? numberForPeople(user.phoneNumber) : "")} | ${md(user.license ?? "")} | ${user.certainty} |`,
      );
    if (cause.users.length > LISTED_PER_CAUSE)
      out.push("", `… and ${cause.users.length - LISTED_PER_CAUSE} more.`);
    out.push("");
  }
  if (audit.skipped.length) {
    out.push("## Rows skipped", "");
    for (const s of audit.skipped.slice(0, 200)) out.push(`- line ${s.line}: ${md(s.problem)}`);
    out.push("");
  }
  return out.join("\n");
}

const CSV_HEADER = [
  "cause",
  "userId",
  "name",
  "email",
  "phoneNumber",
  "license",
  "certainty",
  "explanation",
  "resolution",
  "line",
];

/**
 * CSV for spreadsheets: a cell starting with = + - @ (or tab/CR) would run as a formula (CSV
 * injection), so such cells get a leading apostrophe; every cell is quoted.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

function csvReport(audit: FleetAudit): string {
  const out = [CSV_HEADER.join(",")];
  for (const cause of audit.causes)
    for (const u of cause.users)
      out.push(
        [
          cause.ruleId,
          u.userId,
          u.displayName ?? "",
          u.email ?? "",
          u.phoneNumber ?? "",
          u.license ?? "",
          u.certainty,
          u.explanation,
          cause.steps.join(" / "),
          u.line,
        ]
          .map(csvCell)
          .join(","),
      );
  return `${out.join("\r\n")}\r\n`;
}
