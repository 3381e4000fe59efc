// `pnpm --filter @sms-doctor/core bench`: diagnose against json-rules-engine and an if-chain, side by side.
import { Bench } from "tinybench";
import {
  DiagnosisInputSchema,
  diagnose,
  diagnosisFacts,
  evaluateRules,
  parseDiagnosisInput,
} from "../src/index.js";
import { ifChain, jsonRulesEngine } from "./baselines.js";
import { generateCases } from "./cases.js";

const CASES = 10_000;
const cases = generateCases(CASES);
// Unvalidated input arrives as JSON from a page or a request: give diagnose fresh objects, as it would get.
const raw: unknown[] = JSON.parse(JSON.stringify(cases));
const parsed = cases.map((c) => parseDiagnosisInput(c));
const jre = jsonRulesEngine();

let sink = 0;
const bench = new Bench({ time: 2_000, warmupTime: 300 });
bench
  .add("json-rules-engine (4 article causes)", async () => {
    for (const c of cases) sink += (await jre(c)).length;
  })
  .add("if-chain, rule ids only (4 causes)", () => {
    for (const c of cases) sink += ifChain(c).length;
  })
  .add("zod parse of the input alone", () => {
    for (const c of raw) sink += DiagnosisInputSchema.parse(c).history?.length ?? 0;
  })
  .add("diagnose(unvalidated input), validation included", () => {
    for (const c of raw) sink += diagnose(c).findings.length;
  })
  .add("rules on parsed input, full findings", () => {
    for (const c of parsed) sink += evaluateRules(diagnosisFacts(c)).findings.length;
  });

await bench.run();

const perSecond = new Map<string, number>();
for (const task of bench.tasks) {
  const mean = task.result && "latency" in task.result ? task.result.latency.mean : Number.NaN;
  perSecond.set(task.name, (CASES / mean) * 1000);
}
const rate = (name: string) => perSecond.get(name) ?? Number.NaN;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(`\n${CASES.toLocaleString("en-US")} generated cases, ${process.version}\n`);
for (const [name, value] of perSecond) console.log(`${name.padEnd(52)} ${fmt(value).padStart(12)} cases/s`);
const jreRate = rate("json-rules-engine (4 article causes)");
const validated = rate("diagnose(unvalidated input), validation included") / jreRate;
const rules = rate("rules on parsed input, full findings") / jreRate;
const chainGap = rate("if-chain, rule ids only (4 causes)") / rate("rules on parsed input, full findings");
console.log("");
console.log(
  `diagnose (validated) vs json-rules-engine: ${validated.toFixed(1)}x  (target >= 50x)  ${validated >= 50 ? "PASS" : "FAIL"}`,
);
console.log(
  `rules (parsed) vs json-rules-engine:       ${rules.toFixed(1)}x  (target >= 300x) ${rules >= 300 ? "PASS" : "FAIL"}`,
);
console.log(
  `if-chain ids-only vs rules (parsed):       ${chainGap.toFixed(1)}x  (target <= 10x)  ${chainGap <= 10 ? "PASS" : "FAIL"}`,
);
if (sink < 0) console.log(sink);
