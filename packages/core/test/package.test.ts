// What outside developers get: pack the package, install the tarball in a scratch project, import it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RULES } from "../src/index.js";

const packageDir = join(import.meta.dirname, "..");
const scratch = mkdtempSync(join(tmpdir(), "sms-doctor-core-pack-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the published package", () => {
  it("installs from its tarball and works from plain Node, through every subpath", () => {
    execFileSync("pnpm", ["pack", "--pack-destination", scratch], { cwd: packageDir, stdio: "pipe" });
    const tarball = readdirSync(scratch).find((f) => f.endsWith(".tgz"))!;
    writeFileSync(
      join(scratch, "package.json"),
      JSON.stringify({ name: "scratch", private: true, type: "module" }),
    );
    // npm, not pnpm: an outside project, resolving zod and libphonenumber-js from the registry.
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", `./${tarball}`], {
      cwd: scratch,
      stdio: "pipe",
    });
    writeFileSync(
      join(scratch, "check.mjs"),
      `import { diagnose, formatFinding } from "@sms-doctor/core";
import { UserSnapshotSchema } from "@sms-doctor/core/schemas";
import { applyObservation, startTracking } from "@sms-doctor/core/lifecycle";
import { RULES } from "@sms-doctor/core/rules";
const d = diagnose({ now: "2026-05-10T12:00:00Z", current: UserSnapshotSchema.parse({ userId: "u", observedAt: "2026-05-10T11:00:00Z", license: "X Series - X4", phoneNumber: "+14155550134", sms: { number: "+14155550134", enabled: false, status: null } }) });
const r = applyObservation(startTracking("+14155550134", "2026-05-10T11:00:00Z"), { observedAt: "2026-05-10T11:05:00Z", stage: "number", outcome: "approved" }, "2026-05-10T11:05:00Z");
console.log(JSON.stringify({ verdict: d.verdict, title: formatFinding(d.findings[0]).title, state: r.record.state, rules: RULES.length }));`,
    );
    const out = JSON.parse(execFileSync("node", ["check.mjs"], { cwd: scratch, encoding: "utf8" }));
    expect(out).toEqual({
      verdict: "cannot-send",
      title: "The user's phone number was changed",
      state: "ACTIVE",
      // Every rule reaches outside developers through the rules subpath.
      rules: RULES.length,
    });
  }, 120_000);
});
