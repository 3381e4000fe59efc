/**
 * How fast `sms-doctor audit` reads and diagnoses an export, and how much memory it needs: 100 000
 * users as CSV and as an Administration API JSON export in the published shape (users and their
 * numbers; see test/support/user-exports.ts). Each file is audited in a process of its own, so the
 * peak resident memory printed is the audit's alone, not the generator's. Not a test (timings on a
 * shared machine vary).
 *
 *   pnpm --filter @sms-doctor/worker bench:audit        (ROWS=100000 by default)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readUserExport } from "../src/audit/audit-rows.js";
import { auditFleet } from "../src/audit/fleet-audit.js";
import { adminApiExport, csvExport } from "../test/support/user-exports.js";

const ROWS = Number(process.env.ROWS ?? 100_000);

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
  try {
    for (const [name, make] of [
      ["users.csv", csvExport],
      ["users.json", adminApiExport],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, make(ROWS));
      const run = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], {
        env: { ...process.env, AUDIT_FILE: file },
        encoding: "utf8",
      });
      if (run.status !== 0) throw new Error(`${name}: ${run.stderr}`);
      const f = JSON.parse(run.stdout.trim().split("\n").at(-1)!);
      console.log(
        `${name.padEnd(10)} ${(statSync(file).size / 1e6).toFixed(1)} MB: ${f.usersAudited} of ${f.usersRead} users audited (${f.usersSkipped} skipped${f.numbersRead ? `, ${f.numbersRead} numbers read` : ""}) in ${f.seconds.toFixed(2)} s = ${Math.round(f.usersRead / f.seconds)} users/s; ${f.cannotSend} cannot send; peak memory ${Math.round(f.peakRssMb)} MB RSS`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
