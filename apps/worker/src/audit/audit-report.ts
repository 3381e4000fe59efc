import { randomUUID } from "node:crypto";
import { Readable, type Writable } from "node:stream";
import { text } from "node:stream/consumers";
import { pipeline } from "node:stream/promises";
import { numberForPeople, terminalText } from "../terminal-text.js";
import {
  type AffectedUser,
  type CauseGroup,
  type FleetAudit,
  LISTED_PER_CAUSE,
  LISTED_SKIPPED,
  rowsSkipped,
} from "./fleet-audit.js";
import type { SpooledList } from "./report-spool.js";

export const REPORT_FORMATS = ["table", "md", "json", "csv"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The formats that list every affected user: they need the audit's spool. */
export const FULL_REPORT_FORMATS: readonly ReportFormat[] = ["json", "csv"];

/** Characters of JSON or CSV collected before they are handed on: fewer, larger writes. */
const CHUNK = 64 * 1024;

/**
 * The audit as the chosen format, piece by piece: JSON and CSV read every user from the audit's spool as
 * they are written, so no format is ever one string in memory. Export values are untrusted: each
 * format neutralizes them its own way.
 */
export async function* auditReport(
  audit: FleetAudit,
  format: ReportFormat,
  source: string,
): AsyncGenerator<string> {
  if (format === "json") yield* jsonReport(audit, source);
  else if (format === "csv") yield* csvReport(audit);
  else yield format === "md" ? markdownReport(audit, source) : tableReport(audit, source);
}

/**
 * Writes the report to `destination` (a file, or stdout with `end: false`) as it is made, waiting
 * whenever the destination is slower than the report.
 */
export async function writeAuditReport(
  audit: FleetAudit,
  format: ReportFormat,
  source: string,
  destination: Writable,
  options: { end?: boolean } = {},
): Promise<void> {
  await pipeline(Readable.from(auditReport(audit, format, source)), destination, {
    end: options.end ?? true,
  });
}

/** The whole report as one string: for tests and small audits. */
export async function formatAuditReport(
  audit: FleetAudit,
  format: ReportFormat,
  source: string,
): Promise<string> {
  return await text(Readable.from(auditReport(audit, format, source)));
}

function summary(audit: FleetAudit): string {
  const v = audit.verdicts;
  return `${audit.audited} users audited: ${v["cannot-send"]} cannot send, ${v.pending} pending, ${v.unknown} unknown, ${v["can-send"]} can send; ${rowsSkipped(audit)} rows skipped`;
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
    out.push(`■ ${cause.title} — ${cause.count} user${cause.count === 1 ? "" : "s"} [${cause.ruleId}]`);
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
    if (cause.count > LISTED_PER_CAUSE)
      out.push(`    … and ${cause.count - LISTED_PER_CAUSE} more (--format csv or json lists everyone)`);
    out.push("");
  }
  out.push(...skippedLines(audit).map(terminalText));
  return `${out.join("\n")}\n`;
}

/** Skipped rows the table lists (at most `LISTED_SKIPPED`, which Markdown lists). */
const TABLE_SKIPPED = 50;

function skippedLines(audit: FleetAudit): string[] {
  const count = rowsSkipped(audit);
  if (count === 0) return [];
  const shown = audit.skipped.slice(0, TABLE_SKIPPED).map((s) => `  line ${s.line}: ${s.problem}`);
  if (count > TABLE_SKIPPED) shown.push(`  … and ${count - TABLE_SKIPPED} more`);
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
    out.push(`## ${md(cause.title)} (${cause.count}) — \`${cause.ruleId}\``, "");
    cause.steps.forEach((step, i) => {
      out.push(`${i + 1}. ${md(step)}`);
    });
    if (cause.article.url) out.push("", `See [${md(cause.article.title)}](${cause.article.url}).`);
    out.push("", "| user | email | phone number | license | certainty |", "|---|---|---|---|---|");
    for (const user of cause.users.slice(0, LISTED_PER_CAUSE))
      out.push(
        `| ${md(user.displayName ?? "")} (${md(user.userId)}) | ${md(user.email ?? "")} | ${md(user.phoneNumber ? numberForPeople(user.phoneNumber) : "")} | ${md(user.license ?? "")} | ${user.certainty} |`,
      );
    if (cause.count > LISTED_PER_CAUSE) out.push("", `… and ${cause.count - LISTED_PER_CAUSE} more.`);
    out.push("");
  }
  if (audit.skipped.length) {
    out.push("## Rows skipped", "");
    for (const s of audit.skipped.slice(0, LISTED_SKIPPED)) out.push(`- line ${s.line}: ${md(s.problem)}`);
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

async function* csvReport(audit: FleetAudit): AsyncGenerator<string> {
  let out = `${CSV_HEADER.join(",")}\r\n`;
  for (const cause of audit.causes) {
    const resolution = cause.steps.join(" / ");
    for await (const u of everyone(cause)) {
      out += `${[
        cause.ruleId,
        u.userId,
        u.displayName ?? "",
        u.email ?? "",
        u.phoneNumber ?? "",
        u.license ?? "",
        u.certainty,
        u.explanation,
        resolution,
        u.line,
      ]
        .map(csvCell)
        .join(",")}\r\n`;
      if (out.length >= CHUNK) {
        yield out;
        out = "";
      }
    }
  }
  yield out;
}

/**
 * `JSON.stringify({ source, ...audit }, null, 2)` as the audit held everyone in memory, written piece by
 * piece: the skeleton (counts, causes, tallies) is stringified with a placeholder for each full list,
 * and each placeholder is replaced by its list, read from the spool, indented as it stands.
 */
async function* jsonReport(audit: FleetAudit, source: string): AsyncGenerator<string> {
  const marker = `\u0000${randomUUID()}:`;
  const lists: AsyncIterable<unknown>[] = [];
  const placeholder = (list: AsyncIterable<unknown>): string => `${marker}${lists.push(list) - 1}`;
  const skeleton = {
    source,
    rows: audit.rows,
    audited: audit.audited,
    verdicts: audit.verdicts,
    causes: audit.causes.map((c) => ({
      ruleId: c.ruleId,
      title: c.title,
      steps: c.steps,
      article: c.article,
      users: [placeholder(everyone(c))],
    })),
    skipped: rowsSkipped(audit) ? [placeholder(spooled(audit.spooledSkipped))] : [],
    users: audit.users,
    numbers: audit.numbers,
    durationMs: audit.durationMs,
  };
  const whole = `${JSON.stringify(skeleton, null, 2)}\n`;
  let at = 0;
  for (const [i, list] of lists.entries()) {
    const quoted = JSON.stringify(`${marker}${i}`);
    const found = whole.indexOf(quoted, at);
    const indent = whole.slice(whole.lastIndexOf("\n", found) + 1, found);
    let out = whole.slice(at, found);
    let first = true;
    for await (const item of list) {
      // JSON.stringify puts no raw line break inside a value: every "\n" starts a line to indent.
      out += `${first ? "" : `,\n${indent}`}${JSON.stringify(item, null, 2).replaceAll("\n", `\n${indent}`)}`;
      first = false;
      if (out.length >= CHUNK) {
        yield out;
        out = "";
      }
    }
    yield out;
    at = found + quoted.length;
  }
  yield whole.slice(at);
}

function everyone(cause: CauseGroup): AsyncIterable<AffectedUser> {
  return spooled(cause.spooled);
}

function spooled<T>(list: SpooledList<T> | undefined): AsyncIterable<T> {
  if (!list) throw new Error("JSON and CSV list everyone: audit with a spool (auditFleet's options.spool)");
  return list.items();
}
