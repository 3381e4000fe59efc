import { writeFile } from "node:fs/promises";
import { failureOf, tallyLine } from "../directory/read-tally.js";
import { formatAuditReport, REPORT_FORMATS, type ReportFormat } from "./audit-report.js";
import { readUserExport } from "./audit-rows.js";
import { auditFleet } from "./fleet-audit.js";
import { ProgressBar } from "./progress-bar.js";

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
  const progress = new ProgressBar("auditing");
  let audit: Awaited<ReturnType<typeof auditFleet>>;
  try {
    audit = await auditFleet(
      readUserExport(file, { onProgress: (f) => progress.update(f) }),
      options.now ?? new Date().toISOString(),
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
  const report = formatAuditReport(audit, format, file);
  if (options.out) await writeFile(options.out, report);
  else process.stdout.write(report);
  const rate = audit.rows / Math.max(audit.durationMs / 1000, 1e-3);
  console.error(
    `audited ${audit.audited} users (${audit.skipped.length} rows skipped) in ${(audit.durationMs / 1000).toFixed(2)} s, ${Math.round(rate)} rows/s${options.out ? `; report in ${options.out}` : ""}`,
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
