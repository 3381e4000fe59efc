// The main job for now: diagnose the bundled example cases and print verdicts, causes and steps.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { diagnose, formatFinding } from "../src/index.js";

const dir = join(import.meta.dirname, "..", "examples", "cases");
const VERDICT = {
  "can-send": "can send SMS",
  "cannot-send": "cannot send SMS",
  pending: "waiting for carriers",
  unknown: "unknown",
};

for (const file of readdirSync(dir).sort()) {
  const { title, input } = JSON.parse(readFileSync(join(dir, file), "utf8"));
  const { verdict, findings } = diagnose(input);
  console.log(`\n━━ ${title}\n   verdict: ${VERDICT[verdict as keyof typeof VERDICT]}`);
  if (findings.length === 0) console.log("   nothing stands in the way");
  for (const finding of findings) {
    const text = formatFinding(finding);
    console.log(`\n   [${finding.severity}, ${finding.certainty}] ${finding.ruleId}: ${text.title}`);
    console.log(`   ${text.explanation}`);
    for (const e of finding.evidence.filter((e) => e.before !== undefined)) {
      console.log(`   seen: ${e.field} ${e.before} → ${e.after} (${e.observedAt})`);
    }
    for (const [i, step] of text.steps.entries()) console.log(`     ${i + 1}. ${step}`);
    const wait = finding.resolution.expectedDelay;
    console.log(
      `     who acts: ${finding.resolution.actor}${wait ? `; expected wait ${wait.typical}, at most ${wait.max}` : ""}`,
    );
  }
}
