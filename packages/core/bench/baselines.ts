// What diagnose is measured against: json-rules-engine and a hand-written if-chain, both encoding
// only the article's four causes, each written the way its users write it.
import { type Almanac, Engine } from "json-rules-engine";
import type { Diagnosis, DiagnosisInput, Finding, ResolutionStep, UserSnapshot } from "../src/index.js";

const smsOn = (s: UserSnapshot) =>
  s.sms !== null && (s.sms.status === "enabled" || s.sms.status === "pending");
const digits = (n: string | null | undefined) =>
  n ? n.replace(/\D/g, "").replace(/^1(?=\d{10}$)/, "") : null;

/** The latest snapshot before `current` in which SMS was on, found without sorting (history is small). */
function lastSmsOn(input: DiagnosisInput): UserSnapshot | undefined {
  let best: UserSnapshot | undefined;
  for (const s of input.history ?? []) {
    if (s.observedAt < input.current.observedAt && smsOn(s) && (!best || s.observedAt > best.observedAt))
      best = s;
  }
  return best;
}

/**
 * json-rules-engine as its documentation teaches: the input is the one given fact, and what the rules
 * compare are dynamic facts the engine derives (and caches) from it through the almanac.
 */
export function jsonRulesEngine(): (input: DiagnosisInput) => Promise<string[]> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  const input = (almanac: Almanac) => almanac.factValue<DiagnosisInput>("input");
  engine.addFact("previous", async (_p, almanac) => lastSmsOn(await input(almanac)) ?? null);
  engine.addFact("smsOn", async (_p, almanac) => smsOn((await input(almanac)).current));
  engine.addFact("phoneNumber", async (_p, almanac) => digits((await input(almanac)).current.phoneNumber));
  engine.addFact("previousNumber", async (_p, almanac) =>
    digits((await almanac.factValue<UserSnapshot | null>("previous"))?.phoneNumber),
  );
  engine.addFact(
    "previousLicense",
    async (_p, almanac) => (await almanac.factValue<UserSnapshot | null>("previous"))?.license ?? null,
  );
  engine.addFact(
    "usCa",
    async (_p, almanac) => (digits((await input(almanac)).current.phoneNumber) ?? "").length === 10,
  );
  const off = { fact: "smsOn", operator: "equal", value: false };
  const hadSms = { fact: "previous", operator: "notEqual", value: null };
  engine.addRule({
    name: "phone-number-changed",
    conditions: {
      all: [hadSms, off, { fact: "phoneNumber", operator: "notEqual", value: { fact: "previousNumber" } }],
    },
    event: { type: "phone-number-changed" },
  });
  engine.addRule({
    name: "license-changed",
    conditions: {
      all: [
        hadSms,
        off,
        {
          fact: "input",
          path: "$.current.license",
          operator: "notEqual",
          value: { fact: "previousLicense" },
        },
      ],
    },
    event: { type: "license-changed" },
  });
  engine.addRule({
    name: "sms-disabled-by-admin",
    conditions: {
      all: [
        hadSms,
        off,
        { fact: "phoneNumber", operator: "equal", value: { fact: "previousNumber" } },
        { fact: "input", path: "$.current.license", operator: "equal", value: { fact: "previousLicense" } },
      ],
    },
    event: { type: "sms-disabled-by-admin" },
  });
  engine.addRule({
    name: "campaign-not-verified",
    conditions: {
      all: [
        { fact: "usCa", operator: "equal", value: true },
        { fact: "input", path: "$.company.campaign.status", operator: "notEqual", value: "verified" },
      ],
    },
    event: { type: "campaign-not-verified" },
  });
  return async (given) => (await engine.run({ input: given })).events.map((e) => e.type);
}

/** The four causes as a plain if-chain returning rule ids only: the floor of what rule logic can cost. */
export function ifChain(input: DiagnosisInput): string[] {
  const ids: string[] = [];
  const current = input.current;
  const previous = lastSmsOn(input);
  if (previous && !smsOn(current)) {
    const numberChanged = previous.phoneNumber !== current.phoneNumber;
    const licenseChanged = previous.license !== current.license;
    if (numberChanged) ids.push("phone-number-changed");
    if (licenseChanged) ids.push("license-changed");
    if (!numberChanged && !licenseChanged) ids.push("sms-disabled-by-admin");
  }
  if (input.current.phoneNumber?.startsWith("+1") && input.company?.campaign.status !== "verified") {
    ids.push("campaign-not-verified");
  }
  return ids;
}

/**
 * A diagnosis built again, new objects throughout, from the answer diagnose gave: what producing the
 * findings costs with no rule logic at all. Parts diagnose shares between findings (frozen) stay shared.
 * No rule evaluation producing full findings can be faster than this.
 */
export function rebuiltDiagnosis(answer: Diagnosis): Diagnosis {
  const findings: Finding[] = new Array(answer.findings.length);
  for (let i = 0; i < findings.length; i++) findings[i] = rebuiltFinding(answer.findings[i]!);
  return { verdict: answer.verdict, findings };
}

/**
 * A copy of diagnose's answer to keep for `rebuiltDiagnosis`, made natively and sharing what diagnose
 * shares. Keeping diagnose's own objects would teach V8 that the objects made where diagnose makes them
 * live long, and it would then make them in the old generation: every later diagnose would be slower.
 */
export function keptAnswer(answer: Diagnosis): Diagnosis {
  const copy = structuredClone(answer);
  copy.findings.forEach((kept, i) => {
    const { resolution } = answer.findings[i]!;
    if (Object.isFrozen(resolution)) kept.resolution = resolution;
    else if (Object.isFrozen(resolution.steps)) kept.resolution.steps = resolution.steps;
    else
      resolution.steps.forEach((step, j) => {
        if (Object.isFrozen(step)) kept.resolution.steps[j] = step;
      });
  });
  return copy;
}

const shared = <T extends object>(value: T, copy: (value: T) => T): T =>
  Object.isFrozen(value) ? value : copy(value);
const rebuiltStep = (step: ResolutionStep): ResolutionStep =>
  shared(step, (s) => ({ messageId: s.messageId, data: { ...s.data } }));

function rebuiltFinding(f: Finding): Finding {
  const resolution = shared(f.resolution, (r) => ({
    ...r,
    steps: shared(r.steps, (s) => s.map(rebuiltStep)),
  }));
  const evidence = f.evidence.map((e) => ({ ...e }));
  const { ruleId, certainty, severity, messageId } = f;
  return { ruleId, certainty, severity, messageId, data: { ...f.data }, evidence, resolution };
}
