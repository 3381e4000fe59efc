import { createWriteStream } from "node:fs";
import { failureOf, tallyLine } from "../directory/read-tally.js";
import { FULL_REPORT_FORMATS, REPORT_FORMATS, type ReportFormat, writeAuditReport } from "./audit-report.js";
import { readUserExport } from "./audit-rows.js";
import { auditFleet, type FleetAudit, rowsSkipped } from "./fleet-audit.js";
import { ProgressBar } from "./progress-bar.js";
import { Spool } from "./report-spool.js";

export interface AuditCommandOptions {
  format?: string;
  out?: string;
  /** The instant the diagnosis is made at (default: now). */
  now?: string;
}

/** `sms-doctor audit <file>`: no Redis, no network; the report on stdout or in --out. */
export async function runAuditCommand(file: string, options: AuditCommandOptions): Promise<number> {
  const format = (options.format ?? "table") as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) {
    console.error(`--format: "${options.format}" is not one of ${REPORT_FORMATS.join(", ")}`);
    return 2;
  }
  // Only the reports that list everyone need every affected user kept (on disk, never in memory).
  const spool = FULL_REPORT_FORMATS.includes(format) ? await Spool.create() : undefined;
  try {
    const progress = new ProgressBar("auditing");
    let audit: FleetAudit;
    try {
      audit = await auditFleet(
        readUserExport(file, { onProgress: (f) => progress.update(f) }),
        options.now ?? new Date().toISOString(),
        spool ? { spool } : {},
      );
    } catch (error) {
      progress.done();
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "EISDIR" || code === "EACCES") {
        console.error(`cannot read ${file}: ${code}`);
        return 1;
      }
      throw error;
    }
    progress.done();
    if (options.out) await writeAuditReport(audit, format, file, createWriteStream(options.out));
    else await writeAuditReport(audit, format, file, process.stdout, { end: false }).catch(readerWentAway);
    return finish(audit, file, options.out);
  } finally {
    await spool?.remove();
  }
}

/**
 * A report piped into a reader that stops early (`| head`) ends there, as other command-line tools do:
 * what was wanted has been read, and the figures still go to stderr.
 */
function readerWentAway(error: NodeJS.ErrnoException): void {
  if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_PREMATURE_CLOSE") throw error;
}

/** The run's figures on stderr, and its exit code. */
function finish(audit: FleetAudit, file: string, out: string | undefined): number {
  const rate = audit.rows / Math.max(audit.durationMs / 1000, 1e-3);
  console.error(
    `audited ${audit.audited} users (${rowsSkipped(audit)} rows skipped) in ${(audit.durationMs / 1000).toFixed(2)} s, ${Math.round(rate)} rows/s${out ? `; report in ${out}` : ""}`,
  );
  console.error(`  ${tallyLine(audit.users)}`);
  if (audit.numbers.read) console.error(`  ${tallyLine(audit.numbers)}`);
  // An audit that judged (almost) nobody is not a clean bill of health: say why and fail.
  const failure = failureOf(audit.users, file);
  if (failure) {
    console.error(`audit failed: ${failure}`);
    return 1;
  }
  return 0;
}
