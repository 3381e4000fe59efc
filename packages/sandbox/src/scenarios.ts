import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Scenario, ScenarioSchema } from "./scenario-schema.js";
import { generateLargeCompany } from "./world/large-company.js";

/** The package folder (the same from `src/` under tests and from `dist/` when built). */
export const PACKAGE_ROOT = fileURLToPath(new URL("../", import.meta.url));
export const SCENARIOS_DIR = fileURLToPath(new URL("../scenarios/", import.meta.url));

/** Scenarios made by code rather than kept as JSON. */
const GENERATED: Record<string, () => unknown> = {
  "large-company": () => generateLargeCompany(),
};

/** A scenario file that does not match the schema; `field` is the path of the first problem. */
export class ScenarioFileError extends Error {
  constructor(
    readonly scenario: string,
    readonly field: string,
    message: string,
  ) {
    super(`scenario ${scenario}: ${field}: ${message}`);
    this.name = "ScenarioFileError";
  }
}

/** Every scenario name, sorted: the JSON files in `scenarios/` and the generated ones. */
export function listScenarios(): string[] {
  const files = readdirSync(SCENARIOS_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length));
  return [...files, ...Object.keys(GENERATED)].sort();
}

/** Reads and validates one scenario by name. */
export function loadScenario(name: string): Scenario {
  if (!/^[a-z0-9-]+$/.test(name) || !listScenarios().includes(name))
    throw new ScenarioFileError(name, "name", `no such scenario; known: ${listScenarios().join(", ")}`);
  const generate = GENERATED[name];
  const raw = generate ? generate() : JSON.parse(readFileSync(`${SCENARIOS_DIR}${name}.json`, "utf8"));
  return parseScenario(raw, name);
}

/** Validates a scenario given as data (tests and other packages can make their own). */
export function parseScenario(raw: unknown, label = "(inline)"): Scenario {
  const parsed = ScenarioSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ScenarioFileError(label, issue.path.join(".") || "(root)", issue.message);
  }
  if (parsed.data.name !== label && label !== "(inline)")
    throw new ScenarioFileError(label, "name", `the file says "${parsed.data.name}"`);
  return parsed.data;
}
