/**
 * How fast `sms-doctor audit` reads and diagnoses an export and writes its report, and how much memory it
 * needs: users as CSV and as an Administration API JSON export in the published shape (users and their
 * numbers; see test/support/user-exports.ts), at 100 000 and 1 000 000 users (a ~1 GB JSON file), written
 * to the temp folder. Each file is audited in a process of its own, so the peak resident memory printed is
 * the audit's alone, not the generator's; the report (REPORT, default json: the one that lists every
 * affected user) goes to a file beside it, as `--out` writes it. Targets (issue 16): JSON within 2x of
 * CSV's users/s, and memory flat as the file grows: peak RSS at the largest size within 1.25x of the
 * smallest. Not a test (timings on a shared machine vary).
 *
 *   pnpm --filter @sms-doctor/worker bench:audit        (SIZES=100000,1000000 REPORT=json by default)
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FULL_REPORT_FORMATS, type ReportFormat, writeAuditReport } from "../src/audit/audit-report.js";
import { readUserExport } from "../src/audit/audit-rows.js";
import { auditFleet } from "../src/audit/fleet-audit.js";
import { Spool } from "../src/audit/report-spool.js";
import { writeExport } from "../test/support/user-exports.js";

const SIZES = (process.env.SIZES ?? "100000,1000000").split(",").map(Number);
const REPORT = (process.env.REPORT ?? "json") as ReportFormat;
/** Peak RSS at the largest size may be at most this many times the smallest size's. */
const FLAT_MEMORY = 1.25;
/** CSV's users/s may be at most this many times JSON's. */
const JSON_VS_CSV = 2;

if (process.env.AUDIT_FILE) {
  // The measured process: one audit and its report, then its figures as JSON. Users/s is the audit's
  // (reading and diagnosing, as the command's own rows/s on stderr); the report's time is told apart:
  // it depends on how many cannot send (twice as many in the JSON export as in the CSV), not on the format.
  const file = process.env.AUDIT_FILE;
  // As `sms-doctor audit --format REPORT --out REPORT_FILE` runs it.
  const spool = FULL_REPORT_FORMATS.includes(REPORT) ? await Spool.create() : undefined;
  const started = performance.now();
  const audit = await auditFleet(readUserExport(file), "2026-06-01T12:00:00Z", spool ? { spool } : {});
  const audited = performance.now();
  await writeAuditReport(audit, REPORT, file, createWriteStream(process.env.REPORT_FILE!));
  const reportSeconds = (performance.now() - audited) / 1000;
  await spool?.remove();
  console.log(
    JSON.stringify({
      usersRead: audit.users.read,
      usersAudited: audit.audited,
      usersSkipped: audit.users.skipped,
      numbersRead: audit.numbers.read,
      cannotSend: audit.verdicts["cannot-send"],
      seconds: (audited - started) / 1000,
      reportSeconds,
      // maxRSS is in kilobytes: the high-water mark of the whole process, report included.
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
} else {
  const dir = mkdtempSync(join(tmpdir(), "sms-doctor-audit-bench-"));
  const measured: Record<string, { rowsPerSecond: number; peakRssMb: number }> = {};
  try {
    for (const rows of SIZES) {
      for (const format of ["csv", "json"] as const) {
        const file = join(dir, `users-${rows}.${format}`);
        const report = join(dir, `report-${rows}-${format}.${REPORT}`);
        writeExport(file, format, rows);
        const run = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], {
          env: { ...process.env, AUDIT_FILE: file, REPORT_FILE: report },
          encoding: "utf8",
        });
        if (run.status !== 0) throw new Error(`${file}: ${run.stderr}`);
        const f = JSON.parse(run.stdout.trim().split("\n").at(-1)!);
        const rowsPerSecond = Math.round(f.usersRead / f.seconds);
        measured[`${format} ${rows}`] = { rowsPerSecond, peakRssMb: f.peakRssMb };
        console.log(
          `${format.padEnd(4)} ${String(rows).padStart(9)} users, ${(statSync(file).size / 1e6).toFixed(1).padStart(6)} MB: ${f.usersAudited} audited (${f.usersSkipped} skipped${f.numbersRead ? `, ${f.numbersRead} numbers read` : ""}), ${f.cannotSend} cannot send, in ${f.seconds.toFixed(2)} s = ${rowsPerSecond} users/s; ${REPORT} report ${(statSync(report).size / 1e6).toFixed(1)} MB in ${f.reportSeconds.toFixed(2)} s; peak memory ${Math.round(f.peakRssMb)} MB RSS`,
        );
        rmSync(file);
        rmSync(report);
      }
    }
    const [small, large] = [SIZES[0], SIZES.at(-1)];
    const csv = measured[`csv ${large}`]!;
    const json = measured[`json ${large}`]!;
    const ratio = csv.rowsPerSecond / json.rowsPerSecond;
    console.log(
      `\nCSV vs JSON users/s at ${large}: ${ratio.toFixed(2)}x  (target <= ${JSON_VS_CSV}x)  ${ratio <= JSON_VS_CSV ? "PASS" : "FAIL"}`,
    );
    for (const format of ["csv", "json"]) {
      const [from, to] = [
        measured[`${format} ${small}`]!.peakRssMb,
        measured[`${format} ${large}`]!.peakRssMb,
      ];
      console.log(
        `memory flat, ${format.padEnd(4)}: peak RSS ${Math.round(from)} MB at ${small} -> ${Math.round(to)} MB at ${large} users = ${(to / from).toFixed(2)}x  (target: at ${large} <= ${FLAT_MEMORY}x at ${small})  ${to <= from * FLAT_MEMORY ? "PASS" : "FAIL"}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
