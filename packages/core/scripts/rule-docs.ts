// Writes docs/rules/<id>.md for every registered rule from its metadata, so the pages never drift
// from what the rules say. `pnpm --filter @sms-doctor/core docs`; a test fails when a page is stale.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { RULES, type Rule, Situation } from "../src/index.js";

export const DOCS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "docs", "rules");

/** The Markdown page of one rule. */
export function ruleDoc(rule: Rule): string {
  const { meta } = rule;
  const triggers = Object.entries(Situation)
    .filter(([, bit]) => (rule.triggers & bit) !== 0)
    .map(([name]) => `\`${name}\``)
    .join(", ");
  const regions = meta.regions === "all" ? "every region" : meta.regions.join(", ");
  const messages = Object.entries(meta.messages)
    .map(([id, text]) => `| \`${id}\` | ${text.replaceAll("|", "\\|")} |`)
    .join("\n");
  const notes = (meta.notes ?? []).map((note) => `- ${note}\n`).join("");
  return `# \`${meta.id}\`: ${meta.title}

${meta.description}

- Severity of its main finding: **${meta.severity}**
- Applies to numbers in: ${regions}
- 8x8 article: [${meta.docs.article}](${meta.docs.url})
- Evaluated only in these situations (\`Situation\`): ${triggers}
${meta.seenOnlyIn ? `- Fires only on snapshots from: ${meta.seenOnlyIn.join(", ")} (the console page doesn't show what it needs)\n` : ""}${meta.needsCarrierRecord ? "- Needs a carrier's provisioning record of the number (the worker tracking it through a carrier API), beside what the console shows\n" : ""}${meta.tellApart ? `- When its finding is only possible, what would tell: ${meta.tellApart}\n` : ""}${notes}
## Messages

Findings and resolution steps carry a \`messageId\` and \`data\`; \`formatFinding\` fills these templates.

| messageId | template |
|---|---|
${messages}

<!-- generated from the rule's meta by scripts/rule-docs.ts -->
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(DOCS_DIR, { recursive: true });
  for (const rule of RULES) writeFileSync(join(DOCS_DIR, `${rule.meta.id}.md`), ruleDoc(rule));
  console.log(`wrote ${RULES.length} rule pages to ${DOCS_DIR}`);
}
