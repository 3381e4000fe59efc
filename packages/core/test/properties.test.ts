// Properties over generated inputs: diagnose never throws on schema-valid input, is deterministic,
// its verdict agrees with its findings, and the fast guard agrees with the zod schema.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DiagnosisInput,
  DiagnosisInputSchema,
  diagnose,
  diagnosisFacts,
  formatFinding,
  isDiagnosisInput,
  RULES,
  type UserSnapshot,
} from "../src/index.js";

const instant = fc
  .date({ min: new Date("2025-01-01T00:00:00Z"), max: new Date("2027-01-01T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString());
const phone = fc.constantFrom(
  "+1 (415) 555-0134",
  "4155550199",
  "+14165550134",
  "+44 20 7946 0018",
  "+1 888 555 0100",
  "+1 876 555 0134",
  "n/a",
  "",
);
const status = fc.constantFrom("enabled", "pending", "enabling-failed", "disabled", "disabling-failed", null);
const license = fc.constantFrom(
  "X Series - X4",
  "X Series - X2",
  "X Series - Basic",
  "Lobby",
  "Something else",
  null,
);

const snapshotArb: fc.Arbitrary<UserSnapshot> = fc.record(
  {
    userId: fc.constantFrom("u-1", "u-2"),
    observedAt: instant,
    license,
    phoneNumber: fc.option(phone, { nil: null }),
    extensionType: fc.constantFrom("user", "auto-attendant", "call-queue", "ring-group"),
    numberCategory: fc.constantFrom("local", "toll-free", "virtual"),
    numberStatus: fc.constantFrom("assigned", "porting", "pre-porting", "temporary"),
    sms: fc.option(
      fc.record({
        number: fc.option(
          phone.filter((p) => p !== ""),
          { nil: null },
        ),
        enabled: fc.boolean(),
        status,
      }),
      { nil: null },
    ),
  },
  { requiredKeys: ["userId", "observedAt", "license", "phoneNumber", "sms"] },
);

const companyArb = fc.record(
  {
    observedAt: instant,
    brand: fc.record({ status: fc.constantFrom("verified", "pending", "unverified", "failed", null) }),
    campaign: fc.record({
      status: fc.constantFrom("verified", "pending", "rejected", "deactivated", "not-registered", null),
      errors: fc.array(
        fc.record(
          { field: fc.option(fc.string(), { nil: undefined }), message: fc.string() },
          { requiredKeys: ["message"] },
        ),
        { maxLength: 3 },
      ),
    }),
    enabledNumbers: fc.array(fc.record({ number: phone.filter((p) => p !== ""), status }), { maxLength: 4 }),
    numberLimit: fc.integer({ min: 1, max: 4 }),
  },
  { requiredKeys: ["observedAt", "brand", "campaign"] },
);

const inputArb: fc.Arbitrary<DiagnosisInput> = fc.record(
  {
    now: instant,
    current: snapshotArb,
    history: fc.array(snapshotArb, { maxLength: 5 }),
    company: companyArb,
  },
  { requiredKeys: ["now", "current"] },
);

describe("diagnose properties", () => {
  it("finds nothing with a rule outside its triggers, where evaluateRules does not call it", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const facts = diagnosisFacts(input);
        for (const rule of RULES) {
          if ((rule.triggers & facts.situations) !== 0) continue;
          expect(rule.evaluate(facts), rule.meta.id).toEqual([]);
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it("never throws on schema-valid input, fills every message, and is deterministic", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const first = diagnose(input);
        expect(diagnose(structuredClone(input))).toEqual(first);
        for (const finding of first.findings) {
          const text = formatFinding(finding);
          // Outside text in the data (a form field named "{{") is shown as it is: only the template's own
          // placeholders must be gone.
          const outside = [finding.data, ...finding.resolution.steps.map((step) => step.data)]
            .flatMap((data) => Object.values(data))
            .filter((value): value is string => typeof value === "string" && value.includes("{{"));
          for (const line of [text.explanation, ...text.steps]) {
            const own = outside.reduce((rest, value) => rest.split(value).join(""), line);
            expect(own).not.toMatch(/\{\{/);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("gives a verdict that agrees with the findings", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { verdict, findings } = diagnose(input);
        const blocks = findings.some((f) => f.severity === "blocking" && f.certainty !== "possible");
        const mightBlock = findings.some((f) => f.severity === "blocking");
        if (blocks) expect(verdict).toBe("cannot-send");
        if (verdict === "can-send") {
          expect(mightBlock).toBe(false);
          expect(input.current.sms?.status).toBe("enabled");
        }
        if (verdict === "pending") expect(input.current.sms?.status).toBe("pending");
      }),
      { numRuns: 400 },
    );
  });

  it("accepts with the fast guard exactly what the schema accepts", () => {
    // Valid inputs, then the same inputs with one field broken in a random place.
    const broken = inputArb.chain((input) =>
      fc
        .constantFrom<(i: Record<string, unknown>) => void>(
          (i) => (i.now = "2026-02-30T00:00:00Z"),
          (i) => ((i.current as Record<string, unknown>).sms = { number: "", enabled: true, status: null }),
          (i) => ((i.current as Record<string, unknown>).userId = ""),
          (i) => ((i.current as Record<string, unknown>).source = "fax"),
          (i) => ((i.current as Record<string, unknown>).observedAt = "2026-05-01T12:00:00"),
          (i) => (i.history = [{}]),
          (i) =>
            (i.company = {
              observedAt: "2026-05-01T12:00:00Z",
              brand: {},
              campaign: { status: null, errors: [] },
            }),
          (i) =>
            (i.company = {
              observedAt: "2026-05-01T12:00:00Z",
              brand: { status: null },
              campaign: { status: null, errors: [] },
              numberLimit: 0,
            }),
          (i) =>
            (i.provisioning = {
              number: "+1",
              state: "LIVE",
              since: "2026-05-01T12:00:00Z",
              transitions: [],
            }),
          (i) =>
            (i.provisioning = {
              number: "+1",
              state: "ACTIVE",
              since: "2026-05-01T12:00:00+02:00",
              transitions: [],
            }),
          () => {},
        )
        .map((breakIt) => {
          const copy = structuredClone(input) as unknown as Record<string, unknown>;
          breakIt(copy);
          return copy;
        }),
    );
    fc.assert(
      fc.property(broken, (value) => {
        expect(isDiagnosisInput(value)).toBe(DiagnosisInputSchema.safeParse(value).success);
      }),
      { numRuns: 600 },
    );
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(isDiagnosisInput(value)).toBe(DiagnosisInputSchema.safeParse(value).success);
      }),
      { numRuns: 300 },
    );
  });
});
