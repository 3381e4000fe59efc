// Every rule is registered once, has a table test and an up-to-date doc page.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DOCS_DIR, ruleDoc } from "../scripts/rule-docs.js";
import { RULE_IDS, RULES } from "../src/index.js";

const rulesDir = join(import.meta.dirname, "..", "src", "rules");
const testsDir = join(import.meta.dirname, "rules");
const ruleFiles = readdirSync(rulesDir).filter(
  (f) =>
    f.endsWith(".ts") && !["index.ts", "rule.ts", "resolutions.ts", "registration-advice.ts"].includes(f),
);
const tables = readdirSync(testsDir).map((f) => readFileSync(join(testsDir, f), "utf8"));

describe("rule registry", () => {
  it("registers every rule module exactly once, named after its file", () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    expect([...RULE_IDS].sort()).toEqual(ruleFiles.map((f) => f.replace(/\.ts$/, "")).sort());
  });

  for (const rule of RULES) {
    const { id } = rule.meta;
    it(`${id} has a table test`, () => {
      const exportName = id.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
      expect(tables.some((t) => t.includes(`ruleTester(${exportName},`))).toBe(true);
    });

    it(`${id} has a current doc page`, () => {
      expect(readFileSync(join(DOCS_DIR, `${id}.md`), "utf8")).toBe(ruleDoc(rule));
    });

    it(`${id} meta is complete`, () => {
      expect(rule.meta.title.length).toBeGreaterThan(5);
      expect(rule.meta.description.length).toBeGreaterThan(10);
      expect(rule.meta.docs.url).toMatch(/^https:\/\/support\.8x8\.com\//);
      expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(1);
    });
  }
});
