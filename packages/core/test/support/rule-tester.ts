// A RuleTester in ESLint's manner: table cases that must not fire (`valid`) and that must fire with
// given messageIds (`invalid`). The tester refuses malformed tables, so a table cannot pass by accident.
import { describe, expect, it } from "vitest";
import {
  type DiagnosisInput,
  DiagnosisInputSchema,
  diagnosisFacts,
  type Finding,
  formatFinding,
  type Rule,
} from "../../src/index.js";
import { contradictions, lineProblems } from "./finding-text.js";

export interface ValidCase {
  name: string;
  input: DiagnosisInput;
}

export interface ExpectedFinding {
  messageId: string;
  certainty?: Finding["certainty"];
  severity?: Finding["severity"];
  /** Values the finding's data must include. */
  data?: Finding["data"];
  /** Step messageIds, in order. */
  steps?: string[];
  /** The resolution's expected delay (undefined: none). */
  expectedDelay?: Finding["resolution"]["expectedDelay"] | null;
  /** Text the rendered finding (explanation and steps) must contain. */
  says?: (string | RegExp)[];
  /** Text it must not contain. */
  neverSays?: (string | RegExp)[];
}

export interface InvalidCase extends ValidCase {
  expected: ExpectedFinding[];
}

/** Tested rules, so the meta-test can check every registered rule has a table. */
export const testedRules = new Set<string>();

const PLACEHOLDER = /\{\{\s*\w+\s*\}\}/;

export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  testedRules.add(rule.meta.id);
  describe(`rule ${rule.meta.id}`, () => {
    // The messages this table's findings rendered: every message of the rule must be, with realistic data.
    const rendered = new Set<string>();
    it("has a well-formed table", () => {
      expect(cases.valid.length, "at least one valid case").toBeGreaterThan(0);
      expect(cases.invalid.length, "at least one invalid case").toBeGreaterThan(0);
      const seen = new Set<string>();
      for (const c of [...cases.valid, ...cases.invalid]) {
        const key = JSON.stringify(c.input);
        expect(seen.has(key), `duplicate case: ${c.name}`).toBe(false);
        seen.add(key);
        expect(
          () => DiagnosisInputSchema.parse(c.input),
          `case input must be valid: ${c.name}`,
        ).not.toThrow();
      }
      for (const c of cases.invalid) {
        expect(c.expected.length, `invalid case without expected findings: ${c.name}`).toBeGreaterThan(0);
        for (const e of c.expected) {
          expect(rule.meta.messages, `unknown messageId "${e.messageId}" in ${c.name}`).toHaveProperty(
            e.messageId,
          );
          for (const step of e.steps ?? [])
            expect(rule.meta.messages, `unknown step "${step}"`).toHaveProperty(step);
        }
      }
    });

    for (const c of cases.valid) {
      it(`does not fire: ${c.name}`, () => {
        expect(rule.evaluate(diagnosisFacts(c.input))).toEqual([]);
      });
    }

    for (const c of cases.invalid) {
      it(`fires: ${c.name}`, () => {
        const facts = diagnosisFacts(c.input);
        // diagnose calls the rule only in its triggering situations: a finding outside them would be lost.
        expect(rule.triggers & facts.situations, "the rule's triggers hold").not.toBe(0);
        const findings = rule.evaluate(facts);
        expect(findings.map((f) => f.messageId)).toEqual(c.expected.map((e) => e.messageId));
        findings.forEach((finding, i) => {
          const e = c.expected[i]!;
          expect(finding.ruleId).toBe(rule.meta.id);
          if (e.certainty) expect(finding.certainty).toBe(e.certainty);
          if (e.severity) expect(finding.severity).toBe(e.severity);
          if (e.data) expect(finding.data).toMatchObject(e.data);
          if (e.steps) expect(finding.resolution.steps.map((s) => s.messageId)).toEqual(e.steps);
          if (e.expectedDelay !== undefined)
            expect(finding.resolution.expectedDelay).toEqual(e.expectedDelay ?? undefined);
          // Every message the finding can show is known and fully filled.
          const text = formatFinding(finding);
          for (const line of [text.explanation, ...text.steps]) expect(line).not.toMatch(PLACEHOLDER);
          for (const line of [text.explanation, ...text.steps]) expect(lineProblems(line), line).toEqual([]);
          expect(contradictions(finding, text, c.input), text.explanation).toEqual([]);
          rendered.add(finding.messageId);
          for (const step of finding.resolution.steps) rendered.add(step.messageId);
          const all = [text.explanation, ...text.steps].join("\n");
          for (const s of e.says ?? []) expect(all).toMatch(s);
          for (const s of e.neverSays ?? []) expect(all).not.toMatch(s);
        });
      });
    }

    it("renders every message of the rule in some case, and each reads well", () => {
      expect(Object.keys(rule.meta.messages).filter((id) => !rendered.has(id))).toEqual([]);
    });
  });
}
