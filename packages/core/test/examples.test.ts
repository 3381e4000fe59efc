// The bundled examples and the README's usage example run as users run them.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diagnose } from "../src/index.js";

const root = join(import.meta.dirname, "..");
const EXPECTED: Record<string, [string, string | undefined]> = {
  "01-phone-number-changed.json": ["cannot-send", "phone-number-changed"],
  "02-license-readded.json": ["cannot-send", "license-changed"],
  "03-disabled-by-admin.json": ["cannot-send", "sms-disabled-by-admin"],
  "04-campaign-rejected.json": ["cannot-send", "campaign-not-verified"],
  "05-pending.json": ["pending", "verification-pending"],
  "06-uk-user.json": ["cannot-send", "unsupported-region"],
  "07-healthy.json": ["can-send", undefined],
};

describe("bundled examples", () => {
  const files = readdirSync(join(root, "examples", "cases")).sort();
  it("are all listed here", () => expect(files).toEqual(Object.keys(EXPECTED)));

  it.each(files)("%s has the expected verdict and top cause", (file) => {
    const { input } = JSON.parse(readFileSync(join(root, "examples", "cases", file), "utf8"));
    const { verdict, findings } = diagnose(input);
    expect([verdict, findings[0]?.ruleId]).toEqual(EXPECTED[file]);
  });

  it("the usage example in the README runs against the built package", () => {
    const out = execFileSync("node", ["--import", "tsx", "examples/usage.ts"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(out).toContain("cannot-send - The user's phone number was changed");
    // Issue 15: numbers in text read as people read them (+1 415-555-0199), E.164 stays in data.
    expect(out).toContain("+1 415-555-0199");
  });
});
