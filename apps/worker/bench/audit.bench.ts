/**
 * How fast `sms-doctor audit` reads and diagnoses an export: 100 000 users as CSV and as the
 * Administration API's JSON. Prints rows per second; not a test (timings on a shared machine vary).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readUserExport } from "../src/audit/audit-rows.js";
import { auditFleet } from "../src/audit/fleet-audit.js";
import { adminApiExport, csvExport } from "../test/support/user-exports.js";

const ROWS = Number(process.env.ROWS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), "sms-doctor-audit-bench-"));
try {
  for (const [name, text] of [
    ["users.csv", csvExport(ROWS)],
    ["users.json", adminApiExport(ROWS)],
  ] as const) {
    const file = join(dir, name);
    writeFileSync(file, text);
    const started = performance.now();
    const audit = await auditFleet(readUserExport(file), "2026-06-01T12:00:00Z");
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${name.padEnd(10)} ${audit.rows} rows (${(text.length / 1e6).toFixed(1)} MB) in ${seconds.toFixed(2)} s = ${Math.round(audit.rows / seconds)} rows/s; ${audit.verdicts["cannot-send"]} cannot send, ${audit.skipped.length} skipped`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
