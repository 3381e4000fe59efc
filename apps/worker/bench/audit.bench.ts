/**
 * How fast `sms-doctor audit` reads and diagnoses an export, and how much memory it needs: users as CSV
 * and as an Administration API JSON export in the published shape (users and their numbers; see
 * test/support/user-exports.ts), at 100 000 and 1 000 000 users (a ~1 GB JSON file), written to the
 * temp folder. Each file is audited in a process of its own, so the peak resident memory printed is
 * the audit's alone, not the generator's. Targets: JSON within 2x of CSV's rows/s, and memory flat as
 * the file grows. Not a test (timings on a shared machine vary).
 *
 *   pnpm --filter @sms-doctor/worker bench:audit        (SIZES=100000,1000000 by default)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readUserExport } from "../src/audit/audit-rows.js";
import { auditFleet } from "../src/audit/fleet-audit.js";
import { writeExport } from "../test/support/user-exports.js";

const SIZES = (process.env.SIZES ?? "100000,1000000").split(",").map(Number);

if (process.env.AUDIT_FILE) {
  // The measured process: one audit, then its figures as JSON.
  const started = performance.now();
  const audit = await auditFleet(readUserExport(process.env.AUDIT_FILE), "2026-06-01T12:00:00Z");
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      usersRead: audit.users.read,
      usersAudited: audit.audited,
      usersSkipped: audit.users.skipped,
      numbersRead: audit.numbers.read,
      cannotSend: audit.verdicts["cannot-send"],
      seconds,
      // maxRSS is in kilobytes: the high-water mark of the whole process.
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
        writeExport(file, format, rows);
        const run = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], {
          env: { ...process.env, AUDIT_FILE: file },
          encoding: "utf8",
        });
        if (run.status !== 0) throw new Error(`${file}: ${run.stderr}`);
        const f = JSON.parse(run.stdout.trim().split("\n").at(-1)!);
        const rowsPerSecond = Math.round(f.usersRead / f.seconds);
        measured[`${format} ${rows}`] = { rowsPerSecond, peakRssMb: f.peakRssMb };
        console.log(
          `${format.padEnd(4)} ${String(rows).padStart(9)} users, ${(statSync(file).size / 1e6).toFixed(1).padStart(6)} MB: ${f.usersAudited} audited (${f.usersSkipped} skipped${f.numbersRead ? `, ${f.numbersRead} numbers read` : ""}) in ${f.seconds.toFixed(2)} s = ${rowsPerSecond} users/s; ${f.cannotSend} cannot send; peak memory ${Math.round(f.peakRssMb)} MB RSS`,
        );
        rmSync(file);
      }
    }
    const [small, large] = [SIZES[0], SIZES.at(-1)];
    const csv = measured[`csv ${large}`]!;
    const json = measured[`json ${large}`]!;
    const ratio = csv.rowsPerSecond / json.rowsPerSecond;
    console.log(
      `\nCSV vs JSON users/s at ${large}: ${ratio.toFixed(2)}x  (target <= 2x)  ${ratio <= 2 ? "PASS" : "FAIL"}`,
    );
    for (const format of ["csv", "json"])
      console.log(
        `${format} peak RSS ${small} -> ${large} users: ${Math.round(measured[`${format} ${small}`]!.peakRssMb)} MB -> ${Math.round(measured[`${format} ${large}`]!.peakRssMb)} MB`,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
